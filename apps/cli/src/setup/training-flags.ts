import type { Flag } from '../args/flag.js';

/** The optimizer and its hyperparameters. Shared by `train` and `gradcheck --after`. */
export const OPTIMIZER_FLAGS: readonly Flag[] = [
  {
    name: 'optimizer',
    type: 'string',
    group: 'Optimization',
    valueName: '<name>',
    default: 'adam',
    plugin: { kind: 'optimizer' },
    description:
      'sgd, momentum, rmsprop, adam, adamw, or an optimizer plugin (see --plugin); set its options with --optimizer.<option>, e.g. --optimizer.beta2 0.98',
  },
  {
    name: 'lr',
    type: 'number',
    group: 'Optimization',
    valueName: '<α>',
    defaultText: "the optimizer's",
    description: 'Learning rate α',
  },
  {
    name: 'beta',
    type: 'number',
    group: 'Optimization',
    valueName: '<β>',
    defaultText: "the optimizer's",
    description: 'Momentum: the EWA weight β of the gradients; RMSprop: of the squared gradients',
  },
  {
    name: 'beta1',
    type: 'number',
    group: 'Optimization',
    valueName: '<β₁>',
    defaultText: "the optimizer's",
    description: 'Adam/AdamW: the EWA weight β₁ of the gradients (momentum)',
  },
  {
    name: 'beta2',
    type: 'number',
    group: 'Optimization',
    valueName: '<β₂>',
    defaultText: "the optimizer's",
    description: 'Adam/AdamW/RMSprop: the EWA weight β₂ of the squared gradients',
  },
  {
    name: 'eps',
    type: 'number',
    group: 'Optimization',
    valueName: '<ε>',
    defaultText: "the optimizer's",
    description: 'Adam/RMSprop: ε added to the root of the squared-gradient average',
  },
  {
    name: 'weight-decay',
    type: 'number',
    group: 'Optimization',
    valueName: '<λ>',
    defaultText: "the optimizer's",
    description: 'Decoupled weight decay (not applied to biases, batch-norm γ and β)',
  },
  {
    name: 'lr-schedule',
    type: 'string',
    group: 'Optimization',
    valueName: '<name>',
    default: 'none',
    plugin: { kind: 'schedule', special: ['none'] },
    description:
      'Learning-rate schedule plugin, stepped once per epoch (epochs counted from 1) from α₀ = --lr: time-decay, exponential-decay, square-root-decay, staircase-decay, reduce-on-plateau (watches the dev cost), warmup-cosine, …, or none; set its options with --lr-schedule.<option>, e.g. --lr-schedule exponential-decay --lr-schedule.decay-rate 0.95',
  },
  {
    name: 'lr-decay',
    type: 'string',
    group: 'Optimization',
    valueName: '<form>',
    defaultText: 'none',
    description:
      "Short form of --lr-schedule: time:<decayRate>, exp:<decayRate>, sqrt:<factor>, step:<decaySteps>[:<decayRate>], plateau[:<factor>[:<patience>]] or none (e.g. exp:0.95 = --lr-schedule exponential-decay --lr-schedule.decay-rate 0.95); values left out take the schedule's defaults",
  },
  {
    name: 'clip-norm',
    type: 'number',
    group: 'Optimization',
    valueName: '<max>',
    defaultText: "the optimizer's (off)",
    description: 'Clip the global gradient norm to this value',
  },
  {
    name: 'batch-size',
    type: 'integer',
    group: 'Training',
    min: 1,
    default: 128,
    description: 'Mini-batch size: 1 is stochastic gradient descent, ≥ m is batch gradient descent',
  },
];

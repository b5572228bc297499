// State dicts captured from @deeptune/optimizers before optimizers became chains of transforms
// (the code of commit 6d9ba0a): each was written by `stateDict()` after a few steps and turned
// into JSON (typed arrays as plain arrays). Loading them into today's optimizers must work
// unchanged and continue the very trajectory the old code took (`after`, also captured then).
import { describe, expect, it } from 'vitest';
import type { NamedParameter } from '@deeptune/core';
import { adam } from '../../src/optimizers/adam.js';
import { adamw } from '../../src/optimizers/adamw.js';
import { momentum } from '../../src/optimizers/momentum.js';
import { reduceOnPlateau } from '../../src/schedules/reduce-on-plateau.js';
import type { Optimizer } from '../../src/optimizer/optimizer.js';
import type { OptimizerStateDict } from '../../src/optimizer/optimizer-state-dict.js';
import { parameter, setGrad } from '../helpers/parameters.js';

/** The pseudo-gradient the capture used: sin(1.7·k + 0.9·i)·(1 + i). */
const gradient = (k: number, n: number): number[] =>
  Array.from({ length: n }, (_, i) => Math.sin(1.7 * k + 0.9 * i) * (1 + i));

/** JSON as a checkpoint file holds it: typed arrays written as plain arrays. */
const asJson = (state: OptimizerStateDict): unknown =>
  JSON.parse(
    JSON.stringify(state, (_key, value: unknown) =>
      value instanceof Float32Array || value instanceof Float64Array ? Array.from(value) : value,
    ),
  );

const values = (parameters: readonly NamedParameter[]): number[][] =>
  parameters.map((param) => Array.from(param.value.data));

const ADAM_STATE = {
  optimizer: 'adam',
  step: 3,
  parameters: {
    'dense.weight': {
      m: [0.02653910224058743, 0.003338724448314234, -0.07339115352661893, -0.12833257587003946],
      v: [
        0.00022046477693795993, 0.0017652966474944118, 0.004241331152070206, 0.0037887537348782153,
      ],
      t: 3,
    },
    'dense.bias': {
      m: [0.010895721369470375, 0.06167839319553467],
      v: [0.0005095428828878446, 0.0014626148057313715],
      t: 3,
    },
  },
  schedules: {},
};
const ADAM_WEIGHTS = [
  [0.4874568782543471, -0.26900370708857896, 0.9853631626448838, 1.992085073255193],
  [0.1167347610847906, -0.09263730158736233],
];
const ADAM_AFTER = [
  [0.4865281685915834, -0.2706788551756395, 0.9802424918597133, 1.9863596465267719],
  [0.11951047880300585, -0.08964206413916471],
];

const ADAMW_PLATEAU_STATE = {
  optimizer: 'adamw',
  step: 2,
  parameters: {
    w: {
      m: [0.07000000029802322, 0.009999998845160007],
      v: [0.0003122500202152878, 0.0019990000873804092],
      t: 2,
    },
  },
  schedules: {
    'no-weight-decay': {
      learningRate: 0.010000000000000002,
      best: 1,
      badEpochs: 0,
      cooldownLeft: 0,
    },
    default: { learningRate: 0.010000000000000002, best: 1, badEpochs: 0, cooldownLeft: 0 },
  },
};
const ADAMW_PLATEAU_WEIGHTS = [[0.8895882964134216, 2.097263813018799]];
const ADAMW_PLATEAU_AFTER = [[0.8883915543556213, 2.0936999320983887]];

const MOMENTUM_STATE = {
  optimizer: 'momentum',
  step: 1,
  parameters: { 'layers.0.weight': { velocity: [0.3, -0.5, 0.5] } },
  schedules: {},
};
const MOMENTUM_WEIGHTS = [[0.943, 2.095, 2.905]];
const MOMENTUM_AFTER = [[0.8236999999999999, 2.1165000000000003, 2.9025]];

function load(optimizer: Optimizer, state: unknown): Optimizer {
  optimizer.loadStateDict(state as OptimizerStateDict);
  expect(asJson(optimizer.stateDict())).toEqual(state);
  return optimizer;
}

describe('Optimizer.loadStateDict with state dicts saved before transforms', () => {
  it('resumes adam (weight decay, clipNorm, two groups) on the trajectory the old code took', () => {
    const weight = parameter('dense.weight', ADAM_WEIGHTS[0]!, 'weight', 'float64', [2, 2]);
    const bias = parameter('dense.bias', ADAM_WEIGHTS[1]!, 'bias');
    const optimizer = load(
      adam({ learningRate: 0.01, weightDecay: 0.1, clipNorm: 2 }).addParameters([weight, bias]),
      ADAM_STATE,
    );
    expect(optimizer.stepCount).toBe(3);
    for (let k = 3; k < 5; k++) {
      setGrad(weight, gradient(k, 4));
      setGrad(bias, gradient(k + 10, 2));
      optimizer.step();
    }
    expect(values([weight, bias])).toEqual(ADAM_AFTER);
  });

  it('resumes adamw (float32) with the state of its reduce-on-plateau schedule', () => {
    const schedule = reduceOnPlateau({ initialLearningRate: 0.1, patience: 0 });
    const weight = parameter('w', ADAMW_PLATEAU_WEIGHTS[0]!, 'weight', 'float32');
    const optimizer = load(
      adamw({ learningRate: schedule }).addParameters([weight]),
      ADAMW_PLATEAU_STATE,
    );
    expect(schedule.learningRate).toBe(0.010000000000000002);
    setGrad(weight, [-0.5, 0.75]);
    optimizer.step();
    expect(values([weight])).toEqual(ADAMW_PLATEAU_AFTER);
  });

  it('resumes momentum (PyTorch form, Nesterov, clipValue)', () => {
    const weight = parameter('layers.0.weight', MOMENTUM_WEIGHTS[0]!, 'weight');
    const optimizer = load(
      momentum({
        learningRate: 0.1,
        form: 'pytorch',
        nesterov: true,
        clipValue: 0.5,
      }).addParameters([weight]),
      MOMENTUM_STATE,
    );
    setGrad(weight, [1, 0.1, -0.2]);
    optimizer.step();
    expect(values([weight])).toEqual(MOMENTUM_AFTER);
  });
});

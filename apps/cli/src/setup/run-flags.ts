import type { Flag } from '../args/flag.js';
import { AUGMENT_FLAG } from './augment-flag.js';

/** The flags of a training run beyond data, network and optimizer: shared by `train` and `tune`. */
export const RUN_FLAGS: readonly Flag[] = [
  {
    name: 'epochs',
    type: 'integer',
    group: 'Training',
    min: 1,
    default: 8,
    description: 'Passes over the training set',
  },
  AUGMENT_FLAG,
  {
    name: 'early-stopping',
    type: 'string',
    group: 'Regularization',
    valueName: '<settings>',
    default: 'off',
    description:
      'Stop when the dev cost has not improved for patience epochs and restore the best weights: patience=3[,min-delta=0.001][,monitor=devCost][,restore=false], or just 3',
  },
];

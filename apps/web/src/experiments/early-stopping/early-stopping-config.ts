import type { PlanarSource } from '../classifier/planar-data.js';

/** Everything that determines a run of the early-stopping experiment (seeded: same config, same numbers). */
export interface EarlyStoppingConfig {
  /** The data. */
  readonly source: PlanarSource;
  /** Units of each hidden layer (ReLU), e.g. `[64, 64, 64]`: big enough to overfit. */
  readonly hiddenLayers: readonly number[];
  /** The learning rate α of Adam. */
  readonly learningRate: number;
  /** Examples per mini-batch; 0 means the whole training set. */
  readonly batchSize: number;
  /** The seed of the initial weights and of the shuffling. */
  readonly modelSeed: number;
  /** The epoch budget: training ends here if early stopping has not stopped it before. */
  readonly epochs: number;
  /** Epochs per step (the unit of play, pause and step). */
  readonly epochsPerStep: number;
  /** Epochs without a lower dev cost that early stopping tolerates before it stops. */
  readonly patience: number;
  /** The smallest decrease of the dev cost that counts as an improvement. */
  readonly minDelta: number;
  /** Cells per side of the decision-boundary grids. */
  readonly gridSize: number;
}

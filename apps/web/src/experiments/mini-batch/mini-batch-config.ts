import type { PlanarSource } from '../classifier/planar-data.js';

/** Everything that determines a run of the mini-batch-size experiment (seeded). */
export interface MiniBatchConfig {
  /** The 2-D classification data (its training split is trained on). */
  readonly source: PlanarSource;
  /** Units of the one hidden (tanh) layer. */
  readonly hiddenUnits: number;
  /** The learning rate α of plain gradient descent, the same for the three runs. */
  readonly learningRate: number;
  /** The mini-batch size of the middle run (the others use m and 1). */
  readonly batchSize: number;
  /** The epoch budget. */
  readonly epochs: number;
  /** Epochs per step (the unit of play, pause and step). */
  readonly epochsPerStep: number;
  /** The seed of the initial weights (the same for the three runs) and of the shuffling. */
  readonly modelSeed: number;
}

import type { MnistSubset } from './mnist-subset.js';

/** Everything that determines a training run of the MNIST page (seeded: same config, same numbers). */
export interface MnistTrainConfig {
  /** The bundled subset (training and test images). */
  readonly subset: MnistSubset;
  /** How many of the subset's training images are used (the first ones). */
  readonly trainImages: number;
  /** Units of the one hidden ReLU layer (784 → hidden → 10). */
  readonly hiddenUnits: number;
  /** Adam's learning rate α. */
  readonly learningRate: number;
  /** Examples per mini-batch. */
  readonly batchSize: number;
  /** The epoch budget. */
  readonly epochs: number;
  /** Epochs per step (the unit of play, pause and step). */
  readonly epochsPerStep: number;
  /** The seed of the initial weights and of the shuffling. */
  readonly seed: number;
}

import type { PlanarSource } from '../classifier/planar-data.js';

/** Everything that determines a run of the batch-norm experiment (seeded: same config, same numbers). */
export interface BatchNormConfig {
  /** The data. */
  readonly source: PlanarSource;
  /** Units of each hidden layer (ReLU), e.g. `[16, 16, 16]`. */
  readonly hiddenLayers: readonly number[];
  /** The learning rates α compared: one plain and one batch-norm net is trained per value. */
  readonly learningRates: readonly number[];
  /** The optimizer of every net: plain mini-batch gradient descent, or with momentum β = 0.9. */
  readonly optimizer: 'sgd' | 'momentum';
  /** Examples per mini-batch (also the batch whose Z the histograms show). */
  readonly batchSize: number;
  /** The seed of the initial weights (the same W for the plain and the batch-norm net) and of shuffling. */
  readonly modelSeed: number;
  /** The epoch budget. */
  readonly epochs: number;
  /** Epochs per step (the unit of play, pause and step). */
  readonly epochsPerStep: number;
  /** Which learning rate's batch-norm net is inspected (an index into `learningRates`). */
  readonly inspectRate: number;
  /** Which hidden layer's Z is inspected (0 = the first). */
  readonly inspectLayer: number;
}

/** `count` learning rates spaced evenly on a log scale from `largest / 10^decades` to `largest`. */
export function logSpacedRates(largest: number, count: number, decades: number): number[] {
  return Array.from({ length: count }, (_, index) => {
    const exponent = count === 1 ? 0 : -decades * (1 - index / (count - 1));
    return Number((largest * 10 ** exponent).toPrecision(3));
  });
}

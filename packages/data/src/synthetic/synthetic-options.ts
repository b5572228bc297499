import type { DType, Rng } from '@deeptune/core';

/**
 * Options shared by the synthetic 2-D datasets ({@link circles}, {@link moons},
 * {@link spirals}, {@link xor}, {@link blobs}).
 *
 * @category Synthetic datasets
 */
export interface SyntheticOptions {
  /** The number of examples m; an integer ≥ 1. Classes get m/classes examples each (±1). */
  readonly m: number;
  /**
   * The standard deviation of the Gaussian noise added to each coordinate; ≥ 0. Each
   * generator documents its default.
   */
  readonly noise?: number;
  /**
   * The generator for the points. Give `rng` or `seed`, not both.
   * @defaultValue `new Rng(0)`: the same points every run
   */
  readonly rng?: Rng;
  /** A seed for a new generator `new Rng(seed)`, as an alternative to `rng`. */
  readonly seed?: number;
  /**
   * The dtype of inputs and targets.
   * @defaultValue `'float32'`
   */
  readonly dtype?: DType;
}

/**
 * Options of the synthetic datasets that can have more than two classes
 * ({@link circles}, {@link spirals}, {@link blobs}).
 *
 * @category Synthetic datasets
 */
export interface MultiClassSyntheticOptions extends SyntheticOptions {
  /** The number of classes; an integer ≥ 2. Each generator documents its default. */
  readonly classes?: number;
}

import type { Tensor } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import { ConfigError } from '../errors/config-error.js';
import type { Rng } from '../random/rng.js';
import { getDefaultRng } from '../random/default-rng.js';
import type { CreationOptions } from './creation-options.js';
import { allocateFor, finish } from './internal.js';

/** Options of the random creation functions. */
export interface RandomOptions extends CreationOptions {
  /**
   * The generator to draw from.
   * @defaultValue the default generator (see `seed` and `getDefaultRng`)
   */
  readonly rng?: Rng;
}

/** Options of {@link randn}. */
export interface RandnOptions extends RandomOptions {
  /** @defaultValue 0 */
  readonly mean?: number;
  /** @defaultValue 1 */
  readonly std?: number;
}

/**
 * A tensor of independent normal samples (mean 0 and standard deviation 1 unless given),
 * drawn from a seeded, platform-independent generator.
 *
 * @throws {@link ConfigError} when `std` is negative or a parameter is not finite.
 * @category Creation
 * @example
 * ```ts
 * const rng = new Rng(42);
 * const w = randn([784, 128], { rng, std: Math.sqrt(2 / 784) }); // He initialisation
 * ```
 */
export function randn(shape: Shape, options: RandnOptions = {}): Tensor {
  const mean = options.mean ?? 0;
  const std = options.std ?? 1;
  if (!Number.isFinite(mean) || !Number.isFinite(std) || std < 0) {
    throw new ConfigError(
      `randn: expected a finite mean and a finite std ≥ 0, got mean ${mean}, std ${std}.`,
    );
  }
  const { storage } = allocateFor('randn', shape, options);
  (options.rng ?? getDefaultRng()).fillNormal(storage, mean, std);
  return finish(storage, shape, options);
}

/**
 * A tensor of independent samples uniform in `[low, high)`.
 *
 * @throws {@link ConfigError} when `low ≥ high` or a bound is not finite.
 * @category Creation
 *
 * @example
 * ```ts
 * const rng = new Rng(0);
 * const limit = Math.sqrt(6 / 784); // He uniform for a [784, 128] weight
 * const w = uniform([784, 128], -limit, limit, { rng });
 * ```
 */
export function uniform(
  shape: Shape,
  low: number,
  high: number,
  options: RandomOptions = {},
): Tensor {
  if (!Number.isFinite(low) || !Number.isFinite(high) || !(low < high)) {
    throw new ConfigError(
      `uniform: expected finite bounds with low < high, got low ${low}, high ${high}.`,
    );
  }
  const { storage } = allocateFor('uniform', shape, options);
  (options.rng ?? getDefaultRng()).fillUniform(storage, low, high);
  return finish(storage, shape, options);
}

/**
 * A tensor of independent samples uniform in `[0, 1)`.
 * @category Creation
 *
 * @example
 * ```ts
 * const rng = new Rng(0);
 * const keepMask = rand([32, 128], { rng }).less(0.8); // 1 with probability 0.8: a dropout mask
 * ```
 */
export function rand(shape: Shape, options: RandomOptions = {}): Tensor {
  return uniform(shape, 0, 1, options);
}

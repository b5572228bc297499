import {
  definePlugin,
  option,
  ShapeError,
  type Augmentation,
  type Rng,
  type Tensor,
} from '@deeptune/core';
import { assertAugmentationArguments, emptyLike } from '../internal/image-batch.js';

/** Options of {@link gaussianNoise}. */
export interface GaussianNoiseOptions {
  /** The standard deviation σ of the noise (not the variance): a finite number ≥ 0. */
  readonly std: number;
}

const gaussianNoiseSchema = {
  /** The standard deviation σ ≥ 0 of the noise. */
  std: option.number({
    min: 0,
    description: 'Standard deviation σ of the noise added to every value.',
  }),
};

/** Builds the augmentation from a validated σ. */
function createGaussianNoise(std: number): Augmentation {
  const where = 'gaussianNoise';
  return (batch: Tensor, rng: Rng): Tensor => {
    assertAugmentationArguments(where, batch, rng);
    if (batch.rank === 0) {
      throw new ShapeError(
        `${where}: expected a batch [m, …] (rank ≥ 1), got a scalar []. ` +
          'Hint: the first axis counts the examples.',
      );
    }
    const noise = new Float64Array(batch.size);
    rng.fillNormal(noise, 0, std);
    const output = emptyLike(batch);
    const source = batch.data;
    const target = output.data;
    for (let i = 0; i < noise.length; i++) target[i] = source[i]! + noise[i]!;
    return output;
  };
}

/**
 * The `gaussian-noise` augmentation as a registry entry:
 * `registry.create('augmentation', 'gaussian-noise', { std })`.
 *
 * Option: `std` (required, a number ≥ 0).
 */
export const gaussianNoisePlugin = definePlugin({
  kind: 'augmentation',
  name: 'gaussian-noise',
  description: 'Adds independent normal noise N(0, std²) to every value.',
  options: gaussianNoiseSchema,
  create: ({ std }) => createGaussianNoise(std),
});

/**
 * Additive Gaussian noise: adds an independent sample of N(0, σ²) to every value of a
 * batch.
 *
 * Works on batches of any shape `[m, …]` (images, flattened or not, and plain feature
 * vectors alike). The result is a new tensor of the same shape and dtype; the input is not
 * changed, and the result is data, not tracked by autograd. The noise is drawn from `rng` in
 * row-major order (one normal sample per value), so the same generator state gives the same
 * noise.
 *
 * @remarks
 * ```text
 * out = x + σ·z,   z ~ N(0, 1) independently per value
 * ```
 *
 * @param options - `std`, the standard deviation σ ≥ 0.
 * @returns an {@link @deeptune/core!Augmentation} `(batch, rng) => Tensor`.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `std` is negative, NaN or
 *   infinite.
 * @throws {@link @deeptune/core!ConfigError} when `std` is missing or not a number, or an
 *   unknown option is given; the augmentation throws a {@link @deeptune/core!ShapeError} for a scalar batch.
 *
 * @example
 * ```ts
 * const noisy = gaussianNoise({ std: 0.1 })(batch, rng.split());
 * ```
 */
export const gaussianNoise: (options: GaussianNoiseOptions) => Augmentation =
  gaussianNoisePlugin.create;

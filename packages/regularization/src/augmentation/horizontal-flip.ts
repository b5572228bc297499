import { definePlugin, option, type Augmentation, type Rng, type Tensor } from '@deeptune/core';
import {
  assertImageSize,
  emptyLike,
  imageSizeSchema,
  readImageBatch,
  type ImageSize,
} from '../internal/image-batch.js';
import type { ImageSizeOptions } from './image-size-options.js';

/** Options of {@link horizontalFlip}. */
export interface HorizontalFlipOptions extends ImageSizeOptions {
  /**
   * The probability that an example is mirrored, in [0, 1].
   * @defaultValue 0.5
   */
  readonly probability?: number;
}

const horizontalFlipSchema = {
  /** The probability that an example is mirrored, in [0, 1]; default 0.5. */
  probability: option.number({
    default: 0.5,
    min: 0,
    max: 1,
    description: 'Probability that an example is mirrored left–right.',
  }),
  ...imageSizeSchema,
};

/** Builds the augmentation from validated options. */
function createHorizontalFlip(probability: number, size: ImageSize): Augmentation {
  const where = 'horizontalFlip';
  assertImageSize(where, size);
  return (batch: Tensor, rng: Rng): Tensor => {
    const { count, height, width } = readImageBatch(where, batch, rng, size);
    const output = emptyLike(batch);
    const source = batch.data;
    const target = output.data;
    const pixels = height * width;
    for (let n = 0; n < count; n++) {
      const flip = rng.nextFloat() < probability;
      for (let r = 0; r < height; r++) {
        const row = n * pixels + r * width;
        for (let c = 0; c < width; c++) {
          target[row + c] = source[row + (flip ? width - 1 - c : c)]!;
        }
      }
    }
    return output;
  };
}

/**
 * The `horizontal-flip` augmentation as a registry entry:
 * `registry.create('augmentation', 'horizontal-flip', { probability, height, width })`.
 *
 * Options: `probability` (default 0.5, in [0, 1]), `height` and `width` (positive integers,
 * for `[m, h·w]` batches).
 */
export const horizontalFlipPlugin = definePlugin({
  kind: 'augmentation',
  name: 'horizontal-flip',
  description: 'Mirrors each image left–right with the given probability.',
  options: horizontalFlipSchema,
  create: ({ probability, height, width }) => createHorizontalFlip(probability, { height, width }),
});

/**
 * A random horizontal flip: mirrors each image of a batch left–right with probability
 * `probability`, independently per example.
 *
 * The batch is `[m, h, w]`, or `[m, h·w]` with the `height` and `width` options. The result
 * is a new tensor of the same shape and dtype; the input is not changed, and the result is
 * data, not tracked by autograd. One uniform number is drawn from `rng` per example
 * (flipped when it is below `probability`), so the same generator state gives the same flips.
 *
 * @remarks
 * ```text
 * for each example n:  flip_n = (u_n < probability),  u_n ~ U[0, 1)
 * out[n, r, c] = flip_n ? x[n, r, w − 1 − c] : x[n, r, c]
 * ```
 *
 * @param options - `probability` (default 0.5), `height` and `width`.
 * @returns an {@link @deeptune/core!Augmentation} `(batch, rng) => Tensor`.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `probability` is outside
 *   [0, 1] or NaN.
 * @throws {@link @deeptune/core!ConfigError} for a value of the wrong type, an invalid or lone `height`/`width` or an
 *   unknown option; the augmentation throws a {@link @deeptune/core!ShapeError} when a batch
 *   does not have the image shape.
 *
 * @example
 * ```ts
 * const flip = horizontalFlip({ height: 28, width: 28 }); // [m, 784] MNIST-style batches
 * const augmented = flip(batch, rng.split());
 * ```
 */
export const horizontalFlip: (options?: HorizontalFlipOptions) => Augmentation =
  horizontalFlipPlugin.create;

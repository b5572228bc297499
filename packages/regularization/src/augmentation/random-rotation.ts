import { definePlugin, option, type Augmentation, type Rng, type Tensor } from '@deeptune/core';
import {
  assertImageSize,
  emptyLike,
  imageSizeSchema,
  readImageBatch,
  type ImageSize,
} from '../internal/image-batch.js';
import { rotateImage, type Interpolation } from '../internal/rotate-image.js';
import type { ImageSizeOptions } from './image-size-options.js';

/** Options of {@link randomRotation}. */
export interface RandomRotationOptions extends ImageSizeOptions {
  /** The largest rotation in degrees, either way: a number in [0, 180]. */
  readonly maxDegrees: number;
  /**
   * How pixels are resampled: `'bilinear'` blends the four pixels around the source point
   * (smooth, best for small angles); `'nearest'` copies the closest pixel (values are kept
   * exactly; a rotation by a multiple of 90° is an exact permutation of the pixels).
   * @defaultValue 'bilinear'
   */
  readonly interpolation?: 'bilinear' | 'nearest';
}

const randomRotationSchema = {
  /** The largest rotation in degrees, in [0, 180]. */
  maxDegrees: option.number({
    min: 0,
    max: 180,
    description: 'Largest rotation in degrees, either way.',
  }),
  /** `'bilinear'` (default) or `'nearest'`. */
  interpolation: option.enum(['bilinear', 'nearest'], {
    default: 'bilinear',
    description: 'Resampling: bilinear blend of 4 pixels, or the nearest pixel.',
  }),
  ...imageSizeSchema,
};

/** Builds the augmentation from validated options. */
function createRandomRotation(
  maxDegrees: number,
  interpolation: Interpolation,
  size: ImageSize,
): Augmentation {
  const where = 'randomRotation';
  assertImageSize(where, size);
  return (batch: Tensor, rng: Rng): Tensor => {
    const { count, height, width } = readImageBatch(where, batch, rng, size);
    const output = emptyLike(batch);
    const pixels = height * width;
    for (let n = 0; n < count; n++) {
      const degrees = maxDegrees * (2 * rng.nextFloat() - 1);
      rotateImage(batch.data, output.data, n * pixels, height, width, degrees, interpolation);
    }
    return output;
  };
}

/**
 * The `random-rotation` augmentation as a registry entry:
 * `registry.create('augmentation', 'random-rotation', { maxDegrees, interpolation, height, width })`.
 *
 * Options: `maxDegrees` (required, in [0, 180]), `interpolation` (`'bilinear'` or
 * `'nearest'`, default `'bilinear'`), `height` and `width` (positive integers, for
 * `[m, h·w]` batches).
 */
export const randomRotationPlugin = definePlugin({
  kind: 'augmentation',
  name: 'random-rotation',
  description: 'Rotates each image by a random angle about its centre, filling with zeros.',
  options: randomRotationSchema,
  create: ({ maxDegrees, interpolation, height, width }) =>
    createRandomRotation(maxDegrees, interpolation, { height, width }),
});

/**
 * A small random rotation: rotates each image of a batch about its centre by an angle drawn
 * uniformly from [−maxDegrees, maxDegrees), resampling bilinearly (default) or from the
 * nearest pixel; pixels whose source lies outside the image become 0.
 *
 * The batch is `[m, h, w]`, or `[m, h·w]` with the `height` and `width` options. The result
 * is a new tensor of the same shape and dtype; the input is not changed, and the result is
 * data, not tracked by autograd. One uniform number is drawn from `rng` per example. The
 * sine and cosine are computed with exactly specified arithmetic (not `Math.sin`), so the
 * same seed gives bit-identical images in Node and every browser.
 *
 * @remarks
 * ```text
 * θ_n ~ U[−maxDegrees, maxDegrees)                    (per example; positive = counter-clockwise)
 * (cy, cx) = ((h − 1)/2, (w − 1)/2),  dy = r − cy,  dx = c − cx
 * source point:  x = cx + cos θ·dx − sin θ·dy,   y = cy + sin θ·dx + cos θ·dy
 * nearest:   out[n, r, c] = x[n, round(y), round(x)]
 * bilinear:  out[n, r, c] = Σ over the 4 pixels around (y, x) of
 *            (1 − |y − y_k|)(1 − |x − x_k|) · x[n, y_k, x_k]
 * (pixels outside the image count as 0)
 * ```
 *
 * @param options - `maxDegrees`, `interpolation` (default `'bilinear'`), `height` and `width`.
 * @returns an {@link @deeptune/core!Augmentation} `(batch, rng) => Tensor`.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `maxDegrees` is outside
 *   [0, 180] or NaN.
 * @throws {@link @deeptune/core!ConfigError} for a value of the wrong type, an invalid `interpolation`, an invalid or
 *   lone `height`/`width`, or an unknown option; the augmentation throws a
 *   {@link @deeptune/core!ShapeError} when a batch does not have the image shape.
 *
 * @example
 * ```ts
 * const rotate = randomRotation({ maxDegrees: 10, height: 28, width: 28 });
 * const augmented = rotate(batch, rng.split()); // each digit tilted by up to ±10°
 * ```
 */
export const randomRotation: (options: RandomRotationOptions) => Augmentation =
  randomRotationPlugin.create;

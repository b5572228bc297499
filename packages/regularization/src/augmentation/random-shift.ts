import {
  definePlugin,
  InvalidHyperparameterError,
  option,
  type Augmentation,
  type Rng,
  type Tensor,
} from '@deeptune/core';
import {
  assertImageSize,
  emptyLike,
  imageSizeSchema,
  readImageBatch,
  type ImageSize,
} from '../internal/image-batch.js';
import type { ImageSizeOptions } from './image-size-options.js';

/** Options of {@link randomShift}. */
export interface RandomShiftOptions extends ImageSizeOptions {
  /**
   * The largest shift in pixels along each axis: an integer ≥ 0, smaller than the image
   * height and width.
   */
  readonly maxShift: number;
  /**
   * What fills the pixels that enter the frame: `'zeros'` (black), the only mode so far.
   * @defaultValue 'zeros'
   */
  readonly padding?: 'zeros';
}

const randomShiftSchema = {
  /** The largest shift in pixels along each axis, an integer ≥ 0. */
  maxShift: option.number({
    integer: true,
    min: 0,
    description: 'Largest shift in pixels along each axis.',
  }),
  /** What fills the pixels that enter the frame: `'zeros'`. */
  padding: option.enum(['zeros'], {
    default: 'zeros',
    description: 'What fills the pixels that enter the frame.',
  }),
  ...imageSizeSchema,
};

/** Builds the augmentation from validated options. */
function createRandomShift(maxShift: number, size: ImageSize): Augmentation {
  const where = 'randomShift';
  assertImageSize(where, size);
  const choices = 2 * maxShift + 1;
  return (batch: Tensor, rng: Rng): Tensor => {
    const { count, height, width } = readImageBatch(where, batch, rng, size);
    if (count > 0 && (maxShift >= height || maxShift >= width)) {
      throw new InvalidHyperparameterError(
        `${where}: maxShift must be smaller than the image height and width, got maxShift ` +
          `${maxShift} for ${height}×${width} images; a shift that large can move the whole ` +
          'image out of the frame.',
      );
    }
    const output = emptyLike(batch); // zeros: the padding
    const source = batch.data;
    const target = output.data;
    const pixels = height * width;
    for (let n = 0; n < count; n++) {
      const dy = rng.int(choices) - maxShift;
      const dx = rng.int(choices) - maxShift;
      const base = n * pixels;
      // Rows r with 0 ≤ r − dy < height, columns c with 0 ≤ c − dx < width; the rest stay 0.
      for (let r = Math.max(0, dy); r < Math.min(height, height + dy); r++) {
        const targetRow = base + r * width;
        const sourceRow = base + (r - dy) * width;
        for (let c = Math.max(0, dx); c < Math.min(width, width + dx); c++) {
          target[targetRow + c] = source[sourceRow + c - dx]!;
        }
      }
    }
    return output;
  };
}

/**
 * The `random-shift` augmentation as a registry entry:
 * `registry.create('augmentation', 'random-shift', { maxShift, padding, height, width })`.
 *
 * Options: `maxShift` (required, an integer ≥ 0), `padding` (`'zeros'`), `height` and
 * `width` (positive integers, for `[m, h·w]` batches).
 */
export const randomShiftPlugin = definePlugin({
  kind: 'augmentation',
  name: 'random-shift',
  description: 'Shifts each image by a random whole number of pixels, filling with zeros.',
  options: randomShiftSchema,
  create: ({ maxShift, height, width }) => createRandomShift(maxShift, { height, width }),
});

/**
 * A random translation: shifts each image of a batch by a random whole number of pixels
 * along each axis, filling the pixels that enter the frame with zeros.
 *
 * This is the same as padding the image with `maxShift` zeros on every side and cutting out
 * a random h × w window (a random crop). The batch is `[m, h, w]`, or `[m, h·w]` with the
 * `height` and `width` options. The result is a new tensor of the same shape and dtype; the
 * input is not changed, and the result is data, not tracked by autograd. Per example, two
 * integers are drawn from `rng` (`dy`, then `dx`), so the same generator state gives the
 * same shifts.
 *
 * @remarks
 * ```text
 * dy, dx ~ uniform integers in [−maxShift, maxShift]   (per example)
 * out[n, r, c] = x[n, r − dy, c − dx]   if 0 ≤ r − dy < h and 0 ≤ c − dx < w
 *              = 0                       otherwise
 * ```
 * Positive `dx` moves the content right, positive `dy` moves it down.
 *
 * @param options - `maxShift`, `padding` (default `'zeros'`), `height` and `width`.
 * @returns an {@link @deeptune/core!Augmentation} `(batch, rng) => Tensor`.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `maxShift` is not an integer
 *   ≥ 0; the augmentation throws it when `maxShift` is not smaller than the image height and
 *   width.
 * @throws {@link @deeptune/core!ConfigError} for an invalid `padding`, an invalid or lone
 *   `height`/`width`, or an unknown option; the augmentation throws a
 *   {@link @deeptune/core!ShapeError} when a batch does not have the image shape.
 *
 * @example
 * ```ts
 * const shift = randomShift({ maxShift: 2, height: 28, width: 28 });
 * const augmented = shift(batch, rng.split()); // each digit moved by up to 2 pixels
 * ```
 */
export const randomShift: (options: RandomShiftOptions) => Augmentation = randomShiftPlugin.create;

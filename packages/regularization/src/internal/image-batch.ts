import {
  ConfigError,
  option,
  ShapeError,
  Rng,
  zeros,
  isTensor,
  type Tensor,
  formatShape,
} from '@deeptune/core';

/**
 * The `height` and `width` options shared by the image augmentation plugins.
 * @internal
 */
export const imageSizeSchema = {
  /** The image height h, a positive integer; for `[m, h·w]` batches. */
  height: option.number({
    integer: true,
    min: 1,
    optional: true,
    description: 'Image height h; required for flattened [m, h·w] batches.',
  }),
  /** The image width w, a positive integer; for `[m, h·w]` batches. */
  width: option.number({
    integer: true,
    min: 1,
    optional: true,
    description: 'Image width w; required for flattened [m, h·w] batches.',
  }),
};

/**
 * The validated `height` and `width` options (each `undefined` when not given).
 * @internal
 */
export interface ImageSize {
  readonly height: number | undefined;
  readonly width: number | undefined;
}

/**
 * Throws a {@link ConfigError} when only one of `height` and `width` is given.
 * @internal
 */
export function assertImageSize(where: string, size: ImageSize): void {
  if ((size.height === undefined) !== (size.width === undefined)) {
    const given = size.height === undefined ? `width ${size.width}` : `height ${size.height}`;
    throw new ConfigError(
      `${where}: give both height and width, or neither; got only ${given}. ` +
        'Hint: for 28×28 images pass { height: 28, width: 28 }.',
    );
  }
}

/**
 * A batch of m images of h × w pixels, example `n`'s pixel (r, c) at
 * `n·h·w + r·w + c` of `data`.
 * @internal
 */
export interface ImageBatch {
  readonly count: number;
  readonly height: number;
  readonly width: number;
}

/**
 * Checks the arguments of an augmentation and reads the image size of `batch`:
 * `[m, h·w]` with the `height` and `width` options, or `[m, h, w]`.
 *
 * @throws {@link ConfigError} when `batch` is not a tensor or `rng` not an `Rng`.
 * @throws {@link ShapeError} when the shape is neither, or does not match the options.
 * @internal
 */
export function readImageBatch(
  where: string,
  batch: unknown,
  rng: unknown,
  size: ImageSize,
): ImageBatch {
  assertAugmentationArguments(where, batch, rng);
  const shape = batch.shape;
  const { height, width } = size;
  if (shape.length === 3) {
    const [count, h, w] = shape as [number, number, number];
    if ((height !== undefined && height !== h) || (width !== undefined && width !== w)) {
      throw new ShapeError(
        `${where}: expected a batch [m, ${height}, ${width}] for the height ${height} and ` +
          `width ${width} options, got ${formatShape(shape)}.`,
      );
    }
    return { count, height: h, width: w };
  }
  if (shape.length === 2) {
    if (height === undefined || width === undefined) {
      throw new ShapeError(
        `${where}: a batch of flattened images ${formatShape(shape)} needs the image size; ` +
          'expected [m, h, w], or [m, h·w] together with the height and width options. ' +
          `Hint: ${where}({ …, height: 28, width: 28 }) for 28×28 images.`,
      );
    }
    if (shape[1] !== height * width) {
      throw new ShapeError(
        `${where}: expected a batch [m, h·w] = [m, ${height * width}] for height ${height} and ` +
          `width ${width}, got ${formatShape(shape)} (${shape[1]} ≠ ${height}·${width}).`,
      );
    }
    return { count: shape[0]!, height, width };
  }
  throw new ShapeError(
    `${where}: expected a batch of images [m, h·w] or [m, h, w], got ${formatShape(shape)} ` +
      `(rank ${shape.length}).`,
  );
}

/**
 * Throws a {@link ConfigError} unless `batch` is a tensor and `rng` an `Rng`.
 * @internal
 */
export function assertAugmentationArguments(
  where: string,
  batch: unknown,
  rng: unknown,
): asserts batch is Tensor {
  if (!isTensor(batch)) {
    throw new ConfigError(
      `${where}: the batch must be a Tensor, got ${batch === null ? 'null' : typeof batch}.`,
    );
  }
  if (!Rng.isRng(rng)) {
    throw new ConfigError(
      `${where}: rng must be an Rng, got ${rng === null ? 'null' : typeof rng}. ` +
        'Hint: pass a seeded generator, e.g. new Rng(0) or rng.split().',
    );
  }
}

/**
 * A new tensor with the shape and dtype of `batch`, filled with zeros, not tracked by autograd.
 * @internal
 */
export function emptyLike(batch: Tensor): Tensor {
  return zeros(batch.shape, { dtype: batch.dtype });
}

/**
 * The image size of a batch of flattened images: a batch `[m, h·w]` has one row of
 * `h·w` pixels (row-major) per example, so the augmentation needs `height` and `width` to
 * know where the rows of the image start. Batches `[m, h, w]` carry their size in their
 * shape; the options may then be left out (if given, they must match).
 */
export interface ImageSizeOptions {
  /** The image height h in pixels: a positive integer; required for `[m, h·w]` batches. */
  readonly height?: number;
  /** The image width w in pixels: a positive integer; required for `[m, h·w]` batches. */
  readonly width?: number;
}

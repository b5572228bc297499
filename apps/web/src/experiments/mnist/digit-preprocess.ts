import { MNIST_PIXELS, MNIST_SIDE } from './mnist-subset.js';

/** The side of the box the digit's bounding box is scaled into (MNIST: 20 × 20). */
export const DIGIT_BOX = 20;

/**
 * Resamples `length` source values starting at `start` (every `stride`) into `count` values
 * by area averaging: each output is the mean of the source interval it covers, weighted by
 * overlap. Writes output `j` to `out[outStart + j * outStride]`.
 */
function resampleLine(
  source: Float32Array,
  start: number,
  stride: number,
  length: number,
  out: Float32Array,
  outStart: number,
  outStride: number,
  count: number,
): void {
  const width = length / count;
  for (let j = 0; j < count; j++) {
    const a = j * width;
    const b = a + width;
    let sum = 0;
    for (let k = Math.floor(a); k < Math.ceil(b) && k < length; k++) {
      const overlap = Math.min(b, k + 1) - Math.max(a, k);
      if (overlap > 0) sum += source[start + k * stride]! * overlap;
    }
    out[outStart + j * outStride] = sum / width;
  }
}

/** The centre of mass (x, y) of a `width` × `height` image, in pixel-index coordinates. */
export function centreOfMass(
  image: Float32Array,
  width: number,
  height: number,
): { x: number; y: number; mass: number } {
  let mass = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = image[y * width + x]!;
      mass += value;
      sx += value * x;
      sy += value * y;
    }
  }
  return mass === 0 ? { x: NaN, y: NaN, mass } : { x: sx / mass, y: sy / mass, mass };
}

/**
 * Turns a drawing into an MNIST-like input, as MNIST's images were made: the ink's bounding
 * box (values above `threshold`) is scaled, keeping its aspect ratio, so its longer side is
 * 20 pixels (area averaging, so strokes stay grey-edged), then placed in a 28 × 28 image so
 * that its centre of mass is at the middle (13.5, 13.5) to within half a pixel.
 *
 * @param ink - `width` × `height` values in [0, 1], row by row; 1 is full ink.
 * @returns 784 values in [0, 1], or `null` when there is no ink.
 */
export function preprocessDigit(
  ink: Float32Array,
  width: number,
  height: number,
  threshold = 0.05,
): Float32Array | null {
  let left = width;
  let right = -1;
  let top = height;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x]! > threshold) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        if (y > bottom) bottom = y;
      }
    }
  }
  if (right < 0) return null;
  const boxWidth = right - left + 1;
  const boxHeight = bottom - top + 1;
  const scale = DIGIT_BOX / Math.max(boxWidth, boxHeight);
  const outWidth = Math.max(1, Math.min(DIGIT_BOX, Math.round(boxWidth * scale)));
  const outHeight = Math.max(1, Math.min(DIGIT_BOX, Math.round(boxHeight * scale)));
  // Rows first (box rows × outWidth), then columns (outHeight × outWidth).
  const rows = new Float32Array(boxHeight * outWidth);
  for (let y = 0; y < boxHeight; y++) {
    resampleLine(ink, (top + y) * width + left, 1, boxWidth, rows, y * outWidth, 1, outWidth);
  }
  const box = new Float32Array(outHeight * outWidth);
  for (let x = 0; x < outWidth; x++) {
    resampleLine(rows, x, outWidth, boxHeight, box, x, outWidth, outHeight);
  }
  const centre = centreOfMass(box, outWidth, outHeight);
  const middle = (MNIST_SIDE - 1) / 2;
  const clampOffset = (offset: number, size: number): number =>
    Math.max(0, Math.min(MNIST_SIDE - size, offset));
  const offsetX = clampOffset(Math.round(middle - centre.x), outWidth);
  const offsetY = clampOffset(Math.round(middle - centre.y), outHeight);
  const image = new Float32Array(MNIST_PIXELS);
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      image[(offsetY + y) * MNIST_SIDE + offsetX + x] = Math.min(1, box[y * outWidth + x]!);
    }
  }
  return image;
}

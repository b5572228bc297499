import { portableSinCos } from '@deeptune/core';
import type { Storage } from '@deeptune/core';

/**
 * How a rotated image is resampled: the nearest source pixel, or the bilinear blend of the
 * four surrounding pixels.
 * @internal
 */
export type Interpolation = 'bilinear' | 'nearest';

/**
 * Writes image `source[offset … offset + h·w)` rotated by `degrees` about its centre
 * (counter-clockwise as displayed, row 0 at the top) into `target` at the same offset;
 * pixels whose source falls outside the image are 0.
 *
 * For output pixel (r, c), with centre (cy, cx) = ((h − 1)/2, (w − 1)/2), dy = r − cy and
 * dx = c − cx, the source point is
 * `x = cx + cos θ·dx − sin θ·dy`, `y = cy + sin θ·dx + cos θ·dy`.
 * @internal
 */
export function rotateImage(
  source: Storage,
  target: Storage,
  offset: number,
  height: number,
  width: number,
  degrees: number,
  interpolation: Interpolation,
): void {
  const [sin, cos] = sinCosOfDegrees(degrees);
  const cy = (height - 1) / 2;
  const cx = (width - 1) / 2;
  const pixel = (y: number, x: number): number =>
    y >= 0 && y < height && x >= 0 && x < width ? source[offset + y * width + x]! : 0;
  for (let r = 0; r < height; r++) {
    const dy = r - cy;
    for (let c = 0; c < width; c++) {
      const dx = c - cx;
      const x = cx + cos * dx - sin * dy;
      const y = cy + sin * dx + cos * dy;
      let value: number;
      if (interpolation === 'nearest') {
        value = pixel(Math.round(y), Math.round(x));
      } else {
        const y0 = Math.floor(y);
        const x0 = Math.floor(x);
        const fy = y - y0;
        const fx = x - x0;
        value =
          (1 - fy) * ((1 - fx) * pixel(y0, x0) + fx * pixel(y0, x0 + 1)) +
          fy * ((1 - fx) * pixel(y0 + 1, x0) + fx * pixel(y0 + 1, x0 + 1));
      }
      target[offset + r * width + c] = value;
    }
  }
}

/** [sin, cos] of an angle in degrees, bit-identical on every engine. */
function sinCosOfDegrees(degrees: number): [number, number] {
  return portableSinCos(degrees / 360);
}

import { tensor, type DType, type Tensor } from '@deeptune/core';

/** The 3×3 image 1 … 9 in reading order, as a batch [1, 3, 3]. */
export function digits3x3(dtype: DType = 'float64'): Tensor {
  return tensor(
    [
      [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ],
    ],
    { dtype },
  );
}

/** Image n of the batch as nested rows. */
export function image(batch: Tensor, n: number): number[][] {
  const [, height, width] = batch.rank === 3 ? batch.shape : [0, 0, 0];
  const rows: number[][] = [];
  for (let r = 0; r < height!; r++) {
    rows.push([
      ...batch.data.subarray(
        n * height! * width! + r * width!,
        n * height! * width! + (r + 1) * width!,
      ),
    ]);
  }
  return rows;
}

/** A batch [m, h, w] whose pixel (n, r, c) is n·1000 + r·w + c + 1 (all distinct). */
export function distinctImages(
  m: number,
  height: number,
  width: number,
  dtype: DType = 'float64',
): Tensor {
  const values = new Float64Array(m * height * width);
  for (let n = 0; n < m; n++) {
    for (let i = 0; i < height * width; i++) values[n * height * width + i] = n * 1000 + i + 1;
  }
  const t = tensor(values, { shape: [m, height, width] });
  return dtype === 'float64' ? t : t.cast(dtype);
}

import type { Storage } from '../../tensor/dtype.js';
import { portableExp } from '../../math/portable-exp.js';
import { portableLog } from '../../math/portable-log.js';

/** One row of `exp(x − max)` in double precision, reused across calls. */
let exponentials = new Float64Array(0);

/**
 * Row-wise softmax (or log-softmax when `log`) of `x` viewed as `rows × cols`; see
 * `SoftmaxKernelArgs`.
 *
 * Stable: each row's maximum `M` is subtracted before exponentiating, so logits like 1000
 * are fine. With `S = Σ_j exp(x_j − M)` summed in double precision,
 * `softmax_j = exp(x_j − M) / S` and `logSoftmax_j = x_j − M − log S`. A NaN in a row makes
 * the whole row NaN. exp and log are the portable fdlibm ports, so results are bit-identical
 * on every JavaScript engine.
 *
 * @param x - The logits, `rows × cols`.
 * @param out - The result, `rows × cols`.
 * @param rows - Number of rows.
 * @param cols - Number of columns (the softmax axis).
 * @param log - Whether to compute log-softmax.
 * @internal
 */
export function softmax(x: Storage, out: Storage, rows: number, cols: number, log: boolean): void {
  if (exponentials.length < cols) exponentials = new Float64Array(cols);
  const e = exponentials;
  for (let r = 0, start = 0; r < rows; r++, start += cols) {
    const end = start + cols;
    // M = max_j x_j (NaN propagates).
    let max = -Infinity;
    for (let i = start; i < end; i++) max = Math.max(max, x[i]);
    // e_j = exp(x_j − M), S = Σ_j e_j.
    let sum = 0;
    for (let i = start, j = 0; i < end; i++, j++) {
      const value = portableExp(x[i] - max);
      e[j] = value;
      sum += value;
    }
    if (log) {
      // log softmax_j = x_j − M − log S.
      const shift = max + portableLog(sum);
      for (let i = start; i < end; i++) out[i] = x[i] - shift;
    } else {
      // softmax_j = e_j / S.
      for (let i = start, j = 0; i < end; i++, j++) out[i] = e[j] / sum;
    }
  }
}

/**
 * The backward pass of a row-wise softmax or log-softmax; see `SoftmaxBackwardKernelArgs`.
 *
 * Softmax, from its output `y`: `dx_j = y_j · (dy_j − Σ_i dy_i · y_i)`. Log-softmax, from
 * its output `y` (so `softmax = exp(y)`): `dx_j = dy_j − exp(y_j) · Σ_i dy_i`. Sums are in
 * double precision.
 *
 * @param y - The forward output (softmax or log-softmax), `rows × cols`.
 * @param dy - The gradient with respect to `y`, `rows × cols`.
 * @param out - The gradient with respect to the logits, `rows × cols`.
 * @param rows - Number of rows.
 * @param cols - Number of columns (the softmax axis).
 * @param log - Whether the forward pass was log-softmax.
 * @internal
 */
export function softmaxBackward(
  y: Storage,
  dy: Storage,
  out: Storage,
  rows: number,
  cols: number,
  log: boolean,
): void {
  for (let r = 0, start = 0; r < rows; r++, start += cols) {
    const end = start + cols;
    if (log) {
      // s = Σ_i dy_i;  dx_j = dy_j − exp(y_j) · s.
      let sum = 0;
      for (let i = start; i < end; i++) sum += dy[i];
      for (let i = start; i < end; i++) out[i] = dy[i] - portableExp(y[i]) * sum;
    } else {
      // s = Σ_i dy_i · y_i;  dx_j = y_j · (dy_j − s).
      let dot = 0;
      for (let i = start; i < end; i++) dot += dy[i] * y[i];
      for (let i = start; i < end; i++) out[i] = y[i] * (dy[i] - dot);
    }
  }
}

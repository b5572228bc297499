import type { LinearBackwardKernelArgs } from '../kernels.js';
import type { Storage } from '../../tensor/dtype.js';
import { matmul } from './matmul.js';
import { reduce } from './reduce.js';
import { reluBackward } from './unary.js';

/** The relu-masked gradient `dy · (y > 0)` of a `linearRelu`, reused across calls. */
let masked32 = new Float32Array(0);
let masked64 = new Float64Array(0);

/** A scratch array of `size` elements of `like`'s type (its first `size` elements are used). */
function maskedScratch(like: Storage, size: number): Storage {
  if (like instanceof Float32Array) {
    if (masked32.length < size) masked32 = new Float32Array(size);
    return masked32.subarray(0, size);
  }
  if (masked64.length < size) masked64 = new Float64Array(size);
  return masked64.subarray(0, size);
}

/**
 * The backward pass of `linear` / `linearRelu`; see `LinearBackwardKernelArgs`. Composed of
 * the `reluBackward`, `matmul` and `sum` kernels, so its results are theirs bit for bit.
 * @internal
 */
export function linearBackward(args: LinearBackwardKernelArgs): void {
  const { x, w, dy, y, dx, dw, db, m, k, n } = args;
  let g = dy;
  if (y !== null) {
    g = maskedScratch(dy, m * n);
    reluBackward(y, dy, g);
  }
  if (dx !== null) matmul(g, w, dx, m, n, k, false, true, 1, 0, 0);
  if (dw !== null) matmul(x, g, dw, k, m, n, true, false, 1, 0, 0);
  if (db !== null) reduce('sum', g, [m, n], [0], db);
}

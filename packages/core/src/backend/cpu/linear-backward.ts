import type { LinearBackwardKernelArgs } from '../kernels.js';
import { matmul } from './matmul.js';
import { reduce } from './reduce.js';
import { reluBackward } from './unary.js';

/**
 * The backward pass of `linear` / `linearRelu`; see `LinearBackwardKernelArgs`. Composed of
 * the `reluBackward`, `matmul` and `sum` kernels, so its results are theirs bit for bit.
 * @internal
 */
export function linearBackward(args: LinearBackwardKernelArgs): void {
  const { x, w, dy, y, dx, dw, db, m, k, n } = args;
  let g = dy;
  if (y !== null) {
    // The relu-masked gradient dy · (y > 0), as the unfused reluBackward would allocate it.
    g = dy instanceof Float32Array ? new Float32Array(m * n) : new Float64Array(m * n);
    reluBackward(y, dy, g);
  }
  if (dx !== null) matmul(g, w, dx, m, n, k, false, true, 1, 0, 0);
  if (dw !== null) matmul(x, g, dw, k, m, n, true, false, 1, 0, 0);
  if (db !== null) reduce('sum', g, [m, n], [0], db);
}

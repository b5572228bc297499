import type { Storage } from '../../tensor/dtype.js';
import type { Shape } from '../../tensor/shape.js';

/** Side of the square blocks of the 2-D transpose (32 × 32 doubles is 8 KiB). */
const BLOCK = 32;

/**
 * Permutes the axes of `x`: axis `i` of `out` is axis `permutation[i]` of `x`; see
 * `Backend.transpose`.
 *
 * The output axes are collapsed first (size-1 axes dropped, neighbours that stay
 * neighbours in `x` merged). A permutation that leaves the order unchanged is a copy; one
 * that swaps the last two collapsed axes (a 2-D transpose, possibly batched) runs in
 * 32 × 32 blocks so that both the reads and the writes stay in cache; anything else writes
 * `out` contiguously while reading `x` through strides.
 *
 * @param x - The input, of `shape`.
 * @param shape - Shape of `x`.
 * @param permutation - A permutation of `0 … rank − 1`.
 * @param out - The result, of shape `permutation.map((axis) => shape[axis])`.
 * @internal
 */
export function transpose(
  x: Storage,
  shape: Shape,
  permutation: readonly number[],
  out: Storage,
): void {
  if (out.length === 0) return;
  const rank = shape.length;
  const xStrides = new Array<number>(rank);
  for (let axis = rank - 1, stride = 1; axis >= 0; axis--) {
    xStrides[axis] = stride;
    stride *= shape[axis]!;
  }
  // Collapsed output axes: their sizes and the stride of x along each of them.
  const sizes: number[] = [];
  const strides: number[] = [];
  for (let i = 0; i < rank; i++) {
    const size = shape[permutation[i]!]!;
    if (size === 1) continue;
    const stride = xStrides[permutation[i]!]!;
    const last = sizes.length - 1;
    if (last >= 0 && strides[last] === stride * size) {
      sizes[last] = sizes[last]! * size;
      strides[last] = stride;
    } else {
      sizes.push(size);
      strides.push(stride);
    }
  }
  const collapsed = sizes.length;
  if (collapsed <= 1) {
    // The order of the elements does not change: a plain copy.
    out.set(x);
    return;
  }
  const outer = collapsed - 2;
  const counters = new Array<number>(Math.max(outer, 0)).fill(0);
  const rows = sizes[collapsed - 2]!;
  const cols = sizes[collapsed - 1]!;
  const rowStride = strides[collapsed - 2]!;
  const colStride = strides[collapsed - 1]!;
  const swapsLastTwo = rowStride === 1 && colStride === rows;
  const matrices = out.length / (rows * cols);
  let base = 0;
  for (let matrix = 0, o = 0; matrix < matrices; matrix++, o += rows * cols) {
    if (swapsLastTwo) {
      // out[o + r·cols + c] = x[base + c·rows + r]: a blocked 2-D transpose.
      transposeBlocked(x, base, out, o, cols, rows);
    } else {
      // out[o + r·cols + c] = x[base + r·rowStride + c·colStride], row by row.
      for (let r = 0, at = o; r < rows; r++) {
        for (let c = 0, i = base + r * rowStride; c < cols; c++, at++, i += colStride) {
          out[at] = x[i];
        }
      }
    }
    // Advance to the next matrix: increment the innermost outer axis, carrying into the next.
    for (let axis = outer - 1; axis >= 0; axis--) {
      if (++counters[axis] < sizes[axis]!) {
        base += strides[axis]!;
        break;
      }
      counters[axis] = 0;
      base -= strides[axis]! * (sizes[axis]! - 1);
    }
  }
}

/**
 * Transposes the `rows × cols` matrix at `x[xBase …]` into the `cols × rows` matrix at
 * `out[outBase …]`, in square blocks: `out[outBase + c·rows + r] = x[xBase + r·cols + c]`.
 */
function transposeBlocked(
  x: Storage,
  xBase: number,
  out: Storage,
  outBase: number,
  rows: number,
  cols: number,
): void {
  for (let r0 = 0; r0 < rows; r0 += BLOCK) {
    const r1 = Math.min(r0 + BLOCK, rows);
    for (let c0 = 0; c0 < cols; c0 += BLOCK) {
      const c1 = Math.min(c0 + BLOCK, cols);
      // Within the block: one output row segment per input column c.
      for (let c = c0; c < c1; c++) {
        for (
          let r = r0, o = outBase + c * rows + r0, i = xBase + r0 * cols + c;
          r < r1;
          r++, o++, i += cols
        ) {
          out[o] = x[i];
        }
      }
    }
  }
}

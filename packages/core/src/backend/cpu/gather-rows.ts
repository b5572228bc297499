import type { Storage } from '../../tensor/dtype.js';

/**
 * Gathers rows: `out[i, :] = x[indices[i], :]` where rows have `rowSize` elements; see
 * `Backend.gatherRows`.
 *
 * @param x - The source rows, `rows × rowSize`.
 * @param rowSize - Elements per row.
 * @param indices - Row of `x` to copy for each output row (repeats allowed).
 * @param out - The result, `indices.length × rowSize`.
 * @internal
 */
export function gatherRows(x: Storage, rowSize: number, indices: Int32Array, out: Storage): void {
  for (let i = 0, o = 0; i < indices.length; i++, o += rowSize) {
    // Copy row indices[i] of x into row i of out: x and out share a dtype, so set() is a
    // memcpy; its one short-lived view per row costs far less than an element loop (8x).
    const start = indices[i]! * rowSize;
    out.set(x.subarray(start, start + rowSize), o);
  }
}

/**
 * Scatters rows with addition: `out[indices[i], :] += x[i, :]`, the adjoint of
 * {@link gatherRows}; see `Backend.scatterAddRows`.
 *
 * Repeated indices accumulate, in the order of `indices`. Rows of `out` that no index names
 * are left as they are.
 *
 * @param x - The rows to add, `indices.length × rowSize`.
 * @param rowSize - Elements per row.
 * @param indices - Row of `out` that each row of `x` is added into.
 * @param out - The accumulator, updated in place.
 * @internal
 */
export function scatterAddRows(
  x: Storage,
  rowSize: number,
  indices: Int32Array,
  out: Storage,
): void {
  for (let i = 0, s = 0; i < indices.length; i++, s += rowSize) {
    // Add row i of x into row indices[i] of out.
    const start = indices[i]! * rowSize;
    for (let j = 0; j < rowSize; j++) out[start + j] += x[s + j];
  }
}

/**
 * Cuts `extent` rows (or columns) of a product into chunks for `threads` threads, writing
 * chunk `i`'s first row to `bounds[i]` and the end of the last chunk, `extent`, after them;
 * returns the number of chunks (at least 1, at most `maxChunks`).
 *
 * Guided scheduling: each chunk is 1/(2·threads) of what remains, rounded up to whole
 * `unit`s (micro-tiles) and never smaller than `minimum` (a multiple of `unit`). The first
 * chunks are large (few claims), the last ones small, so the thread that finishes last keeps
 * the others waiting for a small chunk only, where equal chunks kept them waiting for up to
 * a whole one. The cut never changes a result bit: every output element is summed in the
 * same order whichever chunk holds it.
 *
 * Allocates nothing (the product's hot path calls it).
 * @internal
 */
export function guidedChunks(
  extent: number,
  unit: number,
  threads: number,
  minimum: number,
  maxChunks: number,
  bounds: Int32Array,
): number {
  let start = 0;
  let count = 0;
  while (start < extent) {
    bounds[count] = start;
    count++;
    const remaining = extent - start;
    const share = Math.ceil(remaining / (2 * threads) / unit) * unit;
    const size = count === maxChunks ? remaining : Math.max(share, minimum);
    start = Math.min(extent, start + size);
  }
  if (count === 0) bounds[count++] = 0;
  bounds[count] = extent;
  return count;
}

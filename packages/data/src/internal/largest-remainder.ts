/**
 * Splits `total` items into parts proportional to `ratios` (which sum to 1) with the
 * largest-remainder method: each part gets `floor(ratio · total)`, then the items left over
 * go one each to the parts with the largest fractional remainders (ties: earlier part first).
 * @internal
 */
export function largestRemainder(total: number, ratios: readonly number[]): number[] {
  const counts = ratios.map((ratio) => Math.floor(ratio * total));
  let left = total - counts.reduce((sum, count) => sum + count, 0);
  const order = ratios
    .map((ratio, part) => ({ part, remainder: ratio * total - counts[part]! }))
    .sort((a, b) => b.remainder - a.remainder || a.part - b.part);
  for (let i = 0; left > 0; i = (i + 1) % order.length, left--) counts[order[i]!.part]! += 1;
  return counts;
}

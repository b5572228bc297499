import type { SplitRatios } from './split-ratios.js';

/**
 * How many examples of each class go to each part, so that every class is divided in
 * proportion to `ratios` and the parts have exactly the sizes `totals`.
 *
 * Each class first gets `floor(ratio · classSize)` per part. The examples still to place
 * are then given one at a time to the (class, part) pairs with the largest fractional
 * remainders, while both the class and the part still have room; since the class sizes and
 * the part sizes have the same total, a final pass over all pairs places whatever is left.
 * @internal
 */
export function stratifiedCounts(
  labels: Int32Array,
  ratios: SplitRatios,
  totals: readonly number[],
): Map<number, number[]> {
  const classSizes = new Map<number, number>();
  for (const label of labels) classSizes.set(label, (classSizes.get(label) ?? 0) + 1);
  const classes = [...classSizes.keys()].sort((a, b) => a - b);
  const counts = new Map<number, number[]>();
  const classRoom = new Map<number, number>();
  const partRoom = [...totals];
  const candidates: { label: number; part: number; remainder: number }[] = [];
  for (const label of classes) {
    const size = classSizes.get(label)!;
    const row = ratios.map((ratio) => Math.floor(ratio * size));
    counts.set(label, row);
    classRoom.set(label, size - row.reduce((sum, count) => sum + count, 0));
    row.forEach((count, part) => {
      partRoom[part]! -= count;
      candidates.push({ label, part, remainder: ratios[part]! * size - count });
    });
  }

  /** Moves up to `limit` examples of class `label` into `part`, as far as there is room. */
  const place = (label: number, part: number, limit: number): void => {
    const take = Math.min(limit, classRoom.get(label)!, partRoom[part]!);
    counts.get(label)![part]! += take;
    classRoom.set(label, classRoom.get(label)! - take);
    partRoom[part]! -= take;
  };

  candidates.sort((a, b) => b.remainder - a.remainder || a.label - b.label || a.part - b.part);
  for (const { label, part, remainder } of candidates) if (remainder > 0) place(label, part, 1);
  for (const label of classes) {
    for (let part = 0; part < ratios.length; part++) place(label, part, Infinity);
  }
  return counts;
}

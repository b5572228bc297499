/**
 * The relative difference `‖a − b‖₂ / (‖a‖₂ + ‖b‖₂)` of two vectors, the scale-free test of
 * gradient checking. It is 0 when both are zero, and NaN when either holds NaN.
 *
 * @example
 * ```ts
 * relativeDifference([1, 2], [1, 2.000001]); // ≈ 2.2e-7
 * ```
 */
export function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let difference = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    difference += (x - y) * (x - y);
    normA += x * x;
    normB += y * y;
  }
  const denominator = Math.sqrt(normA) + Math.sqrt(normB);
  if (denominator === 0) return difference === 0 ? 0 : Number.NaN;
  return Math.sqrt(difference) / denominator;
}

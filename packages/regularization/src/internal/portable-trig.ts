/** π / 180. */
const RADIANS_PER_DEGREE = Math.PI / 180;

/** 1/k! for k = 0 … 20 (k! is exact in double precision up to 22!). */
const INVERSE_FACTORIALS: readonly number[] = (() => {
  const result: number[] = [];
  let factorial = 1;
  for (let k = 0; k <= 20; k++) {
    if (k > 0) factorial *= k;
    result.push(1 / factorial);
  }
  return result;
})();

/**
 * The Taylor polynomial of sin (odd = true, terms x¹ … x¹⁹) or cos (terms x⁰ … x²⁰) at
 * |x| ≤ π/4, by Horner's rule in x²; the first omitted term is below 1e-19.
 */
function taylor(x: number, odd: boolean): number {
  const x2 = x * x;
  let k = odd ? 19 : 20;
  let sum = INVERSE_FACTORIALS[k]!;
  // sin x = x·(1/1! − x²·(1/3! − x²·(1/5! − …)));  cos x = 1/0! − x²·(1/2! − x²·(…))
  for (k -= 2; k >= 0; k -= 2) sum = INVERSE_FACTORIALS[k]! - x2 * sum;
  return odd ? x * sum : sum;
}

/**
 * The sine and cosine of an angle in degrees, computed with + − × ÷ and `Math.round` only,
 * which ECMAScript defines exactly, so the results are bit-identical on every platform (unlike
 * `Math.sin`/`Math.cos`, whose precision is implementation-defined).
 *
 * The angle is split into the nearest multiple q of 90° and a remainder of at most 45°,
 * whose sine and cosine come from Taylor polynomials; multiples of 90° are exact
 * (sin 90° = 1, cos 90° = 0).
 *
 * @param degrees - a finite angle; accurate to a few ulps for |degrees| ≤ 360.
 * @returns `[sin, cos]`.
 * @internal
 */
export function sinCosDegrees(degrees: number): [number, number] {
  const quadrant = Math.round(degrees / 90);
  const x = (degrees - 90 * quadrant) * RADIANS_PER_DEGREE;
  const s = taylor(x, true);
  const c = taylor(x, false);
  // `0 - v` rather than `-v`, so that exact zeros stay +0 (no −0 in the results).
  switch (((quadrant % 4) + 4) % 4) {
    case 0:
      return [s, c];
    case 1:
      return [c, 0 - s];
    case 2:
      return [0 - s, 0 - c];
    default:
      return [0 - c, s];
  }
}

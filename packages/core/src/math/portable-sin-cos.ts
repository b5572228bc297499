/** 2π. */
const TWO_PI = 2 * Math.PI;

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

/** The Taylor polynomial of sin (odd) or cos at |x| ≤ π/4, by Horner's rule in x². */
function taylor(x: number, odd: boolean): number {
  const x2 = x * x;
  let k = odd ? 19 : 20;
  let sum = INVERSE_FACTORIALS[k]!;
  for (k -= 2; k >= 0; k -= 2) sum = INVERSE_FACTORIALS[k]! - x2 * sum;
  return odd ? x * sum : sum;
}

/**
 * The sine and cosine of an angle given in turns (1 turn = 2π radians), computed with
 * + − × ÷ and `Math.round` only, which ECMAScript defines exactly, so synthetic datasets are
 * bit-identical on every platform (unlike `Math.sin`/`Math.cos`, whose precision is
 * implementation-defined). The angle is split into the nearest quarter turn and a remainder
 * of at most 1/8 turn, whose sine and cosine come from Taylor polynomials; multiples of a
 * quarter turn are exact (sin ¼ turn = 1, cos ¼ turn = 0, never −0).
 *
 * Used wherever randomness or data generation needs angles (synthetic datasets, image
 * rotation), so seeded results match in Node and every browser.
 *
 * @param turns - a finite angle in turns (degrees / 360, radians / 2π); accurate to a few
 *   ulps for |turns| ≤ 4.
 * @returns `[sin, cos]`.
 * @category Portable math
 *
 * @example
 * ```ts
 * portableSinCos(0.25); // [1, 0]
 * portableSinCos(30 / 360); // ≈ [0.5, 0.8660254037844386]
 * ```
 */
export function portableSinCos(turns: number): [number, number] {
  const quadrant = Math.round(turns * 4);
  const x = (turns - quadrant / 4) * TWO_PI;
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

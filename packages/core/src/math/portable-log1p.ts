/*
 * log(1 + x) in pure IEEE-754 arithmetic, so that every JavaScript engine computes the same
 * bits. ECMAScript lets `Math.log1p` be implementation-approximated; the operations used here
 * (+ − × ÷ on doubles and 32-bit integer operations) are exactly specified.
 *
 * The algorithm and constants are those of fdlibm 5.3 `s_log1p.c` (`log1p`),
 * Copyright (C) 1993 by Sun Microsystems, Inc.: "Developed at SunPro, a Sun Microsystems, Inc.
 * business. Permission to use, copy, modify, and distribute this software is freely granted,
 * provided that this notice is preserved."
 */

import { highWord, withHighWord } from './float64-words.js';

// fdlibm constants, written as the shortest decimals that round-trip (≤ 17 significant digits,
// so ECMAScript parses them exactly); the hex words are fdlibm's and a test checks them. They
// are the same values as portableLog's ln2_hi, ln2_lo and Lg1…Lg7.
/** ln 2, upper part: 3fe62e42 fee00000 (21 trailing zero bits, so `k·ln2_hi` is exact). */
const ln2_hi = 0.6931471803691238;
/** ln 2, lower part: 3dea39ef 35793c76. */
const ln2_lo = 1.9082149292705877e-10;
/** Remez polynomial coefficients of R(z) ≈ (log((1+s)/(1−s)) − 2s)/s on [0, 0.1716]. */
const Lp1 = 0.6666666666666735; // 3FE55555 55555593
const Lp2 = 0.3999999999940942; // 3FD99999 9997FA04
const Lp3 = 0.2857142874366239; // 3FD24924 94229359
const Lp4 = 0.22222198432149784; // 3FCC71C5 1D8E78AF
const Lp5 = 0.1818357216161805; // 3FC74664 96CB03DE
const Lp6 = 0.15313837699209373; // 3FC39A09 D078C69F
const Lp7 = 0.14798198605116586; // 3FC2F112 DF3E5244

/**
 * The fdlibm constants of {@link portableLog1p} as `[name, value]` pairs, for tests that check
 * their bit patterns.
 * @internal
 */
export const PORTABLE_LOG1P_CONSTANTS: readonly (readonly [string, number])[] = [
  ['ln2_hi', ln2_hi],
  ['ln2_lo', ln2_lo],
  ['Lp1', Lp1],
  ['Lp2', Lp2],
  ['Lp3', Lp3],
  ['Lp4', Lp4],
  ['Lp5', Lp5],
  ['Lp6', Lp6],
  ['Lp7', Lp7],
];

/**
 * log(1 + x), accurate also for x near 0 and bit-identical on every JavaScript engine.
 *
 * A port of fdlibm's `log1p`, whose error is below 1 ulp. It uses only the exactly specified
 * IEEE-754 double operations and 32-bit integer operations, never `Math.log1p` or `Math.log`
 * (which ECMAScript allows engines to approximate differently). Where `portableLog(1 + x)`
 * loses the low bits of a small x in the rounding of `1 + x`, this keeps them: the stable
 * binary cross-entropy `log1p(e^(−|z|))` relies on it.
 *
 * Algorithm (fdlibm `s_log1p.c`):
 *
 * ```text
 * 1. Reduce: 1 + x = 2^k · (1 + f), with sqrt(2)/2 < 1 + f < sqrt(2). For −0.2929 < x < 0.41422
 *    k = 0 and f = x exactly; otherwise u = 1 + x is rounded and the rounding error is
 *    carried as the correction c ≈ (1 + x − u)/u (dropped when x ≥ 2^53).
 * 2. With s = f / (2 + f):  log(1 + f) = f − (hfsq − s·(hfsq + R)),  hfsq = f²/2,  where
 *    R(z) = Lp1·z + Lp2·z² + … + Lp7·z⁷,  z = s²  (as in log). For |f| < 2^−20 a short
 *    series f − f²/2·(1 − 2f/3) is used; for |x| < 2^−29, x − x²/2; for |x| < 2^−54, x.
 * 3. log1p(x) = k·ln2_hi + (f − (hfsq − (s·(hfsq + R) + (k·ln2_lo + c)))).
 * ```
 *
 * Special cases as `Math.log1p`: `log1p(−1) = −∞`, `log1p(x < −1) = NaN`, `log1p(+∞) = +∞`,
 * `log1p(NaN) = NaN`, `log1p(±0) = ±0`.
 *
 * @param x - any number.
 * @returns the natural logarithm of `1 + x`.
 * @category Portable math
 * @example
 * ```ts
 * portableLog1p(1e-20); // 1e-20 (where portableLog(1 + 1e-20) is 0)
 * ```
 */
export function portableLog1p(x: number): number {
  const hx = highWord(x);
  const ax = hx & 0x7fffffff;

  let k = 1;
  let f = 0;
  let c = 0;
  let hu = 0;
  if (hx < 0x3fda827a) {
    // x < 0.41422 (or negative)
    if (ax >= 0x3ff00000) {
      // x <= −1 (or −∞, or a NaN with the sign bit set)
      if (x === -1) return -Infinity;
      return NaN;
    }
    if (ax < 0x3e200000) {
      // |x| < 2^−29
      if (ax < 0x3c900000) return x; // |x| < 2^−54 (keeps ±0)
      return x - x * x * 0.5;
    }
    if (hx > 0 || hx <= (0xbfd2bec3 | 0)) {
      // −0.2929 < x < 0.41422: no reduction
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) return x + x; // +∞ or NaN
  let u = 0;
  if (k !== 0) {
    if (hx < 0x43400000) {
      u = 1.0 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0); // correction term
      c /= u;
    } else {
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) {
      u = withHighWord(u, hu | 0x3ff00000); // normalise u
    } else {
      k += 1;
      u = withHighWord(u, hu | 0x3fe00000); // normalise u/2
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1.0;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2^−20
    if (f === 0) {
      if (k === 0) return 0;
      c += k * ln2_lo;
      return k * ln2_hi + c;
    }
    const R = hfsq * (1.0 - 0.6666666666666666 * f);
    if (k === 0) return f - R;
    return k * ln2_hi - (R - (k * ln2_lo + c) - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const R = z * (Lp1 + z * (Lp2 + z * (Lp3 + z * (Lp4 + z * (Lp5 + z * (Lp6 + z * Lp7))))));
  if (k === 0) return f - (hfsq - s * (hfsq + R));
  return k * ln2_hi - (hfsq - (s * (hfsq + R) + (k * ln2_lo + c)) - f);
}

/*
 * The natural logarithm in pure IEEE-754 arithmetic, so that every JavaScript engine computes
 * the same bits. ECMAScript lets `Math.log` be implementation-approximated; the operations used
 * here (+ − × ÷ on doubles and 32-bit integer operations) are exactly specified.
 *
 * The algorithm and constants are those of fdlibm 5.3 `e_log.c` (`__ieee754_log`),
 * Copyright (C) 1993 by Sun Microsystems, Inc.: "Developed at SunPro, a Sun Microsystems, Inc.
 * business. Permission to use, copy, modify, and distribute this software is freely granted,
 * provided that this notice is preserved."
 */

import { highWord, withHighWord } from './float64-words.js';

// fdlibm constants, written as the shortest decimals that round-trip (≤ 17 significant digits,
// so ECMAScript parses them exactly); the hex words are fdlibm's and a test checks them.
/** ln 2, upper part: 3fe62e42 fee00000 (21 trailing zero bits, so `k·ln2_hi` is exact). */
const ln2_hi = 0.6931471803691238;
/** ln 2, lower part: 3dea39ef 35793c76. */
const ln2_lo = 1.9082149292705877e-10;
/** 2^54: 43500000 00000000, scales subnormals into the normal range. */
const two54 = 18014398509481984;
/** Remez polynomial coefficients of R(z) ≈ (log((1+s)/(1−s)) − 2s)/s on [0, 0.1716]. */
const Lg1 = 0.6666666666666735; // 3FE55555 55555593
const Lg2 = 0.3999999999940942; // 3FD99999 9997FA04
const Lg3 = 0.2857142874366239; // 3FD24924 94229359
const Lg4 = 0.22222198432149784; // 3FCC71C5 1D8E78AF
const Lg5 = 0.1818357216161805; // 3FC74664 96CB03DE
const Lg6 = 0.15313837699209373; // 3FC39A09 D078C69F
const Lg7 = 0.14798198605116586; // 3FC2F112 DF3E5244

/**
 * The fdlibm constants of {@link portableLog} as `[name, value]` pairs, for tests that check
 * their bit patterns.
 * @internal
 */
export const PORTABLE_LOG_CONSTANTS: readonly (readonly [string, number])[] = [
  ['ln2_hi', ln2_hi],
  ['ln2_lo', ln2_lo],
  ['two54', two54],
  ['Lg1', Lg1],
  ['Lg2', Lg2],
  ['Lg3', Lg3],
  ['Lg4', Lg4],
  ['Lg5', Lg5],
  ['Lg6', Lg6],
  ['Lg7', Lg7],
];

/**
 * The natural logarithm of `x`, bit-identical on every JavaScript engine.
 *
 * A port of fdlibm's `__ieee754_log`, whose error is below 1 ulp. It uses only the exactly
 * specified IEEE-754 double operations and 32-bit integer operations, never `Math.log` (which
 * ECMAScript allows engines to approximate differently).
 *
 * Algorithm (fdlibm `e_log.c`):
 *
 * ```text
 * 1. Reduce: x = 2^k · (1 + f), with sqrt(2)/2 < 1 + f < sqrt(2), by reading the exponent
 *    from the high 32-bit word (subnormals are first scaled by 2^54).
 * 2. With s = f / (2 + f):  log(1 + f) = f − s·(f − R)  or, more accurately for larger f,
 *    f − (hfsq − s·(hfsq + R)),  hfsq = f²/2,  where
 *    R(z) = Lg1·z + Lg2·z² + … + Lg7·z⁷,  z = s²,  approximates (log((1+s)/(1−s)) − 2s)/s
 *    with |error| < 2^−58.45. For |f| < 2^−20 a short series f − f²/2 + f³/3 is used.
 * 3. log(x) = k·ln2_hi + (f − (hfsq − (s·(hfsq + R) + k·ln2_lo))), where ln2_hi has 21
 *    trailing zero bits so k·ln2_hi is exact for every exponent k a double can have.
 * ```
 *
 * Special cases as `Math.log`: `log(±0) = −∞`, `log(x < 0) = NaN`, `log(+∞) = +∞`,
 * `log(NaN) = NaN`, `log(1) = +0`.
 *
 * @param x - any number.
 * @returns the natural logarithm of `x`.
 * @category Portable math
 * @example
 * ```ts
 * portableLog(Math.E); // 1
 * ```
 */
export function portableLog(x: number): number {
  let hx = highWord(x);

  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022: zero, negative or subnormal.
    if (x === 0) return -Infinity; // log(±0) = −∞ (fdlibm tests both words for zero)
    if (hx < 0) return NaN; // log(negative) = NaN (also NaNs with the sign bit set)
    k -= 54;
    x *= two54; // subnormal: scale up into the normal range (exact)
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x; // +∞ or NaN

  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  // Normalise x (mantissa in [1, 2)) or x/2, so that sqrt(2)/2 < x < sqrt(2).
  x = withHighWord(x, hx | (i ^ 0x3ff00000));
  k += i >> 20;
  const f = x - 1.0;

  if ((0x000fffff & (2 + hx)) < 3) {
    // -2^-20 <= f < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      return k * ln2_hi + k * ln2_lo;
    }
    const R = f * f * (0.5 - 0.3333333333333333 * f);
    if (k === 0) return f - R;
    return k * ln2_hi - (R - k * ln2_lo - f);
  }

  const s = f / (2.0 + f);
  const dk = k;
  const z = s * s;
  let i2 = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  i2 |= j;
  const R = t2 + t1;
  if (i2 > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return dk * ln2_hi - (hfsq - (s * (hfsq + R) + dk * ln2_lo) - f);
  }
  if (k === 0) return f - s * (f - R);
  return dk * ln2_hi - (s * (f - R) - dk * ln2_lo - f);
}

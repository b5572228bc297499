/*
 * The exponential function in pure IEEE-754 arithmetic, so that every JavaScript engine computes
 * the same bits. ECMAScript lets `Math.exp` be implementation-approximated; the operations used
 * here (+ − × ÷ on doubles and 32-bit integer operations) are exactly specified.
 *
 * The algorithm and constants are those of fdlibm 5.3 `e_exp.c` (`__ieee754_exp`),
 * Copyright (C) 2004 by Sun Microsystems, Inc.: "Permission to use, copy, modify, and
 * distribute this software is freely granted, provided that this notice is preserved."
 */

import { addToExponent } from './float64-words.js';

// fdlibm constants, written as the shortest decimals that round-trip (≤ 17 significant digits,
// so ECMAScript parses them exactly); the hex words are fdlibm's and a test checks them.
// Those exported are shared with portableExpm1 and portablePow (fdlibm repeats them per file).
/**
 * Above this, exp(x) overflows: 40862e42 fefa39ef (≈ ln(Number.MAX_VALUE)).
 * @internal
 */
export const o_threshold = 709.782712893384;
/** Below this, exp(x) underflows to 0: c0874910 d52d3051 (≈ ln(2^−1075)). */
const u_threshold = -745.1332191019411;
/** ln 2, upper part: 3fe62e42 fee00000 (21 trailing zero bits, so `k·ln2_hi` is exact). */
const ln2_hi = 0.6931471803691238;
/** ln 2, lower part: 3dea39ef 35793c76. */
const ln2_lo = 1.9082149292705877e-10;
/** 1/ln 2: 3ff71547 652b82fe. */
const invln2 = 1.4426950408889634;
/** 2^−1000: 01700000 00000000, scales results into the subnormal range. */
const twom1000 = 9.332636185032189e-302;
/** |x| thresholds: the doubles with high word 40862e42, 3fd62e43, 3ff0a2b2, 3e300000 (low 0). */
const abs_709 = 709.7822265625;
/**
 * ln2/2 rounded up to a high word (3fd62e43 00000000): |x| ≥ this iff fdlibm's |x| > ln2/2.
 * @internal
 */
export const abs_half_ln2 = 0.3465735912322998;
const abs_one_and_half_ln2 = 1.0397205352783203;
const twom28 = 3.725290298461914e-9;
/** Remez polynomial coefficients of R(z) ≈ r·(exp(r) + 1)/(exp(r) − 1) − 2 on [0, 0.347²]. */
const P1 = 0.16666666666666602; // 3FC55555 5555553E
const P2 = -0.0027777777777015593; // BF66C16C 16BEBD93
const P3 = 6.613756321437934e-5; // 3F11566A AF25DE2C
const P4 = -1.6533902205465252e-6; // BEBBBD41 C5D26BF1
const P5 = 4.1381367970572385e-8; // 3E663769 72BEA4D0

/**
 * The fdlibm constants of {@link portableExp} as `[name, value]` pairs, for tests that check
 * their bit patterns.
 * @internal
 */
export const PORTABLE_EXP_CONSTANTS: readonly (readonly [string, number])[] = [
  ['o_threshold', o_threshold],
  ['u_threshold', u_threshold],
  ['ln2_hi', ln2_hi],
  ['ln2_lo', ln2_lo],
  ['invln2', invln2],
  ['twom1000', twom1000],
  ['abs_709', abs_709],
  ['abs_half_ln2', abs_half_ln2],
  ['abs_one_and_half_ln2', abs_one_and_half_ln2],
  ['twom28', twom28],
  ['P1', P1],
  ['P2', P2],
  ['P3', P3],
  ['P4', P4],
  ['P5', P5],
];

/**
 * The two parts `[hi, lo]` of the reduced argument r = hi − lo of the last
 * {@link reduceByLn2} call; read them right after the call (no allocation per call).
 * @internal
 */
export const reducedParts = new Float64Array(2);

/**
 * fdlibm's argument reduction for exp and expm1: writes x = k·ln2 + (hi − lo) with
 * |hi − lo| ≤ ln2/2 (hi exact, lo the rounding of k·ln2's low part) and returns k.
 *
 * ```text
 * ln2/2 < |x| < 3·ln2/2:  k = ±1,  hi = x ∓ ln2_hi,  lo = ±ln2_lo
 * otherwise:              k = (int)(x/ln2 ± 1/2),  hi = x − k·ln2_hi (exact),  lo = k·ln2_lo
 * ```
 *
 * @param x - the argument, with ln2/2 < |x| ≤ 709.79 (fdlibm's range for the reduction).
 * @param ax - |x|.
 * @returns k; `hi` and `lo` are left in {@link reducedParts}.
 * @internal
 * @example
 * ```ts
 * const k = reduceByLn2(10, 10); // 14: 10 = 14·ln2 + (reducedParts[0] − reducedParts[1])
 * ```
 */
export function reduceByLn2(x: number, ax: number): number {
  if (ax < abs_one_and_half_ln2) {
    // |x| < 3·ln2/2: k = ±1
    if (x > 0) {
      reducedParts[0] = x - ln2_hi;
      reducedParts[1] = ln2_lo;
      return 1;
    }
    reducedParts[0] = x + ln2_hi;
    reducedParts[1] = -ln2_lo;
    return -1;
  }
  const k = (invln2 * x + (x > 0 ? 0.5 : -0.5)) | 0; // truncates, as C's (int)
  reducedParts[0] = x - k * ln2_hi; // exact
  reducedParts[1] = k * ln2_lo;
  return k;
}

/**
 * fdlibm's R1(r) = r − (P1·r² + P2·r⁴ + … + P5·r¹⁰), from which e^r = 1 + r + r·R1(r)/(2 − R1(r))
 * for |r| ≤ ln2/2 (`e_exp.c`; `e_pow.c` uses the same polynomial for 2^y).
 *
 * @param r - the reduced argument, |r| ≤ ln2/2.
 * @returns R1(r).
 * @internal
 * @example
 * ```ts
 * const c = expR1(0.25);
 * 1 - ((0.25 * c) / (c - 2) - 0.25); // e^0.25
 * ```
 */
export function expR1(r: number): number {
  const t = r * r;
  return r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
}

/**
 * The exponential e^x, bit-identical on every JavaScript engine.
 *
 * A port of fdlibm's `__ieee754_exp`, whose error is below 1 ulp. It uses only the exactly
 * specified IEEE-754 double operations and 32-bit integer operations, never `Math.exp` (which
 * ECMAScript allows engines to approximate differently).
 *
 * Algorithm (fdlibm `e_exp.c`):
 *
 * ```text
 * 1. Reduce: x = k·ln2 + r with |r| ≤ ln2/2, where r = hi − lo is kept in two parts
 *    (k·ln2_hi is exact, so hi = x − k·ln2_hi has no rounding error).
 * 2. With R(r²) = r·(e^r + 1)/(e^r − 1) ≈ 2 + P1·r² + … + P5·r¹⁰ (|error| < 2^−59) and
 *    c = r − (P1·r² + … + P5·r¹⁰):   e^r = 1 + r + r·c/(2 − c).
 * 3. Scale back: e^x = 2^k · e^r, by adding k to the exponent field (via 2^−1000 when the
 *    result is subnormal).
 * ```
 *
 * Special cases as `Math.exp`: `exp(±0) = 1`, `exp(+∞) = +∞`, `exp(−∞) = +0`,
 * `exp(NaN) = NaN`; `exp(x) = +∞` for x > 709.782712893384 and `+0` for
 * x < −745.1332191019411. One addition to fdlibm: `exp(1)` returns `Math.E` (the correctly
 * rounded e, where fdlibm's steps are one ulp above), as V8 does.
 *
 * @param x - any number.
 * @returns e raised to the power `x`.
 * @category Portable math
 * @example
 * ```ts
 * portableExp(1); // 2.718281828459045 (Math.E)
 * portableExp(0); // 1
 * ```
 */
export function portableExp(x: number): number {
  // fdlibm branches on the high word of |x|; comparing |x| with the doubles whose high words
  // it names takes the same branches without reading x's bits (faster).
  const ax = Math.abs(x);
  if (!(ax < abs_709)) {
    // |x| ≥ 709.78…: overflow, underflow, ±∞ or NaN.
    if (x !== x) return x + x; // NaN
    if (x > o_threshold) return Infinity; // overflow and +∞ (fdlibm: huge·huge)
    if (x < u_threshold) return 0; // underflow and −∞ (fdlibm: twom1000·twom1000)
  }
  // Not in fdlibm: its steps give e^1 one ulp above the correctly rounded Math.E; V8
  // special-cases it the same way.
  if (x === 1) return Math.E;

  if (ax < abs_half_ln2) {
    // |x| ≤ ln2/2: no reduction (k = 0)
    if (ax < twom28) return 1 + x; // |x| < 2^−28: e^x = 1 + x to within half an ulp
    const c = expR1(x);
    return 1 - ((x * c) / (c - 2.0) - x);
  }
  // x = k·ln2 + (hi − lo), and e^x = 2^k·e^(hi − lo).
  const k = reduceByLn2(x, ax);
  const hi = reducedParts[0];
  const lo = reducedParts[1];
  const r = hi - lo;
  const c = expR1(r);
  const y = 1 - (lo - (r * c) / (2.0 - c) - hi);
  if (k >= -1021) return addToExponent(y, k);
  return addToExponent(y, k + 1000) * twom1000; // subnormal result: one rounding
}

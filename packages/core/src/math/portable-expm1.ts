/*
 * e^x − 1 in pure IEEE-754 arithmetic, so that every JavaScript engine computes the same bits.
 * ECMAScript lets `Math.expm1` be implementation-approximated; the operations used here
 * (+ − × ÷ on doubles and 32-bit integer operations) are exactly specified.
 *
 * The algorithm and constants are those of fdlibm 5.3 `s_expm1.c` (`expm1`),
 * Copyright (C) 2004 by Sun Microsystems, Inc.: "Permission to use, copy, modify, and
 * distribute this software is freely granted, provided that this notice is preserved."
 */

import { addToExponent, fromWords } from './float64-words.js';
import { abs_half_ln2, o_threshold, reduceByLn2, reducedParts } from './portable-exp.js';

// fdlibm constants, written as the shortest decimals that round-trip (≤ 17 significant digits,
// so ECMAScript parses them exactly); the hex words are fdlibm's and a test checks them. The
// overflow threshold, ln 2 and the argument reduction are shared with portableExp.
/** |x| thresholds: the doubles with high word 4043687a and 3c900000 (low 0). */
const abs_56_ln2 = 38.81622314453125;
const twom54 = 5.551115123125783e-17;
/**
 * Remez polynomial coefficients, scaled by 2^i, of R1(z) ≈ 6/r·((e^r + 1)/(e^r − 1) − 2/r)
 * on [0, 0.347²] (|error| < 2^−61).
 */
const Q1 = -0.03333333333333313; // BFA11111 111110F4
const Q2 = 0.0015873015872548146; // 3F5A01A0 19FE5585
const Q3 = -7.93650757867488e-5; // BF14CE19 9EAADBB7
const Q4 = 4.008217827329362e-6; // 3ED0CFCA 86E65239
const Q5 = -2.0109921818362437e-7; // BE8AFDB7 6E09C32D

/**
 * The fdlibm constants of {@link portableExpm1} as `[name, value]` pairs, for tests that check
 * their bit patterns.
 * @internal
 */
export const PORTABLE_EXPM1_CONSTANTS: readonly (readonly [string, number])[] = [
  ['abs_56_ln2', abs_56_ln2],
  ['twom54', twom54],
  ['Q1', Q1],
  ['Q2', Q2],
  ['Q3', Q3],
  ['Q4', Q4],
  ['Q5', Q5],
];

/**
 * e^x − 1, accurate also for x near 0 and bit-identical on every JavaScript engine.
 *
 * A port of fdlibm's `expm1`, whose error is below 1 ulp. It uses only the exactly specified
 * IEEE-754 double operations and 32-bit integer operations, never `Math.expm1` or `Math.exp`
 * (which ECMAScript allows engines to approximate differently). {@link portableTanh} is
 * built on it.
 *
 * Algorithm (fdlibm `s_expm1.c`):
 *
 * ```text
 * 1. Reduce: x = k·ln2 + r with |r| ≤ ln2/2, plus a correction c for the rounding of r.
 * 2. With R1(r²) ≈ 1 + Q1·(r²/2) + … + Q5·(r²/2)⁵ approximating 6/r·((e^r+1)/(e^r−1) − 2/r)
 *    (|error| < 2^−61):
 *    expm1(r) = r + r²/2 + r³/2 · (3 − (R1 + R1·r/2)) / (6 − r·(3 − R1·r/2)),
 *    evaluated as r − E, with c folded into E.
 * 3. Scale back: expm1(x) = 2^k·(expm1(r) + 1) − 1, arranged per range of k so that the
 *    subtraction of 1 loses nothing (for k > 56, simply e^x − 1).
 * ```
 *
 * Special cases as `Math.expm1`: `expm1(±0) = ±0`, `expm1(+∞) = +∞`, `expm1(−∞) = −1`,
 * `expm1(NaN) = NaN`; `expm1(x) = −1` for x < −56·ln2 and `+∞` for x > 709.782712893384.
 *
 * @param x - any number.
 * @returns e^x − 1.
 * @category Portable math
 * @internal
 * @example
 * ```ts
 * portableExpm1(1e-10); // 1.00000000005e-10 (1 + 1e-10 would lose most digits)
 * ```
 */
export function portableExpm1(x: number): number {
  // fdlibm branches on the high word of |x|; comparing |x| with the doubles whose high words
  // it names takes the same branches without reading x's bits (faster).
  const ax = Math.abs(x);

  // Filter out huge and non-finite arguments.
  if (!(ax < abs_56_ln2)) {
    // |x| ≥ 56·ln2, or NaN
    if (x !== x) return x + x; // NaN
    if (x > o_threshold) return Infinity; // overflow and +∞ (fdlibm: huge·huge)
    if (x < 0) return -1; // x < −56·ln2: e^x is below half an ulp of 1 (and −∞)
  }

  // Argument reduction: x = k·ln2 + r, r = hi − lo, with correction c.
  let k = 0;
  let c = 0;
  if (ax >= abs_half_ln2) {
    // |x| > ln2/2
    k = reduceByLn2(x, ax);
    const hi = reducedParts[0];
    const lo = reducedParts[1];
    x = hi - lo;
    c = hi - x - lo;
  } else if (ax < twom54) {
    // |x| < 2^−54: expm1(x) = x to within half an ulp
    return x;
  }

  // x is now in the primary range [−ln2/2, ln2/2].
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  let t = 3.0 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k === 0) return x - (x * e - hxs); // c is 0
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) {
    if (x < -0.25) return -2.0 * (e - (x + 0.5));
    return 1 + 2.0 * (x - e);
  }
  if (k <= -2 || k > 56) {
    // expm1(x) = e^x − 1 loses nothing here.
    return addToExponent(1 - (e - x), k) - 1;
  }
  if (k < 20) {
    t = fromWords(0x3ff00000 - (0x200000 >> k), 0); // 1 − 2^−k
    return addToExponent(t - (e - x), k);
  }
  t = fromWords((0x3ff - k) << 20, 0); // 2^−k
  return addToExponent(x - (e + t) + 1, k);
}

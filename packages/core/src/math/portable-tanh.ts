/*
 * The hyperbolic tangent in pure IEEE-754 arithmetic, so that every JavaScript engine computes
 * the same bits. ECMAScript lets `Math.tanh` be implementation-approximated; the operations
 * used here (+ − × ÷ on doubles and 32-bit integer operations) are exactly specified.
 *
 * The algorithm is that of fdlibm 5.3 `s_tanh.c` (`tanh`), Copyright (C) 1993 by Sun
 * Microsystems, Inc.: "Developed at SunSoft, a Sun Microsystems, Inc. business. Permission to
 * use, copy, modify, and distribute this software is freely granted, provided that this notice
 * is preserved."
 */

import { portableExpm1 } from './portable-expm1.js';

/** 2^−55: 3c800000 00000000; below it, tanh(x) rounds to x. */
const twom55 = 2.7755575615628914e-17;

/**
 * The constants of {@link portableTanh} as `[name, value]` pairs, for tests that check their
 * bit patterns.
 * @internal
 */
export const PORTABLE_TANH_CONSTANTS: readonly (readonly [string, number])[] = [['twom55', twom55]];

/**
 * The hyperbolic tangent of `x`, bit-identical on every JavaScript engine.
 *
 * A port of fdlibm's `tanh`, built on fdlibm's `expm1` (also ported), accurate to about 1 ulp.
 * It uses only the exactly specified IEEE-754 double operations and 32-bit integer operations,
 * never `Math.tanh` or `Math.exp` (which ECMAScript allows engines to approximate differently).
 *
 * Algorithm (fdlibm `s_tanh.c`), using tanh(−x) = −tanh(x):
 *
 * ```text
 * 0       ≤ |x| < 2^−55:  tanh(x) = x·(1 + x)
 * 2^−55   ≤ |x| < 1:      tanh(x) = −t / (t + 2),     t = expm1(−2|x|)
 * 1       ≤ |x| < 22:     tanh(x) = 1 − 2 / (t + 2),  t = expm1(2|x|)
 * 22      ≤ |x| ≤ ∞:      tanh(x) = 1  (to within half an ulp)
 * ```
 *
 * Special cases as `Math.tanh`: `tanh(±0) = ±0`, `tanh(±∞) = ±1`, `tanh(NaN) = NaN`.
 *
 * @param x - any number.
 * @returns the hyperbolic tangent of `x`, in [−1, 1].
 * @category Portable math
 * @example
 * ```ts
 * portableTanh(0.5); // 0.46211715726000974
 * portableTanh(-0); // -0
 * ```
 */
export function portableTanh(x: number): number {
  if (x !== x) return x + x; // NaN
  // fdlibm branches on the high word of |x|; comparing |x| with the doubles whose high words
  // it names (40360000, 3c800000, 3ff00000) takes the same branches without reading x's bits.
  const ax = Math.abs(x);
  let z: number;
  if (ax < 22) {
    if (ax < twom55) return x * (1 + x); // |x| < 2^−55: tanh(x) = x (keeps −0)
    if (ax >= 1) {
      const t = portableExpm1(2 * ax);
      z = 1 - 2 / (t + 2);
    } else {
      const t = portableExpm1(-2 * ax);
      z = -t / (t + 2);
    }
  } else {
    z = 1; // |x| ≥ 22, ±∞ included: 1 − tiny rounds to 1
  }
  return x > 0 ? z : -z;
}

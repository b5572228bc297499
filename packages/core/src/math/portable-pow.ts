/*
 * The power function in pure IEEE-754 arithmetic, so that every JavaScript engine computes the
 * same bits. ECMAScript lets `Math.pow` and `**` be implementation-approximated; the operations
 * used here (+ − × ÷ and square root on doubles, and 32-bit integer operations) are exactly
 * specified.
 *
 * The algorithm and constants are those of fdlibm 5.3 `e_pow.c` (`__ieee754_pow`),
 * Copyright (C) 2004 by Sun Microsystems, Inc.: "Permission to use, copy, modify, and
 * distribute this software is freely granted, provided that this notice is preserved."
 */

import { clearLowWord, fromWords, highWord, lowWord, withHighWord } from './float64-words.js';
import { expR1 } from './portable-exp.js';

// fdlibm constants, written as the shortest decimals that round-trip (≤ 17 significant digits,
// so ECMAScript parses them exactly); the hex words are fdlibm's and a test checks them. The
// polynomial P1…P5 for 2^y is e_exp.c's, shared with portableExp (expR1).
/** log2(1.5), upper part: 3fe2b803 40000000 (fdlibm's dp_h[1]; dp_h[0] = 0). */
const dp_h1 = 0.5849624872207642;
/** log2(1.5), lower part: 3e4cfdeb 43cfd006 (fdlibm's dp_l[1]; dp_l[0] = 0). */
const dp_l1 = 1.350039202129749e-8;
/** 2^53: 43400000 00000000, scales subnormals into the normal range. */
const two53 = 9007199254740992;
/** 2^−54: 3c900000 00000000, the last step of fdlibm's `scalbn` for subnormal results. */
const twom54 = 5.551115123125783e-17;
/** Polynomial coefficients of (3/2)·(log(x) − 2s − (2/3)s³), s = (x − 1)/(x + 1). */
const L1 = 0.5999999999999946; // 3FE33333 33333303
const L2 = 0.4285714285785502; // 3FDB6DB6 DB6FABFF
const L3 = 0.33333332981837743; // 3FD55555 518F264D
const L4 = 0.272728123808534; // 3FD17460 A91D4101
const L5 = 0.23066074577556175; // 3FCD864A 93C9DB65
const L6 = 0.20697501780033842; // 3FCA7E28 4A454EEF
/** ln 2: 3fe62e42 fefa39ef. */
const lg2 = 0.6931471805599453;
/** ln 2, upper part: 3fe62e43 00000000. */
const lg2_h = 0.6931471824645996;
/** ln 2, lower part: be205c61 0ca86c39. */
const lg2_l = -1.904654299957768e-9;
/** −(1024 − log2(overflow threshold + half an ulp)): 3c971547 652b82fe. */
const ovt = 8.008566259537294e-17;
/** 2/(3·ln 2): 3feec709 dc3a03fd. */
const cp = 0.9617966939259756;
/** cp rounded to float precision: 3feec709 e0000000. */
const cp_h = 0.9617967009544373;
/** cp − cp_h: be3e2fe0 145b01f5. */
const cp_l = -7.028461650952758e-9;
/** 1/ln 2: 3ff71547 652b82fe. */
const ivln2 = 1.4426950408889634;
/** 1/ln 2 to 24 bits: 3ff71547 60000000. */
const ivln2_h = 1.4426950216293335;
/** 1/ln 2 − ivln2_h: 3e54ae0b f85ddf44. */
const ivln2_l = 1.9259629911266175e-8;

/**
 * The fdlibm constants of {@link portablePow} as `[name, value]` pairs, for tests that check
 * their bit patterns.
 * @internal
 */
export const PORTABLE_POW_CONSTANTS: readonly (readonly [string, number])[] = [
  ['dp_h1', dp_h1],
  ['dp_l1', dp_l1],
  ['two53', two53],
  ['twom54', twom54],
  ['L1', L1],
  ['L2', L2],
  ['L3', L3],
  ['L4', L4],
  ['L5', L5],
  ['L6', L6],
  ['lg2', lg2],
  ['lg2_h', lg2_h],
  ['lg2_l', lg2_l],
  ['ovt', ovt],
  ['cp', cp],
  ['cp_h', cp_h],
  ['cp_l', cp_l],
  ['ivln2', ivln2],
  ['ivln2_h', ivln2_h],
  ['ivln2_l', ivln2_l],
];

/**
 * Whether `y`, given by its words, is an integer and which: 0 for a non-integer, 1 for an odd
 * integer, 2 for an even integer (fdlibm's `yisint`).
 */
function integerKind(iy: number, ly: number): number {
  if (iy >= 0x43400000) return 2; // |y| ≥ 2^53: an even integer
  if (iy < 0x3ff00000) return 0; // |y| < 1 (and y ≠ 0)
  const k = (iy >> 20) - 0x3ff; // exponent of y
  if (k > 20) {
    const j = ly >>> (52 - k);
    if (j << (52 - k) === ly) return 2 - (j & 1);
  } else if (ly === 0) {
    const j = iy >> (20 - k);
    if (j << (20 - k) === iy) return 2 - (j & 1);
  }
  return 0;
}

/**
 * `x` raised to the power `y`, bit-identical on every JavaScript engine and with every special
 * case of ECMAScript's `Math.pow` (and `**`).
 *
 * A port of fdlibm's `__ieee754_pow`, nearly correctly rounded (within 1 ulp; integer powers
 * of integers are exact when representable). It uses only the exactly specified IEEE-754
 * double operations, `Math.sqrt` (correctly rounded) and 32-bit integer operations, never
 * `Math.pow` or `**` (which ECMAScript allows engines to approximate differently).
 *
 * Algorithm (fdlibm `e_pow.c`):
 *
 * ```text
 * 1. Write x = 2^n·(1 + f) and compute log2(x) = t1 + t2 in extra precision, t1 having
 *    29 trailing zero bits (for |1 − x| ≤ 2^−20 with a short series).
 * 2. Compute y·log2(x) = z = n' + y' with |y'| ≤ 1/2, simulating double-double arithmetic
 *    by splitting y and t1 into heads with exact products.
 * 3. Return 2^n' · exp(y'·ln2), with e_exp.c's polynomial; results below 2^−1022 are
 *    scaled as fdlibm's scalbn does, with a single rounding.
 * ```
 *
 * Special cases as ECMAScript's `Math.pow` (which differs from C's `pow`):
 *
 * ```text
 * pow(x, ±0) = 1 for every x, NaN included      pow(x, NaN) = NaN, also for x = 1
 * pow(NaN, y) = NaN for y ≠ 0                   pow(±1, ±∞) = NaN
 * pow(x, +∞) = +∞ for |x| > 1, +0 for |x| < 1   pow(x, −∞) = +0 for |x| > 1, +∞ for |x| < 1
 * pow(+0, y) = +0 for y > 0, +∞ for y < 0       pow(+∞, y) = +∞ for y > 0, +0 for y < 0
 * pow(−0, y) = −0 (y > 0 odd integer), +0 (other y > 0), −∞ (y < 0 odd integer), +∞ (other y < 0)
 * pow(−∞, y) = −∞ (y > 0 odd integer), +∞ (other y > 0), −0 (y < 0 odd integer), +0 (other y < 0)
 * pow(x < 0, y) = NaN for finite x and finite non-integer y; (−1)^y·|x|^y for integer y
 * ```
 *
 * @param x - the base, any number.
 * @param y - the exponent, any number.
 * @returns `x` to the power `y`.
 * @category Portable math
 * @example
 * ```ts
 * portablePow(2, 10); // 1024
 * portablePow(0.9, 3); // 0.7290000000000001, as 0.9 ** 3
 * portablePow(-8, 1 / 3); // NaN (negative base, non-integer exponent)
 * ```
 */
export function portablePow(x: number, y: number): number {
  const hx = highWord(x);
  const lx = lowWord(x);
  const hy = highWord(y);
  const ly = lowWord(y);
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;

  // y = ±0: x^0 = 1, even for a NaN x.
  if ((iy | ly) === 0) return 1;

  // x or y NaN: NaN (also 1^NaN, as ECMAScript requires).
  if (
    ix > 0x7ff00000 ||
    (ix === 0x7ff00000 && lx !== 0) ||
    iy > 0x7ff00000 ||
    (iy === 0x7ff00000 && ly !== 0)
  ) {
    return x + y;
  }

  // yisint = 0: y is not an integer, 1: an odd integer, 2: an even integer (only for x < 0).
  const yisint = hx < 0 ? integerKind(iy, ly) : 0;

  // Special values of y.
  if (ly === 0) {
    if (iy === 0x7ff00000) {
      // y = ±∞
      if (((ix - 0x3ff00000) | lx) === 0) return NaN; // (±1)^±∞ = NaN
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0; // (|x| > 1)^±∞ = +∞, +0
      return hy < 0 ? -y : 0; // (|x| < 1)^∓∞ = +∞, +0
    }
    if (iy === 0x3ff00000) return hy < 0 ? 1 / x : x; // y = ±1
    if (hy === 0x40000000) return x * x; // y = 2
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x); // y = 0.5 and x ≥ +0
  }

  let ax = Math.abs(x);
  // Special values of x: ±0, ±∞, ±1.
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) {
    let z = ax;
    if (hy < 0) z = 1 / z; // z = 1/|x|
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yisint) === 0) return NaN; // (−1)^non-integer = NaN
      if (yisint === 1) z = -z; // (x < 0)^odd = −(|x|^odd)
    }
    return z;
  }

  let n = (hx >> 31) + 1; // 0 for x < 0, 1 for x > 0
  // (x < 0)^non-integer = NaN
  if ((n | yisint) === 0) return NaN;
  // s = the sign of the result: −1 for (x < 0)^odd, else 1.
  const s = (n | (yisint - 1)) === 0 ? -1 : 1;

  // log2(|x|) = t1 + t2, t1 with its low word zero.
  let t1: number;
  let t2: number;
  if (iy > 0x41e00000) {
    // |y| > 2^31
    if (iy > 0x43f00000) {
      // |y| > 2^64: overflows or underflows (x ≠ ±1 here)
      if (ix <= 0x3fefffff) return hy < 0 ? Infinity : 0;
      if (ix >= 0x3ff00000) return hy > 0 ? Infinity : 0;
    }
    // Overflow or underflow unless x is close to 1.
    if (ix < 0x3fefffff) return hy < 0 ? s * Infinity : s * 0;
    if (ix > 0x3ff00000) return hy > 0 ? s * Infinity : s * 0;
    // |1 − x| ≤ 2^−20: log(x) ≈ t − t²/2 + t³/3 − t⁴/4
    const t = ax - 1; // exact: t has 20 trailing zeros
    const w = t * t * (0.5 - t * (0.3333333333333333 - t * 0.25));
    const u = ivln2_h * t; // exact: ivln2_h has 21 significant bits
    const v = t * ivln2_l - w * ivln2;
    t1 = clearLowWord(u + v);
    t2 = v - (t1 - u);
  } else {
    n = 0;
    if (ix < 0x00100000) {
      // subnormal x: scale it into the normal range
      ax *= two53;
      n -= 53;
      ix = highWord(ax);
    }
    n += (ix >> 20) - 0x3ff;
    const j = ix & 0x000fffff;
    // Normalise the mantissa to [1, sqrt(3/2)) (k = 0) or [sqrt(3/2), sqrt(3)) (k = 1).
    ix = j | 0x3ff00000;
    let k: number;
    if (j <= 0x3988e) {
      k = 0; // |x| < sqrt(3/2)
    } else if (j < 0xbb67a) {
      k = 1; // |x| < sqrt(3)
    } else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
    }
    ax = withHighWord(ax, ix);
    const bp = k === 0 ? 1.0 : 1.5;
    const dp_h = k === 0 ? 0 : dp_h1;
    const dp_l = k === 0 ? 0 : dp_l1;

    // ss = s_h + s_l = (x − bp)/(x + bp)
    let u = ax - bp;
    let v = 1 / (ax + bp);
    const ss = u * v;
    const s_h = clearLowWord(ss);
    // t_h = ax + bp, high part
    let t_h = fromWords(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0);
    let t_l = ax - (t_h - bp);
    const s_l = v * (u - s_h * t_h - s_h * t_l);
    // log(ax)
    let s2 = ss * ss;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += s_l * (s_h + ss);
    s2 = s_h * s_h;
    t_h = clearLowWord(3.0 + s2 + r);
    t_l = r - (t_h - 3.0 - s2);
    // u + v = ss·(1 + …)
    u = s_h * t_h;
    v = s_l * t_h + t_l * ss;
    // 2/(3·ln2)·(ss + …)
    const p_h = clearLowWord(u + v);
    const p_l = v - (p_h - u);
    const z_h = cp_h * p_h; // cp_h + cp_l = 2/(3·ln2)
    const z_l = cp_l * p_h + p_l * cp + dp_l;
    // log2(ax) = (ss + …)·2/(3·ln2) = n + dp_h + z_h + z_l
    const t = n;
    t1 = clearLowWord(z_h + z_l + dp_h + t);
    t2 = z_l - (t1 - t - dp_h - z_h);
  }

  // Split y into y1 + y2 and compute z = (y1 + y2)·(t1 + t2) = p_h + p_l.
  const y1 = clearLowWord(y);
  const p_l = (y - y1) * t1 + y * t2;
  let p_h = y1 * t1;
  let z = p_l + p_h;
  let j = highWord(z);
  let i = lowWord(z);
  if (j >= 0x40900000) {
    // z ≥ 1024
    if (((j - 0x40900000) | i) !== 0) return s * Infinity; // z > 1024: overflow
    if (p_l + ovt > z - p_h) return s * Infinity; // overflow
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z ≤ −1075 (0xc090cc00 is the high word of −1075)
    if (((j - (0xc090cc00 | 0)) | i) !== 0) return s * 0; // z < −1075: underflow
    if (p_l <= z - p_h) return s * 0; // underflow
  }

  // 2^(p_h + p_l) = 2^n · 2^(p_h + p_l − n), n the nearest integer to z.
  i = j & 0x7fffffff;
  let k = (i >> 20) - 0x3ff;
  n = 0;
  if (i > 0x3fe00000) {
    // |z| > 0.5: n = [z + 0.5]
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff; // new k for n
    const t = fromWords(n & ~(0x000fffff >> k), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    p_h -= t;
  }
  const t = clearLowWord(p_l + p_h);
  const u = t * lg2_h;
  const v = (p_l - (t - p_h)) * lg2 + t * lg2_l;
  z = u + v;
  const w = v - (z - u);
  t1 = expR1(z);
  const r = (z * t1) / (t1 - 2.0) - (w + z * w);
  z = 1 - (r - z);
  j = highWord(z) + (n << 20);
  if (j >> 20 <= 0) {
    // Subnormal result: fdlibm's scalbn(z, n) for a positive normal z, e = exponent + n ≤ 0.
    const e = j >> 20;
    if (e <= -54) return s * 0; // underflow
    z = withHighWord(z, (highWord(z) & 0x800fffff) | ((e + 54) << 20)) * twom54;
  } else {
    z = withHighWord(z, j);
  }
  return s * z;
}

import { describe, expect, it } from 'vitest';
import { PORTABLE_EXPM1_CONSTANTS, portableExpm1 } from '../../src/math/portable-expm1.js';
import {
  expectConstantBits,
  expectGoldenWithinOneUlp,
  expectWithinOneUlp,
  uniformSource,
} from './helpers.js';

describe('portableExpm1', () => {
  it('uses the fdlibm constants bit for bit', () => {
    // The hex words are the ones printed next to each constant in fdlibm 5.3 s_expm1.c; the
    // |x| thresholds are the doubles whose high words s_expm1.c compares (low word 0). The
    // constants shared with e_exp.c are checked with portableExp's.
    expectConstantBits(PORTABLE_EXPM1_CONSTANTS, {
      abs_56_ln2: '4043687a00000000',
      twom54: '3c90000000000000',
      Q1: 'bfa11111111110f4',
      Q2: '3f5a01a019fe5585',
      Q3: 'bf14ce199eaadbb7',
      Q4: '3ed0cfca86e65239',
      Q5: 'be8afdb76e09c32d',
    });
  });

  it('handles the special values like Math.expm1', () => {
    expect(Object.is(portableExpm1(0), 0)).toBe(true);
    expect(Object.is(portableExpm1(-0), -0)).toBe(true);
    expect(portableExpm1(Number.NaN)).toBeNaN();
    expect(portableExpm1(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(portableExpm1(Number.NEGATIVE_INFINITY)).toBe(-1);
    expect(portableExpm1(-40)).toBe(-1);
    expect(portableExpm1(709.7827128933841)).toBe(Number.POSITIVE_INFINITY);
    expect(portableExpm1(Number.MIN_VALUE)).toBe(Number.MIN_VALUE);
  });

  it('is within 1 ulp of the correctly rounded values', () => {
    // Derived once with Python 3.11: float(Decimal(x).exp() − 1) at 80 significant digits.
    const golden: [number, number][] = [
      [1e-10, 1.00000000005e-10],
      [-1e-10, -9.999999999500001e-11],
      [0.1, 0.10517091807564763],
      [-0.1, -0.09516258196404043],
      [0.3, 0.3498588075760031],
      [-0.3, -0.2591817793182821],
      [0.5, 0.6487212707001282],
      [1, 1.7182818284590453],
      [-1, -0.6321205588285577],
      [2, 6.38905609893065],
      [-2, -0.8646647167633873],
      [5, 147.4131591025766],
      [15, 3269016.3724721107],
      [30, 10686474581523.463],
      [-30, -0.9999999999999064],
      [39, 8.659340042399374e16],
      [40, 2.3538526683702e17],
      [700, 1.0142320547350045e304],
    ];
    expectGoldenWithinOneUlp('expm1', portableExpm1, golden);
  });

  it('is within 1 ulp of Math.expm1 in every scaling branch', () => {
    // k = round(x/ln2) selects how 2^k·(1 + expm1(r)) − 1 is formed: k = 0, ±1, 2…19,
    // 20…56, > 56 and ≤ −2 each have their own formula. Sweep x over each k.
    const uniform = uniformSource(56);
    const inputs: number[] = [];
    for (let k = -60; k <= 1024; k++) {
      for (let n = 0; n < 60; n++) inputs.push(uniform(k - 0.5, k + 0.5) * Math.LN2);
    }
    for (let k = -70; k <= 0; k++) inputs.push(2 ** k, -(2 ** k));
    expectWithinOneUlp(
      inputs.filter((x) => x <= 709.782712893384),
      portableExpm1,
      Math.expm1,
    );
  });
});

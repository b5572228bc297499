import { describe, expect, it } from 'vitest';
import { portableTanh } from '../../src/index.js';
import { PORTABLE_TANH_CONSTANTS } from '../../src/math/portable-tanh.js';
import {
  expectConstantBits,
  expectGoldenWithinOneUlp,
  expectWithinOneUlp,
  uniformSource,
} from './helpers.js';

describe('portableTanh', () => {
  it('uses the fdlibm thresholds bit for bit', () => {
    // s_tanh.c compares the high word of |x| with 3c800000 (2^-55); 22 and 1 are exact.
    expectConstantBits(PORTABLE_TANH_CONSTANTS, { twom55: '3c80000000000000' });
  });

  it('keeps the sign of zero and saturates at ±1', () => {
    expect(Object.is(portableTanh(0), 0)).toBe(true);
    expect(Object.is(portableTanh(-0), -0)).toBe(true);
    expect(portableTanh(Number.POSITIVE_INFINITY)).toBe(1);
    expect(portableTanh(Number.NEGATIVE_INFINITY)).toBe(-1);
    expect(portableTanh(22)).toBe(1);
    expect(portableTanh(-1e300)).toBe(-1);
    expect(portableTanh(Number.NaN)).toBeNaN();
    expect(portableTanh(Number.MIN_VALUE)).toBe(Number.MIN_VALUE);
    expect(portableTanh(-(2 ** -56))).toBe(-(2 ** -56));
  });

  it('is odd: tanh(−x) = −tanh(x) bit for bit', () => {
    const uniform = uniformSource(3);
    for (let n = 0; n < 10_000; n++) {
      const x = uniform(0, 25);
      expect(Object.is(portableTanh(-x), -portableTanh(x)), `x = ${x}`).toBe(true);
    }
  });

  it('is within 1 ulp of the correctly rounded values', () => {
    // Derived once with Python 3.11 from Decimal at 80 significant digits:
    // tanh(x) = (e^2x − 1)/(e^2x + 1), rounded once to a double.
    const golden: [number, number][] = [
      [1e-10, 1e-10],
      [2 ** -54, 5.551115123125783e-17],
      [-0.25, -0.24491866240370913],
      [0.1, 0.09966799462495582],
      [0.5, 0.46211715726000974],
      [0.75, 0.6351489523872873],
      [0.9, 0.7162978701990245],
      [1, 0.7615941559557649],
      [-1, -0.7615941559557649],
      [2, 0.9640275800758169],
      [5, 0.9999092042625951],
      [10, 0.9999999958776927],
      [18, 0.9999999999999996],
      [19, 0.9999999999999999],
      [21.9, 1],
    ];
    expectGoldenWithinOneUlp('tanh', portableTanh, golden);
  });

  it('is within 1 ulp of Math.tanh near 0, 1 and 22, where the formula changes', () => {
    const inputs: number[] = [Number.MIN_VALUE, 1e-310, 2 ** -1022];
    for (let k = -70; k <= 5; k++) inputs.push(2 ** k, 1.5 * 2 ** k);
    for (const edge of [2 ** -55, 1, 22]) {
      for (let k = -2000; k <= 2000; k++) inputs.push(edge + k * edge * Number.EPSILON);
    }
    expectWithinOneUlp(
      inputs.flatMap((x) => [x, -x]),
      portableTanh,
      Math.tanh,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { portableExp } from '../../src/index.js';
import { PORTABLE_EXP_CONSTANTS } from '../../src/math/portable-exp.js';
import {
  expectConstantBits,
  expectGoldenWithinOneUlp,
  expectWithinOneUlp,
  hexOf,
  uniformSource,
} from './helpers.js';

describe('portableExp', () => {
  it('uses the fdlibm constants bit for bit', () => {
    // The hex words are the ones printed next to each constant in fdlibm 5.3 e_exp.c; the
    // |x| thresholds are the doubles whose high words e_exp.c compares (low word 0).
    expectConstantBits(PORTABLE_EXP_CONSTANTS, {
      o_threshold: '40862e42fefa39ef',
      u_threshold: 'c0874910d52d3051',
      ln2_hi: '3fe62e42fee00000',
      ln2_lo: '3dea39ef35793c76',
      invln2: '3ff71547652b82fe',
      twom1000: '0170000000000000',
      abs_709: '40862e4200000000',
      abs_half_ln2: '3fd62e4300000000',
      abs_one_and_half_ln2: '3ff0a2b200000000',
      twom28: '3e30000000000000',
      P1: '3fc555555555553e',
      P2: 'bf66c16c16bebd93',
      P3: '3f11566aaf25de2c',
      P4: 'bebbbd41c5d26bf1',
      P5: '3e66376972bea4d0',
    });
  });

  it('gives exact results at 0 and 1', () => {
    expect(portableExp(0)).toBe(1);
    expect(portableExp(-0)).toBe(1);
    expect(hexOf(portableExp(1))).toBe('4005bf0a8b145769'); // Math.E, correctly rounded
    expect(portableExp(1)).toBe(Math.E);
  });

  it('handles the special values like Math.exp', () => {
    expect(portableExp(Number.NaN)).toBeNaN();
    expect(portableExp(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(Object.is(portableExp(Number.NEGATIVE_INFINITY), 0)).toBe(true);
    // Overflow just above ln(MAX_VALUE), underflow to +0 just below ln(2^-1075).
    expect(portableExp(709.782712893384)).toBe(1.7976931348622732e308);
    expect(portableExp(709.7827128933841)).toBe(Number.POSITIVE_INFINITY);
    expect(portableExp(1e308)).toBe(Number.POSITIVE_INFINITY);
    expect(portableExp(-745.1332191019411)).toBe(Number.MIN_VALUE);
    expect(Object.is(portableExp(-745.1332191019412), 0)).toBe(true);
    expect(Object.is(portableExp(-1e308), 0)).toBe(true);
  });

  it('is within 1 ulp of the correctly rounded values', () => {
    // Derived once with Python 3.11: float(Decimal(x).exp()) at 80 significant digits, where
    // Decimal(x) is the exact value of the double x; so these are the correctly rounded exps.
    const golden: [number, number][] = [
      [-1, 0.36787944117144233],
      [0.5, 1.6487212707001282],
      [2, 7.38905609893065],
      [10, 22026.465794806718],
      [-10, 4.5399929762484854e-5],
      [0.1, 1.1051709180756477],
      [100, 2.6881171418161356e43],
      [700, 1.0142320547350045e304],
      [709.78, 1.7928227943945155e308],
      [-700, 9.85967654375977e-305],
      [-708.5, 2.006132305331306e-308],
      [-740, 4.2e-322],
      [-745, 5e-324],
      [1e-5, 1.00001000005],
      [0.34657359, 1.4142135619771539],
      [1.0397, 2.8283683765492893],
    ];
    expectGoldenWithinOneUlp('exp', portableExp, golden);
  });

  it('is within 1 ulp of Math.exp near 0 and at the reduction boundaries', () => {
    const inputs: number[] = [Number.MIN_VALUE, -Number.MIN_VALUE, 1e-310, 2 ** -1022];
    for (let k = -60; k <= 0; k++) inputs.push(2 ** k, -(2 ** k), 1.5 * 2 ** k);
    // fdlibm switches branches at |x| = 2^-28, ln2/2 and 3·ln2/2: sweep both sides of each.
    for (const edge of [2 ** -28, Math.LN2 / 2, 1.5 * Math.LN2]) {
      for (let k = -2000; k <= 2000; k++) {
        const x = edge + k * edge * Number.EPSILON;
        inputs.push(x, -x);
      }
    }
    expectWithinOneUlp(inputs, portableExp, Math.exp);
  });

  it('is within 1 ulp of Math.exp near overflow and in the subnormal range', () => {
    const inputs: number[] = [];
    const uniform = uniformSource(709);
    for (let n = 0; n < 20_000; n++) {
      inputs.push(uniform(708, 709.782712893384)); // up to the largest finite result
      inputs.push(uniform(-745.1332191019411, -708)); // subnormal results (k < −1021)
    }
    for (let k = 0; k <= 1000; k++) {
      inputs.push(709.782712893384 - k * 1e-13, -745.1332191019411 + k * 1e-13);
      inputs.push(-708.3964185322641 + (k - 500) * 1e-13); // ln(2^-1022): normal/subnormal edge
    }
    expectWithinOneUlp(inputs, portableExp, Math.exp);
  });
});

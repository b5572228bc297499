import { describe, expect, it } from 'vitest';
import { PORTABLE_LOG1P_CONSTANTS, portableLog1p } from '../../src/math/portable-log1p.js';
import { portableExp } from '../../src/math/portable-exp.js';
import {
  expectConstantBits,
  expectGoldenWithinOneUlp,
  expectWithinOneUlp,
  sweepInputs,
} from './helpers.js';

describe('portableLog1p', () => {
  it('uses the fdlibm constants bit for bit', () => {
    // The hex words are the ones printed next to each constant in fdlibm 5.3 s_log1p.c.
    expectConstantBits(PORTABLE_LOG1P_CONSTANTS, {
      ln2_hi: '3fe62e42fee00000',
      ln2_lo: '3dea39ef35793c76',
      Lp1: '3fe5555555555593',
      Lp2: '3fd999999997fa04',
      Lp3: '3fd2492494229359',
      Lp4: '3fcc71c51d8e78af',
      Lp5: '3fc7466496cb03de',
      Lp6: '3fc39a09d078c69f',
      Lp7: '3fc2f112df3e5244',
    });
  });

  it('handles the special values like Math.log1p', () => {
    expect(Object.is(portableLog1p(0), 0)).toBe(true);
    expect(Object.is(portableLog1p(-0), -0)).toBe(true);
    expect(portableLog1p(-1)).toBe(Number.NEGATIVE_INFINITY);
    expect(portableLog1p(-1.5)).toBeNaN();
    expect(portableLog1p(Number.NEGATIVE_INFINITY)).toBeNaN();
    expect(portableLog1p(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(portableLog1p(Number.NaN)).toBeNaN();
    expect(portableLog1p(Number.MIN_VALUE)).toBe(Number.MIN_VALUE);
  });

  it('is within 1 ulp of the correctly rounded values', () => {
    // Derived once with Python 3: float((1 + Decimal(x)).ln()) at 60 significant digits,
    // where Decimal(x) is the exact value of the double x.
    const golden: [number, number][] = [
      [1e-20, 1e-20],
      [1e-10, 9.999999999500001e-11],
      [9.313225746154785e-10, 9.313225741817976e-10], // 2^-30
      [0.1, 0.09531017980432487],
      [-0.1, -0.10536051565782631],
      [0.5, 0.4054651081081644],
      [-0.5, -0.6931471805599453],
      [1, 0.6931471805599453],
      [3, 1.3862943611198906],
      [-0.75, -1.3862943611198906],
      [1e10, 23.025850930040455],
      [1e300, 690.7755278982137],
      [4.248354255291589e-18, 4.248354255291589e-18], // e^-40
      [9.357622968840175e-14, 9.357622968839737e-14], // e^-30
      [-0.9999999999999999, -36.7368005696771],
    ];
    expectGoldenWithinOneUlp('log1p', portableLog1p, golden);
  });

  it('is within 1 ulp of Math.log1p on a sweep of every branch', () => {
    // Random bit patterns (every exponent, both signs), then the reduction branches:
    // |x| < 2^-29, −0.2929 < x < 0.41422 (no reduction), x near −1, x up to 2^53 and beyond.
    const inputs = sweepInputs(7, 20_000, [
      [-1, -0.2929, 5_000],
      [-0.2929, 0.41422, 5_000],
      [-1e-8, 1e-8, 2_000],
      [0.41422, 4, 5_000],
      [4, 1e6, 3_000],
      [1e15, 1e17, 1_000],
    ]);
    for (let k = -80; k <= 0; k++) inputs.push(2 ** k, -(2 ** k));
    for (let z = 0; z <= 745; z += 0.25) inputs.push(portableExp(-z)); // log1p(e^−|z|)
    expectWithinOneUlp(inputs, portableLog1p, Math.log1p);
  });
});

import { describe, expect, it } from 'vitest';
import { PORTABLE_LOG_CONSTANTS, portableLog } from '../../src/math/portable-log.js';
import {
  expectConstantBits,
  expectGoldenWithinOneUlp,
  expectWithinOneUlp,
  fromBits,
  xorshift32,
} from './helpers.js';

describe('portableLog', () => {
  it('uses the fdlibm constants bit for bit', () => {
    // The hex words are the ones printed next to each constant in fdlibm 5.3 e_log.c.
    expectConstantBits(PORTABLE_LOG_CONSTANTS, {
      ln2_hi: '3fe62e42fee00000',
      ln2_lo: '3dea39ef35793c76',
      two54: '4350000000000000',
      Lg1: '3fe5555555555593',
      Lg2: '3fd999999997fa04',
      Lg3: '3fd2492494229359',
      Lg4: '3fcc71c51d8e78af',
      Lg5: '3fc7466496cb03de',
      Lg6: '3fc39a09d078c69f',
      Lg7: '3fc2f112df3e5244',
    });
  });

  it('returns exactly +0 for 1', () => {
    expect(Object.is(portableLog(1), 0)).toBe(true);
  });

  it('handles the special values like Math.log', () => {
    expect(portableLog(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(portableLog(-0)).toBe(Number.NEGATIVE_INFINITY);
    expect(portableLog(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(portableLog(Number.NEGATIVE_INFINITY)).toBeNaN();
    expect(portableLog(-1)).toBeNaN();
    expect(portableLog(-Number.MIN_VALUE)).toBeNaN();
    expect(portableLog(Number.NaN)).toBeNaN();
    expect(portableLog(fromBits(-0x0008000000000000n))).toBeNaN(); // a NaN with the sign bit
  });

  it('is within 1 ulp of the correctly rounded values', () => {
    // Derived once with Python 3.11: float(Decimal(x).ln()) at 60 significant digits, where
    // Decimal(x) is the exact value of the double x; so these are the correctly rounded logs.
    const golden: [number, number][] = [
      [2, 0.6931471805599453],
      [10, 2.302585092994046],
      [0.5, -0.6931471805599453],
      [3, 1.0986122886681098],
      [0.1, -2.3025850929940455],
      [123456.789, 11.723646487185881],
      [1e-300, -690.7755278982137],
      [5e-324, -744.4400719213812],
      [1.7976931348623157e308, 709.782712893384],
      [1.0000000000000002, 2.2204460492503128e-16],
      [0.9999999999999999, -1.1102230246251565e-16],
    ];
    expectGoldenWithinOneUlp('log', portableLog, golden);
    expect(portableLog(2)).toBe(Math.LN2);
    expect(portableLog(Math.E)).toBeCloseTo(1, 15);
  });

  it('is within 1 ulp of Math.log on subnormals', () => {
    const inputs: number[] = [Number.MIN_VALUE, 2 * Number.MIN_VALUE, 1e-320, 1e-310];
    inputs.push(fromBits(0x000fffffffffffffn)); // the largest subnormal
    for (let k = 0; k < 52; k++) inputs.push(fromBits(1n << BigInt(k)));
    const random = xorshift32(1);
    for (let n = 0; n < 20_000; n++) {
      const high = random.next().value & 0x000fffff;
      const low = random.next().value;
      const bits = (BigInt(high) << 32n) | BigInt(low);
      if (bits !== 0n) inputs.push(fromBits(bits));
    }
    expectWithinOneUlp(inputs, portableLog, Math.log);
  });

  it('is within 1 ulp of Math.log near 1', () => {
    const inputs: number[] = [];
    for (let k = 1; k <= 2000; k++) {
      inputs.push(1 + k * Number.EPSILON, 1 - (k * Number.EPSILON) / 2);
    }
    for (const offset of [2 ** -20, 2 ** -21, 1e-10, 1e-5, 1e-3, 0.01, 0.1]) {
      inputs.push(1 + offset, 1 - offset, 1 + offset * (1 + Number.EPSILON));
    }
    // The reduction switches branches at sqrt(2)/2 and sqrt(2): sweep both sides.
    for (let k = -1000; k <= 1000; k++) {
      inputs.push(Math.SQRT2 + k * Number.EPSILON, Math.SQRT1_2 + (k * Number.EPSILON) / 2);
    }
    expectWithinOneUlp(inputs, portableLog, Math.log);
  });

  it('is within 1 ulp of Math.log on every power of two and on large values', () => {
    const inputs: number[] = [1e300, 1e308, Number.MAX_VALUE, 2 ** 1023, 1.5 * 2 ** 1023];
    for (let k = -1074; k <= 1023; k++) inputs.push(2 ** k, 3 * 2 ** (k - 1));
    expectWithinOneUlp(
      inputs.filter((x) => Number.isFinite(x) && x > 0),
      portableLog,
      Math.log,
    );
  });

  it('is within 1 ulp of Math.log on 200 000 random positive doubles', () => {
    // Random bit patterns cover every exponent (and so every reduction case) uniformly.
    const random = xorshift32(2024);
    const inputs: number[] = [];
    while (inputs.length < 200_000) {
      const high = random.next().value & 0x7fffffff;
      const low = random.next().value;
      const x = fromBits((BigInt(high) << 32n) | BigInt(low));
      if (Number.isFinite(x) && x > 0) inputs.push(x);
    }
    // Uniform values in (0, 4], where the sampling code calls it.
    for (let n = 0; n < 50_000; n++) inputs.push((random.next().value + 1) / 2 ** 30);
    const exact = expectWithinOneUlp(inputs, portableLog, Math.log);
    // fdlibm is accurate to < 1 ulp, so the vast majority must match exactly too.
    expect(exact).toBeGreaterThan(0.99);
  });
});

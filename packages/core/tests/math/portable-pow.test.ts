import { describe, expect, it } from 'vitest';
import { portablePow } from '../../src/index.js';
import { PORTABLE_POW_CONSTANTS } from '../../src/math/portable-pow.js';
import {
  expectConstantBits,
  expectGoldenWithinOneUlp,
  expectWithinOneUlp,
  fromBits,
  randomDoubles,
  uniformSource,
  xorshift32,
} from './helpers.js';

/** Asserts that portablePow is within 1 ulp of Math.pow on every pair; returns the exact fraction. */
function expectWithinOneUlpOfMathPow(pairs: Iterable<readonly [number, number]>): number {
  return expectWithinOneUlp(
    pairs,
    ([x, y]) => portablePow(x, y),
    ([x, y]) => Math.pow(x, y),
  );
}

const { NaN: nan, POSITIVE_INFINITY: inf, MIN_VALUE: min, MAX_VALUE: max } = Number;

describe('portablePow', () => {
  it('uses the fdlibm constants bit for bit', () => {
    // The hex words are the ones printed next to each constant in fdlibm 5.3 e_pow.c (and,
    // for twom54, s_scalbn.c); P1…P5 are e_exp.c's, checked with portableExp's.
    expectConstantBits(PORTABLE_POW_CONSTANTS, {
      dp_h1: '3fe2b80340000000',
      dp_l1: '3e4cfdeb43cfd006',
      two53: '4340000000000000',
      twom54: '3c90000000000000',
      L1: '3fe3333333333303',
      L2: '3fdb6db6db6fabff',
      L3: '3fd55555518f264d',
      L4: '3fd17460a91d4101',
      L5: '3fcd864a93c9db65',
      L6: '3fca7e284a454eef',
      lg2: '3fe62e42fefa39ef',
      lg2_h: '3fe62e4300000000',
      lg2_l: 'be205c610ca86c39',
      ovt: '3c971547652b82fe',
      cp: '3feec709dc3a03fd',
      cp_h: '3feec709e0000000',
      cp_l: 'be3e2fe0145b01f5',
      ivln2: '3ff71547652b82fe',
      ivln2_h: '3ff7154760000000',
      ivln2_l: '3e54ae0bf85ddf44',
    });
  });

  // Number::exponentiate in ECMA-262 (§6.1.6.1.3), case by case; it differs from C's pow,
  // where pow(1, y) = 1 for every y and pow(−1, ±∞) = 1.
  it.each<[string, number, number, number]>([
    ['y = +0 gives 1, even for a NaN base', nan, 0, 1],
    ['y = −0 gives 1, even for a NaN base', nan, -0, 1],
    ['y = ±0 gives 1 for an infinite base', -inf, -0, 1],
    ['y = ±0 gives 1 for a zero base', -0, 0, 1],
    ['a NaN exponent gives NaN, even for base 1', 1, nan, nan],
    ['a NaN exponent gives NaN for base −1', -1, nan, nan],
    ['a NaN exponent gives NaN for base 0', 0, nan, nan],
    ['a NaN base gives NaN for y ≠ 0', nan, 1, nan],
    ['a NaN base gives NaN for y = ∞', nan, inf, nan],
    ['+∞ to a positive power is +∞', inf, 0.5, inf],
    ['+∞ to +∞ is +∞', inf, inf, inf],
    ['+∞ to a negative power is +0', inf, -3, 0],
    ['+∞ to −∞ is +0', inf, -inf, 0],
    ['−∞ to a positive odd integer is −∞', -inf, 3, -inf],
    ['−∞ to 1 is −∞', -inf, 1, -inf],
    ['−∞ to a positive even integer is +∞', -inf, 2, inf],
    ['−∞ to a positive non-integer is +∞', -inf, 0.5, inf],
    ['−∞ to +∞ is +∞', -inf, inf, inf],
    ['−∞ to a negative odd integer is −0', -inf, -3, -0],
    ['−∞ to −1 is −0', -inf, -1, -0],
    ['−∞ to a negative even integer is +0', -inf, -2, 0],
    ['−∞ to a negative non-integer is +0', -inf, -0.5, 0],
    ['+0 to a positive power is +0', 0, 3, 0],
    ['+0 to +∞ is +0', 0, inf, 0],
    ['+0 to a negative power is +∞', 0, -0.5, inf],
    ['+0 to −∞ is +∞', 0, -inf, inf],
    ['−0 to a positive odd integer is −0', -0, 3, -0],
    ['−0 to 1 is −0', -0, 1, -0],
    ['−0 to a positive even integer is +0', -0, 2, 0],
    ['−0 to a positive non-integer is +0', -0, 0.5, 0],
    ['−0 to a huge (even) power is +0', -0, 1e300, 0],
    ['−0 to +∞ is +0', -0, inf, 0],
    ['−0 to a negative odd integer is −∞', -0, -3, -inf],
    ['−0 to −1 is −∞', -0, -1, -inf],
    ['−0 to a negative even integer is +∞', -0, -2, inf],
    ['−0 to a negative non-integer is +∞', -0, -0.5, inf],
    ['−0 to −∞ is +∞', -0, -inf, inf],
    ['|x| > 1 to +∞ is +∞', -2, inf, inf],
    ['|x| just above 1 to +∞ is +∞', 1 + Number.EPSILON, inf, inf],
    ['1 to +∞ is NaN', 1, inf, nan],
    ['−1 to +∞ is NaN', -1, inf, nan],
    ['|x| < 1 to +∞ is +0', -0.5, inf, 0],
    ['|x| just below 1 to +∞ is +0', 1 - Number.EPSILON / 2, inf, 0],
    ['|x| > 1 to −∞ is +0', 2, -inf, 0],
    ['1 to −∞ is NaN', 1, -inf, nan],
    ['−1 to −∞ is NaN', -1, -inf, nan],
    ['|x| < 1 to −∞ is +∞', -0.5, -inf, inf],
    ['a negative base to a non-integer is NaN', -8, 1 / 3, nan],
    ['−1 to a non-integer is NaN', -1, 0.5, nan],
    ['the smallest negative base to 0.5 is NaN', -min, 0.5, nan],
    ['a huge negative base to a tiny power is NaN', -1e300, 1e-300, nan],
    ['a negative base to an odd integer is negative', -2, 3, -8],
    ['a negative base to an even integer is positive', -2, 2, 4],
    ['a negative base to −1 is its reciprocal', -2, -1, -0.5],
    ['−1 to a huge (even) integer is 1', -1, 2 ** 64, 1],
    ['−1 to an odd integer is −1', -1, 2 ** 53 - 1, -1],
    ['1 to any finite power is 1', 1, -1e300, 1],
    ['a negative base to a huge odd integer overflows to −∞', -3, 2 ** 52 + 1, -inf],
    ['a negative base to a large odd integer overflows to −∞', -2, 1025, -inf],
    ['a negative base to a negative odd integer underflows to −0', -2, -1077, -0],
    ['a negative base to a huge even integer overflows to +∞', -2, 2 ** 60, inf],
    ['x > 1 to a huge power overflows', 1.5, 1e300, inf],
    ['x < 1 to a huge power underflows to +0', 0.5, 1e300, 0],
    ['x near 1 to a power beyond 2^64 overflows', 1 + Number.EPSILON, 2 ** 65, inf],
    ['the largest double squared overflows', max, 2, inf],
  ])('%s: pow(%d, %d) = %d', (_, x, y, expected) => {
    expect(portablePow(x, y)).toBe(expected); // toBe uses Object.is: signs of zeros count
  });

  it('agrees with Math.pow on every pair of special and boundary values', () => {
    const values = [
      ...[0, 1, 0.5, 2, 3, 2.5, min, max, 2 ** 53, 2 ** 53 + 2, 2 ** 64, 1e300, inf],
      ...[1 + Number.EPSILON, 1 - Number.EPSILON / 2, 2 ** -1022, 1023, 1024, 1074, 1075],
    ].flatMap((value) => [value, -value]);
    values.push(nan);
    const pairs = values.flatMap((x) => values.map((y) => [x, y] as const));
    expectWithinOneUlpOfMathPow(pairs);
  });

  it('gives exact results: squares, square roots, powers of two, integer powers', () => {
    expect(portablePow(2, 10)).toBe(1024);
    expect(portablePow(10, 22)).toBe(1e22);
    expect(portablePow(10, -3)).toBe(0.001); // correctly rounded
    const uniform = uniformSource(5);
    for (let n = 0; n < 5_000; n++) {
      const x = uniform(0, 1e6);
      expect(portablePow(x, 0.5), `sqrt ${x}`).toBe(Math.sqrt(x));
      expect(portablePow(x, 2), `square ${x}`).toBe(x * x);
      expect(portablePow(-x, 1), `identity ${-x}`).toBe(-x);
      expect(portablePow(x, -1), `reciprocal ${x}`).toBe(1 / x);
    }
    // 2^k for every k whose power of two is a double, subnormals included.
    for (let k = -1074; k <= 1023; k++) {
      const exact = fromBits(k >= -1022 ? BigInt(k + 1023) << 52n : 1n << BigInt(k + 1074));
      expect(portablePow(2, k), `2^${k}`).toBe(exact);
      expect(portablePow(0.5, -k), `0.5^${-k}`).toBe(exact);
    }
    // a^n for every a in 2…30 and n with a^n < 2^53 (exact by repeated multiplication).
    for (let a = 2; a <= 30; a++) {
      let power = a;
      for (let n = 1; power < 2 ** 53; n++, power *= a) {
        expect(portablePow(a, n), `${a}^${n}`).toBe(power);
        expect(portablePow(-a, n), `(−${a})^${n}`).toBe(n % 2 === 1 ? -power : power);
      }
    }
  });

  it('is within 1 ulp of the correctly rounded values', () => {
    // Derived once with Python 3.11: float(Decimal(y)·Decimal(|x|).ln()).exp()) at 80
    // significant digits (sign from the parity of y), where Decimal(v) is the exact double v.
    const golden: [number, number, number][] = [
      [2, 0.5, 1.4142135623730951],
      [0.9, 3, 0.7290000000000001],
      [1.5, 2.5, 2.7556759606310752],
      [3, 1 / 3, 1.4422495703074083],
      [7, 100.5, 8.557620465947324e84],
      [0.001, -12.75, 1.7782794100389224e38],
      [-2.5, 3, -15.625],
      [-1.1, -7, -0.5131581182307065],
      [1.0000001, 1e7, 2.7182816941320818],
      [123.456, 7.89, 3.1771028258180936e16],
      [2, -1074.5, 5e-324],
      [0.5, 1073.25, 1e-323],
      [1e-300, 1.03, 9.9999999999998e-310],
      [max, 0.999, 8.840174632999172e307],
    ];
    expectGoldenWithinOneUlp('pow', portablePow, golden);
  });

  it('is within 1 ulp of Math.pow near overflow, near underflow and for subnormal results', () => {
    const uniform = uniformSource(1024);
    const pairs: [number, number][] = [];
    for (let n = 0; n < 20_000; n++) {
      // y·log2(x) close to 1024 (overflow), −1022 (subnormal edge) and −1075 (underflow).
      const x = uniform(1.01, 50);
      for (const target of [1024, -1022, -1075, uniform(-1075, -1022)]) {
        const y = (target / Math.log2(x)) * (1 + uniform(-1e-12, 1e-12));
        pairs.push([x, y], [1 / x, -y]);
      }
    }
    expectWithinOneUlpOfMathPow(pairs);
  });

  it('is within 1 ulp of Math.pow on 200 000 random pairs', () => {
    const uniform = uniformSource(2024);
    const random = xorshift32(99);
    const integer = (low: number, high: number): number =>
      low + (random.next().value % (high - low + 1));
    const pairs: [number, number][] = [];
    for (let n = 0; n < 50_000; n++) pairs.push([uniform(0, 20), uniform(-40, 40)]);
    // Integer exponents, negative bases included (the optimizers' β^t and decayRate^epoch).
    for (let n = 0; n < 40_000; n++) pairs.push([uniform(-10, 10), integer(-300, 300)]);
    for (let n = 0; n < 10_000; n++) pairs.push([uniform(0.8, 1), integer(1, 100_000)]);
    // Bases within 2^-20 of 1 with |y| > 2^31: fdlibm's short-series branch.
    for (let n = 0; n < 10_000; n++) {
      const x = 1 + integer(-4096, 4096) * Number.EPSILON * 64;
      pairs.push([x, uniform(2 ** 31, 2 ** 40) * (n % 2 === 0 ? 1 : -1)]);
    }
    // Subnormal bases.
    for (let n = 0; n < 20_000; n++) {
      const high = random.next().value & 0x000fffff;
      const x = fromBits((BigInt(high) << 32n) | BigInt(random.next().value | 1));
      pairs.push([x, uniform(-0.9, 1.2)]);
    }
    // Random bit patterns for both (every exponent, both signs).
    const xs = randomDoubles(19, 70_000);
    const ys = randomDoubles(23, 70_000);
    for (let n = 0; n < xs.length; n++) pairs.push([xs[n]!, ys[n]!]);
    expect(pairs.length).toBeGreaterThanOrEqual(200_000);
    const exact = expectWithinOneUlpOfMathPow(pairs);
    // fdlibm's pow and V8's differ in the last bit for a few percent of arguments.
    expect(exact).toBeGreaterThan(0.9);
  });
});

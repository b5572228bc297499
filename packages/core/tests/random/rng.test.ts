import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/config-error.js';
import { portableLog } from '../../src/math/portable-log.js';
import { Rng, type RngState } from '../../src/random/rng.js';

const TWO_POW_32 = 4294967296;
const SAMPLES = 100_000;

/** An Rng positioned at the given xoshiro128** state words. */
function rngAt(s: [number, number, number, number]): Rng {
  return Rng.fromState({ algorithm: 'xoshiro128**', s, spareNormal: null });
}

/** A reference xoshiro128** written with BigInt, independent of Math.imul and `>>>`. */
function* referenceXoshiro128StarStar(seedState: readonly number[]): Generator<number> {
  const mask = 0xffffffffn;
  const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (32n - k))) & mask;
  const s = seedState.map((word) => BigInt(word));
  for (;;) {
    const result = (rotl((s[1]! * 5n) & mask, 7n) * 9n) & mask;
    const t = (s[1]! << 9n) & mask;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11n);
    yield Number(result);
  }
}

/** The SplitMix32 output function written with BigInt, for the split() derivation. */
function referenceMix32(value: bigint): number {
  const mask = 0xffffffffn;
  let z = value & mask;
  z = ((z ^ (z >> 16n)) * 0x21f0aaadn) & mask;
  z = ((z ^ (z >> 15n)) * 0x735a2d97n) & mask;
  return Number(z ^ (z >> 15n));
}

/** Sample mean and (population) variance. */
function moments(values: ArrayLike<number>): { mean: number; variance: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i]! - mean) ** 2;
  return { mean, variance: squares / values.length };
}

/** Pearson's chi-square statistic of observed counts against equal expected counts. */
function chiSquare(counts: readonly number[]): number {
  const total = counts.reduce((sum, count) => sum + count, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
}

/** Runs `action`, expecting a ConfigError whose message contains every fragment. */
function expectConfigError(action: () => unknown, ...fragments: string[]): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(ConfigError.isInstance(caught)).toBe(true);
  const error = caught as ConfigError;
  expect(error.code).toBe('INVALID_CONFIG');
  for (const fragment of fragments) expect(error.message).toContain(fragment);
}

describe('Rng', () => {
  describe('generator', () => {
    it('produces the reference xoshiro128** outputs for the state [1, 2, 3, 4]', () => {
      // Derived once with a separate Python 3.11 port of xoshiro128starstar.c (Blackman &
      // Vigna): the first output is rotl(2·5, 7)·9 = 11520.
      const rng = rngAt([1, 2, 3, 4]);
      const outputs = Array.from({ length: 8 }, () => rng.nextUint32());
      expect(outputs).toEqual([
        11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849,
      ]);
    });

    it('matches an independent BigInt implementation for 10 000 outputs', () => {
      const start: [number, number, number, number] = [0x9e3779b9, 0x7f4a7c15, 0xf39cc060, 1];
      const rng = rngAt(start);
      const reference = referenceXoshiro128StarStar(start);
      for (let n = 0; n < 10_000; n++) {
        const expected = reference.next().value;
        const actual = rng.nextUint32();
        if (actual !== expected) expect({ n, actual }).toEqual({ n, actual: expected });
      }
    });

    it('returns integers in [0, 2^32) from nextUint32', () => {
      const rng = new Rng(7);
      let sawHighBit = false;
      for (let n = 0; n < 10_000; n++) {
        const value = rng.nextUint32();
        expect(Number.isInteger(value) && value >= 0 && value < TWO_POW_32).toBe(true);
        if (value >= 2 ** 31) sawHighBit = true;
      }
      expect(sawHighBit).toBe(true);
    });
  });

  describe('seeding', () => {
    it('expands seeds 0, 1, 2 and 42 into the independently derived states', () => {
      // Derived once with a separate Python port of SplitMix32 (as documented in splitmix32.ts).
      expect(new Rng(0).getState().s).toEqual([1684164658, 3653269916, 2939563536, 2141751570]);
      expect(new Rng(1).getState().s).toEqual([1580013426, 350525680, 3524174333, 3011703609]);
      expect(new Rng(2).getState().s).toEqual([140556409, 2864793216, 4161800562, 2191063220]);
      expect(new Rng(42).getState().s).toEqual([551831576, 144025891, 322543647, 3034809370]);
    });

    it('produces the independently derived first outputs for seeds 0 and 42', () => {
      // Same Python port: xoshiro128** run from the states above.
      const zero = new Rng(0);
      expect(Array.from({ length: 4 }, () => zero.nextUint32())).toEqual([
        1789933344, 44971166, 2521387044, 3848737593,
      ]);
      const fortyTwo = new Rng(42);
      expect(Array.from({ length: 4 }, () => fortyTwo.nextUint32())).toEqual([
        660444221, 3652823732, 77672526, 910233633,
      ]);
    });

    it('expands negative, large and fractional seeds as documented', () => {
      // Same Python port: -1 → words [2^32-1, 2^32-1]; 2^32 → [0, 1];
      // 0.5 → its IEEE-754 words [0, 0x3fe00000] plus the tag 0x6e6f6e69.
      expect(new Rng(-1).getState().s).toEqual([2467121899, 698895498, 3118248338, 752832436]);
      expect(new Rng(2 ** 32).getState().s).toEqual([
        2702502840, 3191938177, 2478936861, 462083168,
      ]);
      expect(new Rng(0.5).getState().s).toEqual([184610585, 382945383, 898675648, 2431251166]);
    });

    it('treats -0 as 0', () => {
      expect(new Rng(-0).getState()).toEqual(new Rng(0).getState());
    });

    it('gives the same sequence for the same seed', () => {
      const a = new Rng(123);
      const b = new Rng(123);
      for (let n = 0; n < 1000; n++) expect(a.nextUint32()).toBe(b.nextUint32());
    });

    it('gives unrelated streams for seeds 0, 1 and 2', () => {
      const streams = [0, 1, 2].map((seed) => {
        const rng = new Rng(seed);
        return Float64Array.from({ length: 10_000 }, () => rng.nextFloat());
      });
      for (let a = 0; a < 3; a++) {
        for (let b = a + 1; b < 3; b++) {
          const x = streams[a]!;
          const y = streams[b]!;
          let equal = 0;
          let covariance = 0;
          for (let i = 0; i < x.length; i++) {
            if (x[i] === y[i]) equal++;
            covariance += (x[i]! - 0.5) * (y[i]! - 0.5);
          }
          expect(equal).toBe(0);
          // Correlation of independent uniforms: sd 1/sqrt(n) = 0.01; bound at 5 sd.
          const correlation = covariance / x.length / (1 / 12);
          expect(Math.abs(correlation)).toBeLessThan(0.05);
        }
      }
    });

    it.each([
      [Number.NaN, 'got NaN'],
      [Number.POSITIVE_INFINITY, 'got Infinity'],
      [Number.NEGATIVE_INFINITY, 'got -Infinity'],
      ['1', "got '1'"],
      [undefined, 'got undefined'],
    ])('rejects the seed %s with a ConfigError', (seed, fragment) => {
      expectConfigError(
        () => new Rng(seed as number),
        'Rng: seed must be a finite number',
        fragment,
      );
    });
  });

  describe('nextFloat', () => {
    it('produces the independently derived values for seed 42', () => {
      // Same Python port: ((a >>> 5) * 2^26 + (b >>> 6)) / 2^53 from two draws a, b.
      const rng = new Rng(42);
      expect(Array.from({ length: 4 }, () => rng.nextFloat())).toEqual([
        0.15377165265745885, 0.018084542542176507, 0.5348906284683476, 0.7272476959257951,
      ]);
    });

    it('returns multiples of 2^-53 in [0, 1) using all 53 bits', () => {
      const rng = new Rng(3);
      let sawOddMultiple = false;
      for (let n = 0; n < 10_000; n++) {
        const value = rng.nextFloat();
        expect(value >= 0 && value < 1).toBe(true);
        const scaled = value * 2 ** 53;
        expect(Number.isInteger(scaled)).toBe(true);
        if (scaled % 2 === 1) sawOddMultiple = true;
      }
      expect(sawOddMultiple).toBe(true);
    });

    it('has the mean and variance of U(0, 1) over 100 000 samples', () => {
      const rng = new Rng(11);
      const values = Float64Array.from({ length: SAMPLES }, () => rng.nextFloat());
      const { mean, variance } = moments(values);
      // Standard errors for n = 1e5: mean sqrt(1/12/n) = 9.1e-4; variance
      // sqrt((1/80 - 1/144)/n) = 2.4e-4 (fourth central moment 1/80). Bounds at 5 SE.
      expect(Math.abs(mean - 0.5)).toBeLessThan(5 * 9.2e-4);
      expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * 2.4e-4);
    });
  });

  describe('uniform', () => {
    it('defaults to [0, 1) and equals nextFloat from the same state', () => {
      const a = new Rng(5);
      const b = new Rng(5);
      for (let n = 0; n < 100; n++) expect(a.uniform()).toBe(b.nextFloat());
    });

    it('has the mean and variance of U(-3, 5) over 100 000 samples', () => {
      const rng = new Rng(12);
      const values = Float64Array.from({ length: SAMPLES }, () => rng.uniform(-3, 5));
      for (const value of values) {
        if (!(value >= -3 && value < 5)) expect(value).toBeLessThan(5);
      }
      const { mean, variance } = moments(values);
      // Width 8 scales the U(0, 1) standard errors above by 8 (mean) and 64 (variance).
      expect(Math.abs(mean - 1)).toBeLessThan(5 * 8 * 9.2e-4);
      expect(Math.abs(variance - 64 / 12)).toBeLessThan(5 * 64 * 2.4e-4);
    });

    it('never returns high, even when rounding would give it', () => {
      // low + (high - low)·u rounds to high for u > 1/2 here; those draws are rejected.
      const rng = new Rng(13);
      const high = 1 + Number.EPSILON;
      for (let n = 0; n < 1000; n++) expect(rng.uniform(1, high)).toBe(1);
    });

    it.each([
      [1, 0],
      [1, 1],
      [Number.NaN, 1],
      [0, Number.POSITIVE_INFINITY],
      [-Number.MAX_VALUE, Number.MAX_VALUE],
    ])('rejects low=%s, high=%s', (low, high) => {
      expectConfigError(() => new Rng(0).uniform(low, high), 'Rng.uniform', 'low < high');
    });
  });

  describe('normal', () => {
    it('agrees with an independent polar-method derivation for seed 42', () => {
      // Derived once with a separate Python 3.11 port (math.log from glibc): the polar method
      // on the nextFloat stream of seed 42. The log may differ in the last bit from the
      // portable one, so compare to 1e-15 relative.
      const expected = [
        0.26752683279886763, 1.7424408507579792, 0.5813902645846303, -1.6928022796929545,
        0.8153199153614247, -0.4575232453291946,
      ];
      const rng = new Rng(42);
      for (const value of expected) {
        const actual = rng.normal();
        expect(Math.abs(actual - value)).toBeLessThanOrEqual(1e-15 * Math.abs(value));
      }
    });

    it('is the polar method on nextFloat, bit for bit, with the spare returned second', () => {
      const rng = new Rng(8);
      const twin = new Rng(8);
      for (let pair = 0; pair < 500; pair++) {
        let u: number;
        let v: number;
        let s: number;
        do {
          u = 2 * twin.nextFloat() - 1;
          v = 2 * twin.nextFloat() - 1;
          s = u * u + v * v;
        } while (s >= 1 || s === 0);
        const factor = Math.sqrt((-2 * portableLog(s)) / s);
        expect(rng.normal()).toBe(u * factor);
        expect(rng.normal()).toBe(v * factor);
      }
    });

    it('has the mean and variance of N(0, 1) over 100 000 samples', () => {
      const rng = new Rng(21);
      const values = Float64Array.from({ length: SAMPLES }, () => rng.normal());
      const { mean, variance } = moments(values);
      // Standard errors for n = 1e5: mean 1/sqrt(n) = 3.2e-3; variance sqrt(2/n) = 4.5e-3
      // (fourth moment 3). Bounds at 5 SE.
      expect(Math.abs(mean)).toBeLessThan(5 * 3.2e-3);
      expect(Math.abs(variance - 1)).toBeLessThan(5 * 4.5e-3);
      // Shape: P(|z| < 1) = 0.6827, standard error sqrt(p(1-p)/n) = 1.5e-3; bound at 5 SE.
      const within = values.filter((value) => Math.abs(value) < 1).length / SAMPLES;
      expect(Math.abs(within - 0.6827)).toBeLessThan(5 * 1.5e-3);
    });

    it('applies mean and std', () => {
      const rng = new Rng(22);
      const values = Float64Array.from({ length: SAMPLES }, () => rng.normal(3, 2));
      const { mean, variance } = moments(values);
      // The N(0, 1) standard errors scaled by std = 2 (mean) and std² = 4 (variance).
      expect(Math.abs(mean - 3)).toBeLessThan(5 * 2 * 3.2e-3);
      expect(Math.abs(variance - 4)).toBeLessThan(5 * 4 * 4.5e-3);
    });

    it('returns the mean exactly when std is 0', () => {
      const rng = new Rng(23);
      for (let n = 0; n < 10; n++) expect(rng.normal(1.25, 0)).toBe(1.25);
    });

    it.each([
      [Number.NaN, 1, 'mean must be a finite number, got NaN'],
      [0, -1, 'std must be a finite number >= 0, got -1'],
      [0, Number.POSITIVE_INFINITY, 'std must be a finite number >= 0, got Infinity'],
    ])('rejects mean=%s, std=%s', (mean, std, fragment) => {
      expectConfigError(() => new Rng(0).normal(mean, std), 'Rng.normal', fragment);
    });
  });

  describe('int', () => {
    it('returns integers in [0, n)', () => {
      const rng = new Rng(31);
      for (const n of [1, 2, 7, 1000, 2 ** 31 + 1, TWO_POW_32]) {
        for (let k = 0; k < 2000; k++) {
          const value = rng.int(n);
          expect(Number.isInteger(value) && value >= 0 && value < n).toBe(true);
        }
      }
    });

    it('returns every value of int(10) equally often', () => {
      const rng = new Rng(32);
      const counts = new Array<number>(10).fill(0);
      for (let k = 0; k < SAMPLES; k++) counts[rng.int(10)]!++;
      // Chi-square with 9 degrees of freedom: mean 9, sd sqrt(18) = 4.24; bound 9 + 5 sd ≈ 30.
      expect(chiSquare(counts)).toBeLessThan(30);
    });

    it('has no modulo bias for n = 3·2^30', () => {
      // 2^32 mod n = 2^30: plain `x % n` would put half of all draws in [0, 2^30).
      const n = 3 * 2 ** 30;
      const rng = new Rng(33);
      const counts = [0, 0, 0];
      for (let k = 0; k < 30_000; k++) counts[Math.floor(rng.int(n) / 2 ** 30)]!++;
      // Chi-square with 2 degrees of freedom: mean 2, sd 2; bound 2 + 5 sd = 12. The biased
      // method would give about 3750.
      expect(chiSquare(counts)).toBeLessThan(12);
    });

    it('uses one draw per value when n is a power of two', () => {
      const rng = new Rng(34);
      const twin = new Rng(34);
      for (let k = 0; k < 100; k++) expect(rng.int(256)).toBe(twin.nextUint32() % 256);
    });

    it.each([0, -1, 1.5, TWO_POW_32 + 1, Number.NaN, Number.POSITIVE_INFINITY])(
      'rejects n = %s',
      (n) => {
        expectConfigError(
          () => new Rng(0).int(n),
          'Rng.int: n must be an integer in [1, 2^32]',
          `got ${String(n)}`,
        );
      },
    );
  });

  describe('shuffle', () => {
    it('returns the same array holding a permutation of its elements', () => {
      const rng = new Rng(41);
      const items = Array.from({ length: 100 }, (_, index) => `item${index}`);
      const original = [...items];
      const result = rng.shuffle(items);
      expect(result).toBe(items);
      expect([...result].sort()).toEqual([...original].sort());
      expect(result).not.toEqual(original);
    });

    it('gives all 6 orders of 3 elements equally often', () => {
      const rng = new Rng(42);
      const counts = new Map<string, number>();
      for (let k = 0; k < 60_000; k++) {
        const key = rng.shuffle(['a', 'b', 'c']).join('');
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      expect(counts.size).toBe(6);
      // Chi-square with 5 degrees of freedom: mean 5, sd sqrt(10) = 3.2; bound 5 + 5 sd ≈ 21.
      expect(chiSquare([...counts.values()])).toBeLessThan(21);
    });

    it('leaves empty and one-element arrays alone without drawing', () => {
      const rng = new Rng(43);
      const before = rng.getState();
      expect(rng.shuffle([])).toEqual([]);
      expect(rng.shuffle([1])).toEqual([1]);
      expect(rng.getState()).toEqual(before);
    });

    it('rejects a non-array', () => {
      expectConfigError(
        () => new Rng(0).shuffle(new Float32Array(3) as unknown as number[]),
        'Rng.shuffle: array must be an array',
        'Float32Array',
      );
    });
  });

  describe('permutation', () => {
    it('contains each of 0 … n-1 once and equals shuffling [0 … n-1] from the same state', () => {
      const permutation = new Rng(51).permutation(1000);
      const shuffled = new Rng(51).shuffle(Array.from({ length: 1000 }, (_, index) => index));
      expect(permutation).toBeInstanceOf(Int32Array);
      expect(Array.from(permutation)).toEqual(shuffled);
      expect(Array.from(permutation).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 1000 }, (_, index) => index),
      );
    });

    it('handles n = 0 and n = 1', () => {
      expect(new Rng(0).permutation(0)).toEqual(new Int32Array(0));
      expect(new Rng(0).permutation(1)).toEqual(Int32Array.of(0));
    });

    it.each([-1, 2.5, Number.NaN, 2 ** 31 + 1])('rejects n = %s', (n) => {
      expectConfigError(
        () => new Rng(0).permutation(n),
        'Rng.permutation: n must be an integer in [0, 2^31]',
      );
    });
  });

  describe('fillUniform', () => {
    it('fills a Float64Array with the values of consecutive uniform calls', () => {
      const out = new Float64Array(1001);
      new Rng(61).fillUniform(out, -2, 3);
      const twin = new Rng(61);
      for (let i = 0; i < out.length; i++) expect(out[i]).toBe(twin.uniform(-2, 3));
    });

    it('fills a Float32Array with the float32 rounding of the float64 values', () => {
      const single = new Float32Array(1000);
      const double = new Float64Array(1000);
      new Rng(62).fillUniform(single, -1, 1);
      new Rng(62).fillUniform(double, -1, 1);
      for (let i = 0; i < single.length; i++) expect(single[i]).toBe(Math.fround(double[i]!));
    });

    it('defaults to [0, 1)', () => {
      const out = new Float64Array(1000);
      new Rng(63).fillUniform(out);
      expect(out.every((value) => value >= 0 && value < 1)).toBe(true);
    });

    it('rejects a non-float array and invalid bounds', () => {
      expectConfigError(
        () => new Rng(0).fillUniform(new Int32Array(3) as unknown as Float32Array, 0, 1),
        'Rng.fillUniform: out must be a Float32Array or a Float64Array',
        'Int32Array',
      );
      expectConfigError(
        () => new Rng(0).fillUniform(new Float32Array(3), 2, 1),
        'Rng.fillUniform',
        'low=2, high=1',
      );
    });
  });

  describe('fillNormal', () => {
    it('fills with the values of consecutive normal calls, using a pending spare first', () => {
      const rng = new Rng(71);
      const twin = new Rng(71);
      rng.normal(); // leaves a spare pending in both
      twin.normal();
      const out = new Float64Array(1000); // the spare, 499 pairs, then half a pair: a spare left
      rng.fillNormal(out, 0.5, 2);
      for (let i = 0; i < out.length; i++) expect(out[i]).toBe(twin.normal(0.5, 2));
      expect(rng.getState()).toEqual(twin.getState());
      expect(rng.getState().spareNormal).not.toBeNull();
    });

    it('fills a Float32Array with the float32 rounding of the float64 values', () => {
      const single = new Float32Array(1000);
      const double = new Float64Array(1000);
      new Rng(72).fillNormal(single, 0, 0.1);
      new Rng(72).fillNormal(double, 0, 0.1);
      for (let i = 0; i < single.length; i++) expect(single[i]).toBe(Math.fround(double[i]!));
    });

    it('has the mean and variance of N(0, 1) over 100 000 samples', () => {
      const out = new Float64Array(SAMPLES);
      new Rng(73).fillNormal(out);
      const { mean, variance } = moments(out);
      // As for normal(): 5 standard errors, 1/sqrt(n) and sqrt(2/n).
      expect(Math.abs(mean)).toBeLessThan(5 * 3.2e-3);
      expect(Math.abs(variance - 1)).toBeLessThan(5 * 4.5e-3);
    });

    it('rejects a non-float array and invalid parameters', () => {
      expectConfigError(
        () => new Rng(0).fillNormal([0, 0] as unknown as Float64Array),
        'Rng.fillNormal: out must be a Float32Array or a Float64Array',
        'got [0, 0]',
      );
      expectConfigError(
        () => new Rng(0).fillNormal(new Float64Array(2), 0, -0.5),
        'Rng.fillNormal: std must be a finite number >= 0, got -0.5',
      );
    });
  });

  describe('state', () => {
    it('returns a plain JSON-serialisable state', () => {
      const state = new Rng(42).getState();
      expect(state).toEqual({
        algorithm: 'xoshiro128**',
        s: [551831576, 144025891, 322543647, 3034809370],
        spareNormal: null,
      });
      expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    });

    it('continues identically after a JSON round trip through setState', () => {
      const rng = new Rng(81);
      for (let n = 0; n < 17; n++) rng.nextUint32();
      const saved = JSON.parse(JSON.stringify(rng.getState())) as RngState;
      const expected = Array.from({ length: 100 }, () => rng.nextFloat());
      const other = new Rng(999);
      other.setState(saved);
      expect(Array.from({ length: 100 }, () => other.nextFloat())).toEqual(expected);
    });

    it('keeps a pending spare normal across the round trip', () => {
      const rng = new Rng(82);
      rng.normal();
      const state = rng.getState();
      expect(typeof state.spareNormal).toBe('number');
      const restored = Rng.fromState(JSON.parse(JSON.stringify(state)) as RngState);
      const expected = Array.from({ length: 11 }, () => rng.normal());
      expect(Array.from({ length: 11 }, () => restored.normal())).toEqual(expected);
    });

    it('returns a copy that does not alias the generator', () => {
      const rng = new Rng(83);
      const state = rng.getState();
      (state.s as unknown as number[])[0] = 1;
      expect(rng.getState().s[0]).not.toBe(1);
    });

    it.each<[string, unknown, string]>([
      ['a missing state', undefined, 'state must be an object from rng.getState(), got undefined'],
      ['null', null, 'state must be an object from rng.getState(), got null'],
      [
        'another algorithm',
        { algorithm: 'mt19937', s: [1, 2, 3, 4], spareNormal: null },
        "state.algorithm must be 'xoshiro128**', got 'mt19937'",
      ],
      [
        'three words',
        { algorithm: 'xoshiro128**', s: [1, 2, 3], spareNormal: null },
        'state.s must be an array of 4 integers in [0, 2^32), got [1, 2, 3]',
      ],
      [
        'a negative word',
        { algorithm: 'xoshiro128**', s: [1, 2, -1, 4], spareNormal: null },
        'state.s[2] must be an integer in [0, 2^32), got -1',
      ],
      [
        'a word of 2^32',
        { algorithm: 'xoshiro128**', s: [TWO_POW_32, 2, 3, 4], spareNormal: null },
        'state.s[0] must be an integer in [0, 2^32), got 4294967296',
      ],
      [
        'a string word',
        { algorithm: 'xoshiro128**', s: [1, '2', 3, 4], spareNormal: null },
        "state.s[1] must be an integer in [0, 2^32), got '2'",
      ],
      [
        'an all-zero state',
        { algorithm: 'xoshiro128**', s: [0, 0, 0, 0], spareNormal: null },
        'state.s must not be all zero',
      ],
      [
        'a NaN spare',
        { algorithm: 'xoshiro128**', s: [1, 2, 3, 4], spareNormal: Number.NaN },
        'state.spareNormal must be null or a finite number, got NaN',
      ],
      [
        'a missing spare',
        { algorithm: 'xoshiro128**', s: [1, 2, 3, 4] },
        'state.spareNormal must be null or a finite number, got undefined',
      ],
    ])('rejects %s, naming the field, and leaves the generator unchanged', (_, state, fragment) => {
      const rng = new Rng(84);
      const before = rng.getState();
      expectConfigError(() => rng.setState(state as RngState), 'Rng.setState', fragment);
      expect(rng.getState()).toEqual(before);
    });
  });

  describe('split', () => {
    it('derives the child state from four parent draws through SplitMix32', () => {
      const parent = new Rng(91);
      const twin = new Rng(91);
      const child = parent.split();
      const gamma = 0x9e3779b9n;
      const expected = [0, 1, 2, 3].map((k) =>
        referenceMix32(BigInt(twin.nextUint32()) + BigInt(k + 1) * gamma),
      );
      expect(child.getState().s).toEqual(expected);
      expect(parent.getState()).toEqual(twin.getState()); // the parent advanced by 4 draws
    });

    it('gives a different but reproducible stream', () => {
      const draw = (rng: Rng): number[] => Array.from({ length: 1000 }, () => rng.nextUint32());
      const parent = new Rng(92);
      const child = parent.split();
      const childValues = draw(child);
      const parentValues = draw(parent);
      expect(childValues.filter((value, index) => value === parentValues[index])).toEqual([]);

      const again = new Rng(92).split();
      expect(draw(again)).toEqual(childValues);
    });

    it('gives different children on successive splits', () => {
      const parent = new Rng(93);
      const first = parent.split().getState().s;
      const second = parent.split().getState().s;
      expect(second).not.toEqual(first);
    });

    it('starts the child without a spare and keeps the parent spare', () => {
      const parent = new Rng(94);
      parent.normal();
      const spare = parent.getState().spareNormal;
      const child = parent.split();
      expect(child.getState().spareNormal).toBeNull();
      expect(parent.getState().spareNormal).toBe(spare);
    });
  });
});

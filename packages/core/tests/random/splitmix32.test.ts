import { describe, expect, it } from 'vitest';
import {
  SPLITMIX32_GAMMA,
  expandSeedWords,
  mix32,
  seedWords,
} from '../../src/random/splitmix32.js';

describe('mix32', () => {
  it('matches the published hash on known inputs', () => {
    // Reference: the same hash written with BigInt, independent of Math.imul.
    const reference = (value: number): number => {
      const mask = 0xffffffffn;
      let z = BigInt(value >>> 0);
      z = ((z ^ (z >> 16n)) * 0x21f0aaadn) & mask;
      z = ((z ^ (z >> 15n)) * 0x735a2d97n) & mask;
      return Number(z ^ (z >> 15n));
    };
    for (const value of [0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, SPLITMIX32_GAMMA, -1]) {
      expect(mix32(value)).toBe(reference(value));
    }
    expect(mix32(0)).toBe(0);
  });

  it('returns unsigned 32-bit integers', () => {
    for (let value = -1000; value < 1000; value++) {
      const hash = mix32(value * 0x01000193);
      expect(Number.isInteger(hash) && hash >= 0 && hash <= 0xffffffff).toBe(true);
    }
  });
});

describe('expandSeedWords', () => {
  it('expands single words into the independently derived SplitMix32 states', () => {
    // Derived once with a separate Python port (the algorithm as documented in splitmix32.ts).
    expect(expandSeedWords([0])).toEqual([1684164658, 3653269916, 2939563536, 2141751570]);
    expect(expandSeedWords([1])).toEqual([1580013426, 350525680, 3524174333, 3011703609]);
    expect(expandSeedWords([42])).toEqual([551831576, 144025891, 322543647, 3034809370]);
  });

  it('absorbs further words', () => {
    expect(expandSeedWords([0xffffffff, 0xffffffff])).toEqual([
      2467121899, 698895498, 3118248338, 752832436,
    ]);
    expect(expandSeedWords([0, 1])).not.toEqual(expandSeedWords([0]));
  });
});

describe('seedWords', () => {
  it('uses 32-bit unsigned integer seeds as they are', () => {
    expect(seedWords(0)).toEqual([0]);
    expect(seedWords(-0)).toEqual([0]);
    expect(seedWords(4294967295)).toEqual([4294967295]);
  });

  it('splits other safe integers into 64-bit two\u2019s complement words', () => {
    expect(seedWords(-1)).toEqual([0xffffffff, 0xffffffff]);
    expect(seedWords(2 ** 32)).toEqual([0, 1]);
    expect(seedWords(Number.MAX_SAFE_INTEGER)).toEqual([0xffffffff, 0x1fffff]);
    expect(seedWords(Number.MIN_SAFE_INTEGER)).toEqual([1, 0xffe00000]);
  });

  it('uses the tagged IEEE-754 bits of fractions and huge numbers', () => {
    expect(seedWords(0.5)).toEqual([0, 0x3fe00000, 0x6e6f6e69]);
    expect(seedWords(2 ** 60)).toEqual([0, 0x43b00000, 0x6e6f6e69]);
  });
});

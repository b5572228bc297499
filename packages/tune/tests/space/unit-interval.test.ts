import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../src/space/distribution.js';
import { hp } from '../../src/space/hp.js';
import {
  contains,
  fromInternal,
  fromUnit,
  internalRange,
  toInternal,
  toUnit,
} from '../../src/space/unit-interval.js';

describe('internalRange', () => {
  it('is the interval each scale is uniform on', () => {
    const [low, high] = internalRange(hp.oneMinusLog(0.9, 0.999));
    expect(low).toBeCloseTo(-3, 12);
    expect(high).toBeCloseTo(-1, 12);
    expect(internalRange(hp.log(1e-4, 1))).toEqual([-4, 0]);
    expect(internalRange(hp.uniform(0.5, 1))).toEqual([0.5, 1]);
    expect(internalRange(hp.int(32, 256))).toEqual([32, 257]);
    expect(internalRange(hp.choice(['a', 'b', 'c']))).toEqual([0, 3]);
  });
});

describe('fromUnit and toUnit', () => {
  it('map the middle of the unit interval to the middle of the scale', () => {
    expect(fromUnit(hp.log(1e-4, 1), 0.5)).toBeCloseTo(0.01, 15);
    expect(fromUnit(hp.oneMinusLog(0.9, 0.999), 0.5)).toBeCloseTo(0.99, 12);
    expect(fromUnit(hp.uniform(0.5, 1), 0.5)).toBe(0.75);
    expect(fromUnit(hp.choice(['adam', 'momentum']), 0.7)).toBe('momentum');
    expect(fromUnit(hp.choice(['adam', 'momentum']), 0.3)).toBe('adam');
  });

  it('reach both ends: u = 0 is low (high for 1 − β), u → 1 is high', () => {
    const below1 = 1 - 2 ** -53;
    expect(fromUnit(hp.log(1e-4, 1), 0)).toBeCloseTo(1e-4, 18);
    expect(fromUnit(hp.log(1e-4, 1), below1)).toBeCloseTo(1, 12);
    expect(fromUnit(hp.int(32, 256), 0)).toBe(32);
    expect(fromUnit(hp.int(32, 256), below1)).toBe(256);
    expect(fromUnit(hp.int(32, 256), 1 / 225 - 1e-12)).toBe(32);
    expect(fromUnit(hp.int(32, 256), 1 / 225 + 1e-12)).toBe(33);
    // 1 − β = 10^r, r from −3 (u = 0, β = 0.999) to −1 (u → 1, β = 0.9).
    expect(fromUnit(hp.oneMinusLog(0.9, 0.999), 0)).toBeCloseTo(0.999, 14);
    expect(fromUnit(hp.oneMinusLog(0.9, 0.999), below1)).toBeCloseTo(0.9, 12);
    expect(fromUnit(hp.choice(['a', 'b', 'c']), below1)).toBe('c');
  });

  it('stay within the bounds for every u', () => {
    const distributions: Distribution[] = [
      hp.log(1e-4, 1),
      hp.log(3e-7, 2e-3),
      hp.oneMinusLog(0.9, 0.999),
      hp.uniform(-1, 1),
      hp.int(-3, 3),
    ];
    for (const distribution of distributions) {
      for (let i = 0; i <= 1000; i++) {
        const value = fromUnit(distribution, Math.min(i / 1000, 1 - 2 ** -53));
        expect(contains(distribution, value)).toBe(true);
      }
    }
  });

  it('round-trip: toUnit(fromUnit(u)) = u for continuous scales', () => {
    const distributions: Distribution[] = [
      hp.log(1e-4, 1),
      hp.oneMinusLog(0.9, 0.999),
      hp.uniform(0.5, 1),
    ];
    for (const distribution of distributions) {
      for (const u of [0, 0.1, 0.25, 0.5, 0.77, 0.999]) {
        expect(toUnit(distribution, fromUnit(distribution, u))).toBeCloseTo(u, 10);
      }
    }
  });

  it('round-trip: fromUnit(toUnit(v)) = v for every int and choice value', () => {
    const units = hp.int(32, 256);
    for (let value = 32; value <= 256; value++) {
      expect(fromUnit(units, toUnit(units, value))).toBe(value);
    }
    expect(toUnit(units, 32)).toBe(0);
    expect(toUnit(units, 256)).toBeCloseTo(224 / 225, 15);
    const choice = hp.choice(['adam', 'momentum', 'sgd']);
    for (const value of ['adam', 'momentum', 'sgd']) {
      expect(fromUnit(choice, toUnit(choice, value))).toBe(value);
    }
    expect(toUnit(choice, 'sgd')).toBeCloseTo(2 / 3, 15);
    expect(toUnit(hp.log(1e-4, 1), 0.01)).toBeCloseTo(0.5, 15);
    expect(toUnit(hp.oneMinusLog(0.9, 0.999), 0.99)).toBeCloseTo(0.5, 12);
  });
});

describe('toInternal and fromInternal', () => {
  it('are inverse on each scale', () => {
    expect(toInternal(hp.log(1e-4, 1), 0.01)).toBeCloseTo(-2, 15);
    expect(fromInternal(hp.log(1e-4, 1), -2)).toBeCloseTo(0.01, 15);
    expect(toInternal(hp.oneMinusLog(0.9, 0.999), 0.99)).toBeCloseTo(-2, 12);
    expect(fromInternal(hp.oneMinusLog(0.9, 0.999), -2)).toBeCloseTo(0.99, 15);
    expect(toInternal(hp.int(32, 256), 100)).toBe(100);
    expect(fromInternal(hp.int(32, 256), 100.7)).toBe(100);
    expect(toInternal(hp.choice(['a', 'b']), 'b')).toBe(1);
    expect(fromInternal(hp.choice(['a', 'b']), 1.5)).toBe('b');
    for (const x of [-3.7, -2, -0.3]) {
      const lr = hp.log(1e-4, 1);
      expect(toInternal(lr, fromInternal(lr, x))).toBeCloseTo(x, 12);
    }
  });

  it('keep fromInternal inside the bounds', () => {
    expect(fromInternal(hp.log(1e-4, 1), 0.5)).toBe(1);
    expect(fromInternal(hp.uniform(0.5, 1), 0)).toBe(0.5);
    expect(fromInternal(hp.int(32, 256), 257)).toBe(256);
    expect(fromInternal(hp.oneMinusLog(0.9, 0.999), -5)).toBe(0.999);
    expect(fromInternal(hp.choice(['a', 'b']), 7)).toBe('b');
  });

  it('rejects a choice value that is not one of the choices', () => {
    expect(() => toInternal(hp.choice(['a', 'b']), 'c')).toThrow(RangeError);
    expect(() => toInternal(hp.choice(['a', 'b']), 'c')).toThrow('"c" is not one of the choices');
  });
});

describe('contains', () => {
  it('checks bounds, integrality and membership', () => {
    expect(contains(hp.int(32, 256), 64)).toBe(true);
    expect(contains(hp.int(32, 256), 64.5)).toBe(false);
    expect(contains(hp.int(32, 256), 257)).toBe(false);
    expect(contains(hp.log(1e-4, 1), 1e-4)).toBe(true);
    expect(contains(hp.log(1e-4, 1), 0)).toBe(false);
    expect(contains(hp.uniform(0, 1), Number.NaN)).toBe(false);
    expect(contains(hp.uniform(0, 1), '0.5')).toBe(false);
    expect(contains(hp.choice(['adam', 1]), 1)).toBe(true);
    expect(contains(hp.choice(['adam', 1]), '1')).toBe(false);
  });
});

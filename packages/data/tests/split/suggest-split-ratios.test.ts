import { ConfigError } from '@deeptune/core';
import { describe, expect, it } from 'vitest';
import { suggestSplitRatios } from '../../src/index.js';

describe('suggestSplitRatios', () => {
  it.each([100, 1000, 10_000, 50_000])('suggests 60/20/20 for small data (m = %i)', (m) => {
    expect(suggestSplitRatios(m)).toEqual([0.6, 0.2, 0.2]);
  });

  it('suggests 98/1/1 for a million examples', () => {
    const [train, dev, test] = suggestSplitRatios(1_000_000);
    expect(train).toBeCloseTo(0.98, 12);
    expect(dev).toBe(0.01);
    expect(test).toBe(0.01);
  });

  it('keeps about 10,000 examples in dev and test in between', () => {
    for (const m of [100_000, 250_000, 5_000_000]) {
      const [train, dev, test] = suggestSplitRatios(m);
      expect(dev * m).toBeCloseTo(10_000, 6);
      expect(test * m).toBeCloseTo(10_000, 6);
      expect(train + dev + test).toBeCloseTo(1, 12);
    }
  });

  it('rejects a non-integer or non-positive m', () => {
    expect(() => suggestSplitRatios(0)).toThrow(ConfigError);
    expect(() => suggestSplitRatios(1.5)).toThrow(/integer >= 1/);
  });
});

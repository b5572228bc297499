import { describe, expect, it } from 'vitest';
import {
  arange,
  ConfigError,
  eye,
  full,
  ones,
  randn,
  rand,
  Rng,
  seed,
  uniform,
  zeros,
} from '../../src/index.js';

describe('constant creation', () => {
  it('fills zeros, ones, full, eye and arange', () => {
    expect(zeros([2]).toArray()).toEqual([0, 0]);
    expect(ones([1, 2], { dtype: 'float64' }).toArray()).toEqual([[1, 1]]);
    expect(full([2], 7).toArray()).toEqual([7, 7]);
    expect(eye(2, 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(() => arange(0, 1, 0)).toThrow(ConfigError);
  });
});

describe('random creation', () => {
  it('is reproducible from a seed', () => {
    const a = randn([3, 3], { rng: new Rng(7), dtype: 'float64' });
    const b = randn([3, 3], { rng: new Rng(7), dtype: 'float64' });
    expect(a.toArray()).toEqual(b.toArray());
    seed(3);
    const c = rand([4]);
    seed(3);
    expect(rand([4]).toArray()).toEqual(c.toArray());
  });

  it('draws within bounds and with the requested spread', () => {
    const u = uniform([10_000], -2, 3, { rng: new Rng(1) });
    expect(u.min().item()).toBeGreaterThanOrEqual(-2);
    expect(u.max().item()).toBeLessThan(3);
    const n = randn([10_000], { rng: new Rng(1), dtype: 'float64', mean: 5, std: 2 });
    // Standard error of the mean is 2/√10000 = 0.02: 5 standard errors is 0.1.
    expect(Math.abs(n.mean().item() - 5)).toBeLessThan(0.1);
    expect(Math.abs(Math.sqrt(n.var().item()) - 2)).toBeLessThan(0.1);
  });

  it('rejects a negative standard deviation', () => {
    expect(() => randn([2], { std: -1 })).toThrow(/std ≥ 0/);
  });
});

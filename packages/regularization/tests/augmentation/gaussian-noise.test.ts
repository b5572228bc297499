import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  InvalidHyperparameterError,
  Rng,
  ShapeError,
  tensor,
  zeros,
} from '@deeptune/core';
import { gaussianNoise } from '../../src/augmentation/gaussian-noise.js';

describe('gaussianNoise', () => {
  it('adds noise of mean 0 and standard deviation std', () => {
    // n = 100 000 samples of N(0, 0.5²): the sample mean has std 0.5/√n ≈ 0.0016 and the
    // sample std has std ≈ 0.5/√(2n) ≈ 0.0011; we allow 5σ.
    const n = 100_000;
    const std = 0.5;
    const input = zeros([1000, 100], { dtype: 'float64' }).add(3);
    const output = gaussianNoise({ std })(input, new Rng(0));
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const noise = output.data[i]! - 3;
      sum += noise;
      squares += noise * noise;
    }
    const mean = sum / n;
    const sampleStd = Math.sqrt(squares / n - mean * mean);
    expect(Math.abs(mean)).toBeLessThan(5 * (std / Math.sqrt(n)));
    expect(Math.abs(sampleStd - std)).toBeLessThan(5 * (std / Math.sqrt(2 * n)));
  });

  it('works on any batch shape, keeps shape and dtype, and leaves the input unchanged', () => {
    const input = tensor(
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
      { dtype: 'float32' },
    );
    const output = gaussianNoise({ std: 0.1 })(input, new Rng(1));
    expect(output.shape).toEqual([1, 2, 2]);
    expect(output.dtype).toBe('float32');
    expect([...input.data]).toEqual([1, 2, 3, 4]);
    expect([...output.data]).not.toEqual([1, 2, 3, 4]);
  });

  it('is reproducible: the same seed gives the same noise', () => {
    const input = zeros([8, 5], { dtype: 'float64' });
    const noise = gaussianNoise({ std: 1 });
    expect([...noise(input, new Rng(5)).data]).toEqual([...noise(input, new Rng(5)).data]);
    expect([...noise(input, new Rng(5)).data]).not.toEqual([...noise(input, new Rng(6)).data]);
  });

  it('copies the batch when std is 0', () => {
    const input = tensor([[1, 2, 3]], { dtype: 'float64' });
    const output = gaussianNoise({ std: 0 })(input, new Rng(0));
    expect(output).not.toBe(input);
    expect([...output.data]).toEqual([1, 2, 3]);
  });

  it.each([
    [-0.1, "augmentation 'gaussian-noise': option 'std' must be >= 0, got -0.1"],
    [Number.NaN, "augmentation 'gaussian-noise': option 'std' must be a number >= 0, got NaN"],
    [
      Number.POSITIVE_INFINITY,
      "augmentation 'gaussian-noise': option 'std' must be finite, got Infinity",
    ],
  ])('rejects std %s', (std, message) => {
    expect(() => gaussianNoise({ std })).toThrow(InvalidHyperparameterError);
    expect(() => gaussianNoise({ std })).toThrow(message);
  });

  it('requires std, and rejects a scalar batch', () => {
    expect(() => gaussianNoise({} as { std: number })).toThrow(ConfigError);
    expect(() => gaussianNoise({ std: 1 })(tensor(1), new Rng(0))).toThrow(ShapeError);
  });
});

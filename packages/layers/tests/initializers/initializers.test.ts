import { describe, expect, it } from 'vitest';
import { ConfigError, InvalidHyperparameterError, Rng } from '@deeptune/core';
import type { Initializer, InitializerContext } from '@deeptune/core';
import { heNormal, heUniform } from '../../src/initializers/he.js';
import { xavierNormal, xavierUniform } from '../../src/initializers/xavier.js';
import { glorotNormal, glorotUniform } from '../../src/initializers/glorot.js';
import { lecunNormal, lecunUniform } from '../../src/initializers/lecun.js';
import { zerosInitializer } from '../../src/initializers/zeros-initializer.js';
import { constantInitializer } from '../../src/initializers/constant-initializer.js';
import { INITIALIZER_NAMES, isInitializerName } from '../../src/initializers/initializer-name.js';
import { resolveInitializer } from '../../src/initializers/resolve-initializer.js';
import { defaultInitializerFor } from '../../src/initializers/default-initializer.js';

const fanIn = 500;
const fanOut = 300;
const count = fanIn * fanOut;

function context(seed: number, dtype: 'float32' | 'float64' = 'float64'): InitializerContext {
  return { dtype, rng: new Rng(seed), fanIn, fanOut };
}

function stats(data: ArrayLike<number>): { mean: number; variance: number; kurtosis: number } {
  let mean = 0;
  for (let i = 0; i < data.length; i++) mean += data[i]!;
  mean /= data.length;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < data.length; i++) {
    const d = data[i]! - mean;
    m2 += d * d;
    m4 += d ** 4;
  }
  m2 /= data.length;
  m4 /= data.length;
  return { mean, variance: (m2 * data.length) / (data.length - 1), kurtosis: m4 / (m2 * m2) - 3 };
}

// name, initializer, expected variance, family
const cases: [string, Initializer, number, 'normal' | 'uniform'][] = [
  ['heNormal', heNormal, 2 / fanIn, 'normal'],
  ['heUniform', heUniform, 2 / fanIn, 'uniform'],
  ['xavierNormal', xavierNormal, 1 / fanIn, 'normal'],
  ['xavierUniform', xavierUniform, 1 / fanIn, 'uniform'],
  ['glorotNormal', glorotNormal, 2 / (fanIn + fanOut), 'normal'],
  ['glorotUniform', glorotUniform, 2 / (fanIn + fanOut), 'uniform'],
  ['lecunNormal', lecunNormal, 1 / fanIn, 'normal'],
  ['lecunUniform', lecunUniform, 1 / fanIn, 'uniform'],
];

describe.each(cases)('%s', (_name, initialize, variance, family) => {
  // 150 000 samples. The sample variance's relative standard error is √(2/N) ≈ 0.37 % for
  // a normal and √(0.8/N) ≈ 0.23 % for a uniform (kurtosis 1.8), so 2 % is > 5 standard
  // errors, while the candidates differ by ≥ 25 % (1/500 vs 2/800 vs 2/500). The excess
  // kurtosis (0 for a normal, −1.2 for a uniform) has standard error √(24/N) ≈ 0.013.
  it('has the documented variance, zero mean and distribution family', () => {
    const weights = initialize([fanIn, fanOut], context(1));
    expect(weights.shape).toEqual([fanIn, fanOut]);
    const { mean, variance: sampleVariance, kurtosis } = stats(weights.data);
    expect(Math.abs(sampleVariance / variance - 1)).toBeLessThan(0.02);
    expect(Math.abs(mean)).toBeLessThan((5 * Math.sqrt(variance)) / Math.sqrt(count));
    expect(kurtosis).toBeCloseTo(family === 'normal' ? 0 : -1.2, 1);
    if (family === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      const largest = Array.from(weights.data).reduce((a, b) => Math.max(a, Math.abs(b)), 0);
      expect(largest).toBeLessThanOrEqual(limit);
      expect(largest).toBeGreaterThan(0.999 * limit);
    }
  });

  it('is reproducible from the seed and honours the dtype', () => {
    const a = initialize([20, 10], context(42, 'float32'));
    const b = initialize([20, 10], context(42, 'float32'));
    const c = initialize([20, 10], context(43, 'float32'));
    expect(a.dtype).toBe('float32');
    expect(a.requiresGrad).toBe(false);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Array.from(a.data)).not.toEqual(Array.from(c.data));
    expect(initialize([3], context(0, 'float64')).dtype).toBe('float64');
  });

  it('rejects a context without a valid fan or generator', () => {
    expect(() => initialize([2, 2], { ...context(0), fanIn: 0 })).toThrow(ConfigError);
    expect(() => initialize([2, 2], { ...context(0), fanIn: 0 })).toThrow(
      /context\.fanIn must be an integer >= 1, got 0/,
    );
    const withoutRng = { dtype: 'float32', fanIn: 2, fanOut: 2 } as unknown as InitializerContext;
    expect(() => initialize([2, 2], withoutRng)).toThrow(/context\.rng must be an Rng/);
  });
});

describe('lecunNormal and xavierNormal', () => {
  it('are the same distribution under two names', () => {
    expect(Array.from(lecunNormal([30, 20], context(5)).data)).toEqual(
      Array.from(xavierNormal([30, 20], context(5)).data),
    );
  });
});

describe('zerosInitializer', () => {
  it('fills with zeros in the requested dtype', () => {
    const zeros = zerosInitializer([2, 3], context(0, 'float32'));
    expect(zeros.dtype).toBe('float32');
    expect(Array.from(zeros.data)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('constantInitializer', () => {
  it('fills with the value', () => {
    expect(Array.from(constantInitializer(0.25)([2, 2], context(0)).data)).toEqual([
      0.25, 0.25, 0.25, 0.25,
    ]);
  });

  it('takes the constant plugin’s options, or the value alone', () => {
    const fromOptions = constantInitializer({ value: -2 })([3], context(0));
    expect(Array.from(fromOptions.data)).toEqual([-2, -2, -2]);
    expect(Array.from(constantInitializer(-2)([3], context(0)).data)).toEqual([-2, -2, -2]);
  });

  it('rejects a value that is not finite, in the constant plugin schema’s words', () => {
    expect(() => constantInitializer(Number.NaN)).toThrow(InvalidHyperparameterError);
    expect(() => constantInitializer(Infinity)).toThrow(
      "initializer 'constant': option 'value' must be finite, got Infinity",
    );
    expect(() => constantInitializer({ value: Infinity })).toThrow(
      "initializer 'constant': option 'value' must be finite, got Infinity",
    );
  });

  it('rejects a missing value or an unknown option', () => {
    expect(() => constantInitializer({} as { value: number })).toThrow(ConfigError);
    expect(() => constantInitializer({} as { value: number })).toThrow(
      "initializer 'constant': option 'value' is required (a finite number), but it was not given",
    );
    expect(() => constantInitializer({ value: 1, scale: 2 } as { value: number })).toThrow(
      /^initializer 'constant': unknown option 'scale'\./,
    );
  });
});

describe('resolveInitializer', () => {
  it('resolves every built-in name', () => {
    expect(resolveInitializer('he-normal')).toBe(heNormal);
    expect(resolveInitializer('xavier-normal')).toBe(xavierNormal);
    expect(resolveInitializer('zeros')).toBe(zerosInitializer);
    for (const name of INITIALIZER_NAMES) expect(isInitializerName(name)).toBe(true);
    expect(isInitializerName('constant')).toBe(false);
  });

  it('suggests the closest name for a typo', () => {
    expect(() => resolveInitializer('glorot-unifrom' as 'glorot-uniform')).toThrow(
      /Did you mean 'glorot-uniform'\?/,
    );
  });
});

describe('defaultInitializerFor', () => {
  it('picks He for the ReLU family and Xavier otherwise', () => {
    expect(defaultInitializerFor('relu')).toBe('he-normal');
    expect(defaultInitializerFor('leaky-relu')).toBe('he-normal');
    for (const activation of ['linear', 'tanh', 'sigmoid', 'softmax'] as const) {
      expect(defaultInitializerFor(activation)).toBe('xavier-normal');
    }
  });
});

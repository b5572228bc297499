import { ConfigError, InvalidHyperparameterError, Rng } from '@deeptune/core';
import { describe, expect, it } from 'vitest';
import { blobs, circles, moons, spirals, xor } from '../../src/index.js';

const generators = { circles, moons, spirals, xor, blobs };

describe.each(Object.entries(generators))('%s', (_name, generate) => {
  it('makes [m, 2] inputs and balanced class-index targets', () => {
    const data = generate({ m: 90, seed: 1 });
    expect(data.inputs.shape).toEqual([90, 2]);
    expect(data.targets.shape).toEqual([90]);
    const labels = Array.from(data.targets.data);
    const classes = new Set(labels);
    for (const label of classes) {
      expect(labels.filter((value) => value === label).length).toBe(90 / classes.size);
    }
  });

  it('is reproducible from the seed', () => {
    const a = generate({ m: 20, seed: 4 }).inputs.data;
    const b = generate({ m: 20, rng: new Rng(4) }).inputs.data;
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(generate({ m: 20, seed: 5 }).inputs.data)).not.toEqual(Array.from(a));
  });

  it('validates m and noise', () => {
    expect(() => generate({ m: 0 })).toThrow(InvalidHyperparameterError);
    expect(() => generate({ m: 0 })).toThrow(
      /^dataset '[a-z]+': option 'm' must be an integer in \[1, 1000000\], got 0$/,
    );
    expect(() => generate({ m: 10, noise: -1 })).toThrow(InvalidHyperparameterError);
    expect(() => generate({ m: '10' as unknown as number })).toThrow(ConfigError);
  });
});

describe('circles', () => {
  it('puts class c on the circle of radius (c + 1) / classes without noise', () => {
    const data = circles({ m: 6, noise: 0, classes: 3, dtype: 'float64' });
    for (let i = 0; i < 6; i++) {
      const radius = Math.hypot(data.inputs.get(i, 0), data.inputs.get(i, 1));
      expect(radius).toBeCloseTo((data.targets.get(i) + 1) / 3, 12);
    }
  });
});

describe('xor', () => {
  it('labels 1 exactly when the signs differ (without noise)', () => {
    const data = xor({ m: 40, noise: 0 });
    for (let i = 0; i < 40; i++) {
      const differ = Math.sign(data.inputs.get(i, 0)) !== Math.sign(data.inputs.get(i, 1));
      expect(data.targets.get(i)).toBe(differ ? 1 : 0);
    }
  });

  it('has exactly two classes', () => {
    expect(() => xor({ m: 10, classes: 3 } as never)).toThrow(ConfigError);
    expect(() => xor({ m: 10, classes: 3 } as never)).toThrow(
      /^dataset 'xor': unknown option 'classes'\..* Hint: xor has exactly 2 classes/,
    );
  });
});

describe('spirals', () => {
  it('supports any number of arms', () => {
    expect(new Set(spirals({ m: 50, classes: 5 }).targets.data).size).toBe(5);
  });
});

describe('moons', () => {
  it('places the upper moon on the unit half circle without noise', () => {
    const data = moons({ m: 10, noise: 0, dtype: 'float64' });
    for (let i = 0; i < 10; i += 2) {
      expect(Math.hypot(data.inputs.get(i, 0), data.inputs.get(i, 1))).toBeCloseTo(1, 12);
      expect(data.inputs.get(i, 1)).toBeGreaterThanOrEqual(0);
    }
  });
});

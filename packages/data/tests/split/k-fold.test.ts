import { InvalidHyperparameterError, arange } from '@deeptune/core';
import { describe, expect, it } from 'vitest';
import { dataset, kFold } from '../../src/index.js';

const data = dataset(arange(0, 10).reshape([10, 1]), arange(0, 10).mul(0));

describe('kFold', () => {
  it('makes k folds whose dev sets cover every example once', () => {
    const folds = kFold(data, 3, { seed: 1 });
    expect(folds.map((fold) => fold.dev.size)).toEqual([4, 3, 3]);
    expect(folds.map((fold) => fold.train.size)).toEqual([6, 7, 7]);
    const devs = folds.flatMap((fold) => Array.from(fold.dev.inputs.data));
    expect(devs.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('never puts an example in both train and dev of a fold', () => {
    for (const fold of kFold(data, 4)) {
      const train = new Set(fold.train.inputs.data);
      expect(Array.from(fold.dev.inputs.data).some((value) => train.has(value))).toBe(false);
    }
  });

  it('rejects k outside [2, m]', () => {
    expect(() => kFold(data, 1)).toThrow(InvalidHyperparameterError);
    expect(() => kFold(data, 11)).toThrow(/\[2, 10\]/);
  });
});

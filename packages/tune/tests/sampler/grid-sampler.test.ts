import { ConfigError, InvalidHyperparameterError } from '@deeptune/core';
import { describe, expect, it } from 'vitest';
import { gridSampler, gridSamplerPlugin } from '../../src/sampler/grid-sampler.js';
import { permuteIndex } from '../../src/sampler/index-permutation.js';
import { randomSampler } from '../../src/sampler/random-sampler.js';
import { hp } from '../../src/space/hp.js';
import { searchSpace } from '../../src/space/search-space.js';
import { contextOf, distinct, runTrials } from './context.js';

const space3 = searchSpace({
  learningRate: hp.log(1e-4, 1),
  beta: hp.oneMinusLog(0.9, 0.999),
  keepProb: hp.uniform(0.5, 1),
});

describe('gridSampler: the course\'s "random, not grid"', () => {
  it('27 trials over 3 axes try exactly 3 values of each hyperparameter (random: 27)', () => {
    const grid = runTrials(gridSampler(), space3, 27);
    expect(distinct(grid, 'learningRate')).toBe(3);
    expect(distinct(grid, 'beta')).toBe(3);
    expect(distinct(grid, 'keepProb')).toBe(3);
    const random = runTrials(randomSampler(), space3, 27);
    expect(distinct(random, 'learningRate')).toBe(27);
  });

  it('N trials over 3 axes: ⌈N^(1/3)⌉ points per axis', () => {
    for (const [n, k] of [
      [1, 1],
      [8, 2],
      [9, 3],
      [64, 4],
      [100, 5],
      [125, 5],
      [126, 6],
    ] as const) {
      const grid = runTrials(gridSampler(), space3, n);
      // With k^3 ≥ n points, n trials see at most k values per axis (fewer is possible).
      expect(distinct(grid, 'learningRate')).toBeLessThanOrEqual(k);
      if (n === k ** 3) expect(distinct(grid, 'learningRate')).toBe(k);
    }
    // 100 trials on a 5 × 5 × 5 grid: every axis value is seen (100 of 125 points).
    expect(distinct(runTrials(gridSampler(), space3, 100), 'keepProb')).toBe(5);
  });

  it('visits every grid point exactly once when N = grid size, then repeats in the same order', () => {
    const trials = runTrials(gridSampler(), space3, 54, { plannedTrials: 27 });
    const keys = trials.map((trial) => JSON.stringify(trial));
    expect(new Set(keys.slice(0, 27)).size).toBe(27);
    expect(keys.slice(27)).toEqual(keys.slice(0, 27));
  });

  it('lays axis points out evenly on their own scale, both ends included', () => {
    const trials = runTrials(gridSampler(), space3, 27);
    const lr = [...new Set(trials.map((trial) => trial.learningRate as number))].sort(
      (a, b) => a - b,
    );
    expect(lr[0]).toBe(1e-4);
    expect(lr[1]).toBeCloseTo(1e-2, 15);
    expect(lr[2]).toBe(1);
    const beta = [...new Set(trials.map((trial) => trial.beta as number))].sort((a, b) => a - b);
    expect(beta[0]).toBeCloseTo(0.9, 12);
    expect(beta[1]).toBeCloseTo(0.99, 12);
    expect(beta[2]).toBeCloseTo(0.999, 12);
    const keep = [...new Set(trials.map((trial) => trial.keepProb as number))].sort(
      (a, b) => a - b,
    );
    expect(keep).toEqual([0.5, 0.75, 1]);
  });

  it('one point per axis: the middle of the scale', () => {
    const [trial] = runTrials(gridSampler({ pointsPerAxis: 1 }), space3, 1);
    expect(trial!.learningRate).toBeCloseTo(0.01, 15);
    expect(trial!.beta).toBeCloseTo(0.99, 12);
    expect(trial!.keepProb).toBe(0.75);
  });

  it('choice axes have all their values, int axes at most their range (rounded, distinct)', () => {
    const space = searchSpace({
      optimizer: hp.choice(['adam', 'momentum', 'sgd']),
      layers: hp.int(1, 3),
      hiddenUnits: hp.int(32, 256),
      learningRate: hp.log(1e-4, 1),
    });
    // 3 × min(k, 3) × k × k ≥ 300 → k = 5: 3 × 3 × 5 × 5 = 225 < 300, k = 6: 3 × 3 × 6 × 6 = 324.
    const trials = runTrials(gridSampler(), space, 324, { plannedTrials: 300 });
    expect(distinct(trials, 'optimizer')).toBe(3);
    expect(distinct(trials, 'layers')).toBe(3);
    const units = [...new Set(trials.map((trial) => trial.hiddenUnits as number))].sort(
      (a, b) => a - b,
    );
    expect(units).toEqual([32, 77, 122, 166, 211, 256]);
    expect(distinct(trials, 'learningRate')).toBe(6);
    expect(new Set(trials.map((trial) => JSON.stringify(trial))).size).toBe(324);
  });

  it('a grid of only choice and int axes smaller than the budget: every point, then repeats', () => {
    const space = searchSpace({ optimizer: hp.choice(['adam', 'sgd']), layers: hp.int(1, 3) });
    const trials = runTrials(gridSampler(), space, 12);
    expect(new Set(trials.slice(0, 6).map((trial) => JSON.stringify(trial))).size).toBe(6);
    expect(trials.slice(6)).toEqual(trials.slice(0, 6));
  });

  it('pointsPerAxis overrides the planned trials', () => {
    const trials = runTrials(gridSampler({ pointsPerAxis: 2 }), space3, 16, {
      plannedTrials: 1000,
    });
    expect(distinct(trials, 'learningRate')).toBe(2);
    expect(new Set(trials.slice(0, 8).map((trial) => JSON.stringify(trial))).size).toBe(8);
    expect(trials.slice(8)).toEqual(trials.slice(0, 8));
  });

  it('a budget smaller than the grid still spreads: 10 of 125 points are not one corner', () => {
    const trials = runTrials(gridSampler({ pointsPerAxis: 5 }), space3, 10);
    expect(distinct(trials, 'learningRate')).toBeGreaterThanOrEqual(3);
    expect(distinct(trials, 'beta')).toBeGreaterThanOrEqual(3);
    expect(distinct(trials, 'keepProb')).toBeGreaterThanOrEqual(3);
  });

  it('same seed, same order; another seed, another order', () => {
    const a = runTrials(gridSampler(), space3, 27, { studySeed: 1 });
    const b = runTrials(gridSampler(), space3, 27, { studySeed: 1 });
    const c = runTrials(gridSampler(), space3, 27, { studySeed: 2 });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    const sorted = (trials: typeof a) => trials.map((trial) => JSON.stringify(trial)).sort();
    expect(sorted(c)).toEqual(sorted(a)); // the same grid
  });

  it('places the axis point on the distribution it is given (a narrowed box)', () => {
    const sampler = gridSampler();
    for (let trialNumber = 0; trialNumber < 27; trialNumber++) {
      const context = contextOf({ space: space3, plannedTrials: 27, trialNumber });
      const wide = sampler.sample(context, 'learningRate', hp.log(1e-4, 1)) as number;
      const narrow = sampler.sample(context, 'learningRate', hp.log(1e-3, 1e-1)) as number;
      // Grid index i of 3: 1e-4·100^i on the wide axis, 1e-3·10^i on the narrow one.
      const i = Math.round((Math.log10(wide) + 4) / 2);
      expect(narrow).toBeCloseTo(1e-3 * 10 ** i, 12);
    }
  });

  it('conditional entries are axes too', () => {
    const space = searchSpace({
      optimizer: hp.choice(['adam', 'sgd']),
      beta1: { distribution: hp.oneMinusLog(0.8, 0.99), when: { optimizer: 'adam' } },
    });
    const trials = runTrials(gridSampler({ pointsPerAxis: 3 }), space, 6);
    expect(trials.filter((trial) => trial.optimizer === 'sgd')).toEqual([
      { optimizer: 'sgd' },
      { optimizer: 'sgd' },
      { optimizer: 'sgd' },
    ]);
    expect(
      distinct(
        trials.filter((trial) => trial.optimizer === 'adam'),
        'beta1',
      ),
    ).toBe(3);
  });
});

describe('gridSampler: errors and plugin', () => {
  it('needs a declared space', () => {
    const sample = () =>
      gridSampler({ pointsPerAxis: 3 }).sample(contextOf(), 'lr', hp.log(1e-4, 1));
    expect(sample).toThrow(ConfigError);
    expect(sample).toThrow(
      "sampler 'grid' needs a declared search space (grid points are laid out over every declared hyperparameter); use 'random' for define-by-run objectives",
    );
  });

  it('needs pointsPerAxis or planned trials', () => {
    const sample = () =>
      gridSampler().sample(contextOf({ space: space3 }), 'learningRate', hp.log(1e-4, 1));
    expect(sample).toThrow(ConfigError);
    expect(sample).toThrow("sampler 'grid' needs pointsPerAxis or a planned number of trials");
  });

  it('rejects a name the space does not declare', () => {
    const sample = () =>
      gridSampler().sample(
        contextOf({ space: space3, plannedTrials: 8 }),
        'momentum',
        hp.uniform(0, 1),
      );
    expect(sample).toThrow(
      "sampler 'grid': hyperparameter 'momentum' is not in the declared search space (declared: learningRate, beta, keepProb)",
    );
  });

  it('rejects a grid of more than 2^32 points', () => {
    const big = searchSpace(
      Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`x${i}`, hp.uniform(0, 1)])),
    );
    expect(() =>
      gridSampler({ pointsPerAxis: 10 }).sample(contextOf({ space: big }), 'x0', hp.uniform(0, 1)),
    ).toThrow('more than 2^32');
  });

  it('validates pointsPerAxis through its schema', () => {
    expect(() => gridSampler({ pointsPerAxis: 0 })).toThrow(InvalidHyperparameterError);
    expect(() => gridSampler({ pointsPerAxis: 0 })).toThrow(
      "searcher 'grid': option 'pointsPerAxis' must be an integer >= 1, got 0",
    );
    expect(() => gridSampler({ pointsPerAxis: 2.5 })).toThrow(InvalidHyperparameterError);
    expect(gridSamplerPlugin.kind).toBe('searcher');
    expect(gridSamplerPlugin.name).toBe('grid');
    expect(gridSampler({ pointsPerAxis: 4 }).options).toEqual({ pointsPerAxis: 4 });
    expect(gridSampler().options).toEqual({});
  });
});

describe('permuteIndex', () => {
  it('is a permutation of 0 … n − 1 for every size, and depends on the seed', () => {
    for (const size of [1, 2, 3, 5, 16, 17, 100, 1000, 4097]) {
      const image = Array.from({ length: size }, (_, i) => permuteIndex(i, size, 42));
      expect(new Set(image).size).toBe(size);
      expect(Math.min(...image)).toBe(0);
      expect(Math.max(...image)).toBe(size - 1);
    }
    const a = Array.from({ length: 100 }, (_, i) => permuteIndex(i, 100, 1));
    const b = Array.from({ length: 100 }, (_, i) => permuteIndex(i, 100, 2));
    expect(a).not.toEqual(b);
    // Not the identity: fewer than 10 fixed points out of 100.
    expect(a.filter((value, i) => value === i).length).toBeLessThan(10);
  });

  it('works near 2^32', () => {
    const size = 2 ** 32 - 5;
    const value = permuteIndex(2 ** 32 - 6, size, 9);
    expect(Number.isInteger(value)).toBe(true);
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThan(size);
  });
});

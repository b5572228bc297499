import { describe, expect, it } from 'vitest';
import { randomSampler, randomSamplerPlugin } from '../../src/sampler/random-sampler.js';
import type { Distribution } from '../../src/space/distribution.js';
import { hp } from '../../src/space/hp.js';
import { searchSpace } from '../../src/space/search-space.js';
import { contextOf, distinct, fractionIn, runTrials } from './context.js';

const SAMPLES = 20_000;

function draw(distribution: Distribution, n = SAMPLES, studySeed = 7, name = 'x'): number[] {
  const sampler = randomSampler();
  const values: number[] = [];
  for (let trialNumber = 0; trialNumber < n; trialNumber++) {
    values.push(
      sampler.sample(contextOf({ studySeed, trialNumber }), name, distribution) as number,
    );
  }
  return values;
}

describe('randomSampler: densities on each scale', () => {
  it('log(1e-4, 1): about a quarter of the samples in [0.1, 1], each decade about equal', () => {
    const values = draw(hp.log(1e-4, 1));
    const top = fractionIn(values, 0.1, 1);
    expect(top).toBeGreaterThan(0.23);
    expect(top).toBeLessThan(0.27);
    for (const [low, high] of [
      [1e-4, 1e-3],
      [1e-3, 1e-2],
      [1e-2, 1e-1],
    ] as const) {
      expect(Math.abs(fractionIn(values, low, high) - 0.25)).toBeLessThan(0.02);
    }
    expect(Math.min(...values)).toBeGreaterThanOrEqual(1e-4);
    expect(Math.max(...values)).toBeLessThanOrEqual(1);
  });

  it('uniform(1e-4, 1): about 90 % of the samples in [0.1, 1] (why the course samples α on a log scale)', () => {
    const values = draw(hp.uniform(1e-4, 1));
    const top = fractionIn(values, 0.1, 1);
    expect(top).toBeGreaterThan(0.88);
    expect(top).toBeLessThan(0.92);
    expect(fractionIn(values, 1e-4, 1e-3)).toBeLessThan(0.002);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(1e-4);
    expect(Math.max(...values)).toBeLessThanOrEqual(1);
  });

  it('oneMinusLog(0.9, 0.999): half in [0.9, 0.99], half in [0.99, 0.999]', () => {
    const values = draw(hp.oneMinusLog(0.9, 0.999));
    const low = fractionIn(values, 0.9, 0.99);
    expect(Math.abs(low - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(fractionIn(values, 0.99, 0.999) - 0.5)).toBeLessThan(0.02);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0.9);
    expect(Math.max(...values)).toBeLessThanOrEqual(0.999);
    // On a linear scale only 1/11 of [0.9, 0.999] lies above 0.99.
    const linear = draw(hp.uniform(0.9, 0.999));
    expect(Math.abs(fractionIn(linear, 0.99, 0.999) - 0.009 / 0.099)).toBeLessThan(0.01);
  });

  it('int(32, 256): integers, bounds included, every value reached with about equal frequency', () => {
    const values = draw(hp.int(32, 256), 45_000);
    const counts = new Map<number, number>();
    for (const value of values) {
      expect(Number.isInteger(value)).toBe(true);
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    expect(Math.min(...values)).toBe(32);
    expect(Math.max(...values)).toBe(256);
    expect(counts.size).toBe(225);
    // 200 expected per value; ±35 % is more than 4 standard deviations (√200 ≈ 14).
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(130);
      expect(count).toBeLessThan(270);
    }
  });

  it('choice: each value about equally often', () => {
    const sampler = randomSampler();
    const distribution = hp.choice(['adam', 'momentum', 'rmsprop', 'sgd']);
    const counts: Record<string, number> = {};
    for (let trialNumber = 0; trialNumber < SAMPLES; trialNumber++) {
      const value = sampler.sample(contextOf({ trialNumber }), 'optimizer', distribution) as string;
      counts[value] = (counts[value] ?? 0) + 1;
    }
    expect(Object.keys(counts).sort()).toEqual(['adam', 'momentum', 'rmsprop', 'sgd']);
    for (const count of Object.values(counts))
      expect(Math.abs(count / SAMPLES - 0.25)).toBeLessThan(0.02);
  });
});

describe('randomSampler: trials and seeds', () => {
  const space = searchSpace({
    learningRate: hp.log(1e-4, 1),
    beta: hp.oneMinusLog(0.9, 0.999),
    keepProb: hp.uniform(0.5, 1),
  });

  it('N trials try N distinct values of every hyperparameter', () => {
    const trials = runTrials(randomSampler(), space, 27);
    expect(distinct(trials, 'learningRate')).toBe(27);
    expect(distinct(trials, 'beta')).toBe(27);
    expect(distinct(trials, 'keepProb')).toBe(27);
  });

  it('same seed, same values; another seed, other values', () => {
    const a = runTrials(randomSampler(), space, 10, { studySeed: 1 });
    const b = runTrials(randomSampler(), space, 10, { studySeed: 1 });
    const c = runTrials(randomSampler(), space, 10, { studySeed: 2 });
    expect(b).toEqual(a);
    for (let i = 0; i < 10; i++) expect(c[i]!.learningRate).not.toBe(a[i]!.learningRate);
  });

  it('a value depends on (seed, trial, name) only: not on the order of the questions', () => {
    const sampler = randomSampler();
    const context = contextOf({ studySeed: 3, trialNumber: 5 });
    const lrFirst = sampler.sample(context, 'learningRate', hp.log(1e-4, 1));
    sampler.sample(context, 'beta', hp.oneMinusLog(0.9, 0.999));
    expect(sampler.sample(context, 'learningRate', hp.log(1e-4, 1))).toBe(lrFirst);
    // Different names in the same trial are independent draws.
    expect(sampler.sample(context, 'lr2', hp.log(1e-4, 1))).not.toBe(lrFirst);
  });

  it('samples the distribution it is given (a narrowed box), on the same u', () => {
    const sampler = randomSampler();
    const context = contextOf({ studySeed: 3, trialNumber: 5 });
    const wide = sampler.sample(context, 'lr', hp.log(1e-4, 1)) as number;
    const narrow = sampler.sample(context, 'lr', hp.log(1e-3, 1e-2)) as number;
    expect(narrow).toBeGreaterThanOrEqual(1e-3);
    expect(narrow).toBeLessThanOrEqual(1e-2);
    // Same u: (log10 wide + 4) / 4 = log10 narrow + 3.
    expect((Math.log10(wide) + 4) / 4).toBeCloseTo(Math.log10(narrow) + 3, 10);
  });

  it('is a searcher plugin named random without options', () => {
    expect(randomSamplerPlugin.kind).toBe('searcher');
    expect(randomSamplerPlugin.name).toBe('random');
    expect(Object.keys(randomSamplerPlugin.options)).toEqual([]);
    const sampler = randomSampler();
    expect(sampler.name).toBe('random');
    expect(sampler.options).toEqual({});
  });
});

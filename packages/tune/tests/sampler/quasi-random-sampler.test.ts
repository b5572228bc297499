import { ConfigError } from '@deeptune/core';
import { describe, expect, it } from 'vitest';
import { nthPrime, scrambledHalton } from '../../src/sampler/halton.js';
import {
  quasiRandomSampler,
  quasiRandomSamplerPlugin,
} from '../../src/sampler/quasi-random-sampler.js';
import { randomSampler } from '../../src/sampler/random-sampler.js';
import type { Sampler } from '../../src/sampler/sampler.js';
import { hp } from '../../src/space/hp.js';
import { searchSpace } from '../../src/space/search-space.js';
import { toUnit } from '../../src/space/unit-interval.js';
import { contextOf, distinct, runTrials } from './context.js';

const names = ['a', 'b', 'c', 'd'] as const;
const unitSpace = searchSpace(Object.fromEntries(names.map((name) => [name, hp.uniform(0, 1)])));

/** Coordinate `name` of trials 0 … n − 1, as u ∈ [0, 1). */
function coordinates(sampler: Sampler, n: number, name: string, studySeed: number): number[] {
  return runTrials(sampler, unitSpace, n, { studySeed }).map((trial) => trial[name] as number);
}

/** Counts of `values` in `bins` equal bins of [0, 1). */
function histogram(values: readonly number[], bins: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (const value of values) counts[Math.floor(value * bins)]! += 1;
  return counts;
}

/** The number of empty cells of an m × m grid over the points (x[i], y[i]). */
function emptyCells(x: readonly number[], y: readonly number[], m: number): number {
  const filled = new Set(x.map((value, i) => Math.floor(value * m) * m + Math.floor(y[i]! * m)));
  return m * m - filled.size;
}

describe('scrambledHalton', () => {
  it('uses the j-th prime in dimension j', () => {
    expect([0, 1, 2, 3, 4, 5, 9, 24].map(nthPrime)).toEqual([2, 3, 5, 7, 11, 13, 29, 97]);
    expect(nthPrime(99)).toBe(541);
  });

  it('b^m consecutive points put exactly one point in each 1/b^m of [0, 1)', () => {
    for (const seed of [0, 1, 2]) {
      for (const [dimension, m] of [
        [0, 6],
        [1, 4],
        [2, 3],
        [4, 2],
      ] as const) {
        const size = nthPrime(dimension) ** m;
        const values = Array.from({ length: size }, (_, i) =>
          scrambledHalton(i + 17, dimension, seed),
        );
        expect(histogram(values, size).every((count) => count === 1)).toBe(true);
      }
    }
  });

  it('stays in [0, 1) and gives other points for other seeds', () => {
    for (let i = 0; i < 1000; i++) {
      for (const dimension of [0, 1, 7, 50]) {
        const u = scrambledHalton(i, dimension, 5);
        expect(u).toBeGreaterThanOrEqual(0);
        expect(u).toBeLessThan(1);
      }
    }
    expect(scrambledHalton(2 ** 53 - 1, 0, 5)).toBeLessThan(1);
    expect(scrambledHalton(3, 0, 1)).not.toBe(scrambledHalton(3, 0, 2));
  });

  it('scrambles: it is not the plain van der Corput sequence 1/2, 1/4, 3/4, …', () => {
    const plain = [0.5, 0.25, 0.75, 0.125];
    const seeds = [0, 1, 2, 3, 4, 5, 6, 7];
    const same = seeds.filter((seed) =>
      plain.every((value, i) => scrambledHalton(i + 1, 0, seed) === value),
    );
    expect(same).toEqual([]);
  });
});

describe('quasiRandomSampler', () => {
  it('is deterministic: same seed, same values; another seed, others', () => {
    const a = runTrials(quasiRandomSampler(), unitSpace, 20, { studySeed: 4 });
    const b = runTrials(quasiRandomSampler(), unitSpace, 20, { studySeed: 4 });
    const c = runTrials(quasiRandomSampler(), unitSpace, 20, { studySeed: 5 });
    expect(b).toEqual(a);
    for (let i = 0; i < 20; i++) expect(c[i]!.a).not.toBe(a[i]!.a);
  });

  it('trial n is point n + 1 of the scrambled Halton sequence, dimension = declaration index', () => {
    const trials = runTrials(quasiRandomSampler(), unitSpace, 5, { studySeed: 9 });
    trials.forEach((trial, n) => {
      names.forEach((name, j) => expect(trial[name]).toBe(scrambledHalton(n + 1, j, 9)));
    });
  });

  it('1-D: 64 points fill 8 bins exactly (random: uneven)', () => {
    let randomWorst = 0;
    for (let seed = 0; seed < 10; seed++) {
      expect(histogram(coordinates(quasiRandomSampler(), 64, 'a', seed), 8)).toEqual([
        8, 8, 8, 8, 8, 8, 8, 8,
      ]);
      // Base 3: every one of 8 bins within ±2 of 8.
      for (const count of histogram(coordinates(quasiRandomSampler(), 64, 'b', seed), 8)) {
        expect(Math.abs(count - 8)).toBeLessThanOrEqual(2);
      }
      const random = histogram(coordinates(randomSampler(), 64, 'a', seed), 8);
      randomWorst = Math.max(randomWorst, ...random.map((count) => Math.abs(count - 8)));
    }
    expect(randomWorst).toBeGreaterThanOrEqual(3);
  });

  it('2-D: 64 points leave far fewer of 8 × 8 cells empty than random points', () => {
    let quasiEmpty = 0;
    let randomEmpty = 0;
    const seeds = 10;
    for (let seed = 0; seed < seeds; seed++) {
      for (const [x, y] of [
        ['a', 'b'],
        ['b', 'c'],
        ['a', 'c'],
      ] as const) {
        quasiEmpty += emptyCells(
          coordinates(quasiRandomSampler(), 64, x, seed),
          coordinates(quasiRandomSampler(), 64, y, seed),
          8,
        );
        randomEmpty += emptyCells(
          coordinates(randomSampler(), 64, x, seed),
          coordinates(randomSampler(), 64, y, seed),
          8,
        );
      }
    }
    // Independent uniform points leave 64·(63/64)^64 ≈ 23.4 of 64 cells empty on average.
    expect(randomEmpty / (3 * seeds)).toBeGreaterThan(20);
    expect(quasiEmpty / (3 * seeds)).toBeLessThan(17);
  });

  it('N trials try N distinct values of each hyperparameter, on its own scale', () => {
    const space = searchSpace({ learningRate: hp.log(1e-4, 1), beta: hp.oneMinusLog(0.9, 0.999) });
    const trials = runTrials(quasiRandomSampler(), space, 32);
    expect(distinct(trials, 'learningRate')).toBe(32);
    expect(distinct(trials, 'beta')).toBe(32);
    // Dimension 0 (base 2), 32 points: exactly 8 learning rates per decade.
    const decades = histogram(
      trials.map((trial) => toUnit(hp.log(1e-4, 1), trial.learningRate!)),
      4,
    );
    expect(decades).toEqual([8, 8, 8, 8]);
  });

  it('samples the distribution it is given (a narrowed box) with the same u', () => {
    const context = contextOf({ space: unitSpace, trialNumber: 3, studySeed: 1 });
    const u = quasiRandomSampler().sample(context, 'c', hp.uniform(0, 1)) as number;
    expect(quasiRandomSampler().sample(context, 'c', hp.uniform(10, 20))).toBeCloseTo(
      10 + 10 * u,
      12,
    );
  });

  it('needs a declared space that declares the name', () => {
    const sampler = quasiRandomSampler();
    const withoutSpace = () => sampler.sample(contextOf(), 'a', hp.uniform(0, 1));
    expect(withoutSpace).toThrow(ConfigError);
    expect(withoutSpace).toThrow(
      "sampler 'quasi-random' needs a declared search space (each declared hyperparameter is one dimension of the Halton sequence); use 'random' for define-by-run objectives",
    );
    expect(() => sampler.sample(contextOf({ space: unitSpace }), 'e', hp.uniform(0, 1))).toThrow(
      "sampler 'quasi-random': hyperparameter 'e' is not in the declared search space (declared: a, b, c, d)",
    );
  });

  it('is a searcher plugin named quasi-random', () => {
    expect(quasiRandomSamplerPlugin.kind).toBe('searcher');
    expect(quasiRandomSamplerPlugin.name).toBe('quasi-random');
    expect(quasiRandomSampler().name).toBe('quasi-random');
    expect(quasiRandomSampler().options).toEqual({});
  });
});

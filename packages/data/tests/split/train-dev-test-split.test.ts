import { ConfigError, Rng, arange, tensor, zeros } from '@deeptune/core';
import { describe, expect, it } from 'vitest';
import { dataset, oneHot, trainDevTestSplit, type Dataset } from '../../src/index.js';

function examples(m: number): Dataset {
  return dataset(arange(0, m).reshape([m, 1]), arange(0, m).mul(0));
}

function labelled(labels: number[]): Dataset {
  const m = labels.length;
  return dataset(arange(0, m).reshape([m, 1]), tensor(labels));
}

function countOf(data: Dataset, label: number): number {
  return Array.from(data.targets.data).filter((value) => value === label).length;
}

describe('trainDevTestSplit', () => {
  it.each([
    [10, [0.6, 0.2, 0.2], [6, 2, 2]],
    [100, [0.7, 0.15, 0.15], [70, 15, 15]],
    [1000, [0.98, 0.01, 0.01], [980, 10, 10]],
    [7, [0.6, 0.2, 0.2], [4, 2, 1]],
    [10, [0.8, 0, 0.2], [8, 0, 2]],
  ] as const)('splits m = %i with %j into %j', (m, ratios, sizes) => {
    const { train, dev, test } = trainDevTestSplit(examples(m), { ratios, seed: 0 });
    expect([train.size, dev.size, test.size]).toEqual(sizes);
  });

  it('puts every example in exactly one part', () => {
    const { train, dev, test } = trainDevTestSplit(examples(50), { ratios: [0.6, 0.2, 0.2] });
    const all = [train, dev, test].flatMap((part) => Array.from(part.inputs.data));
    expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('gives the same split for the same seed and a different one for another seed', () => {
    const first = (seed: number) =>
      Array.from(
        trainDevTestSplit(examples(30), { ratios: [0.6, 0.2, 0.2], seed }).dev.inputs.data,
      );
    expect(first(5)).toEqual(first(5));
    expect(first(5)).not.toEqual(first(6));
    const rngSplit = trainDevTestSplit(examples(30), { ratios: [0.6, 0.2, 0.2], rng: new Rng(5) });
    expect(Array.from(rngSplit.dev.inputs.data)).toEqual(first(5));
  });

  it('keeps the order without shuffle', () => {
    const { test } = trainDevTestSplit(examples(10), { ratios: [0.6, 0.2, 0.2], shuffle: false });
    expect(Array.from(test.inputs.data)).toEqual([8, 9]);
  });

  it('keeps class proportions with stratify', () => {
    // 90 of class 0, 10 of class 1: every part keeps 90 % / 10 %.
    const labels = Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const { train, dev, test } = trainDevTestSplit(labelled(labels), {
      ratios: [0.6, 0.2, 0.2],
      seed: 3,
      stratify: true,
    });
    expect([countOf(train, 1), countOf(dev, 1), countOf(test, 1)]).toEqual([6, 2, 2]);
    expect([train.size, dev.size, test.size]).toEqual([60, 20, 20]);
  });

  it('stratifies uneven classes with the same part sizes as without', () => {
    const labels = [
      ...Array<number>(7).fill(0),
      ...Array<number>(5).fill(1),
      ...Array<number>(3).fill(2),
    ];
    const split = trainDevTestSplit(labelled(labels), { ratios: [0.6, 0.2, 0.2], stratify: true });
    expect([split.train.size, split.dev.size, split.test.size]).toEqual([9, 3, 3]);
    for (const label of [0, 1, 2]) {
      const total = labels.filter((value) => value === label).length;
      expect(countOf(split.train, label)).toBeGreaterThanOrEqual(Math.floor(0.6 * total));
      expect(countOf(split.train, label)).toBeLessThanOrEqual(Math.ceil(0.6 * total));
    }
  });

  it('stratifies one-hot targets', () => {
    const labels = tensor(Array.from({ length: 20 }, (_, i) => (i < 5 ? 1 : 0)));
    const data = dataset(zeros([20, 1]), oneHot(labels, 2));
    const { dev } = trainDevTestSplit(data, { ratios: [0.6, 0.2, 0.2], stratify: true });
    expect(
      Array.from(dev.targets.data)
        .filter((_, i) => i % 2 === 1)
        .reduce((a, b) => a + b),
    ).toBe(1);
  });

  it.each([
    [[0.6, 0.2], /ratios must be \[train, dev, test\]/],
    [[0.6, 0.2, 0.3], /sum to 1.1.*expected 1/],
    [[1.2, -0.1, -0.1], /train ratio must be a number in \[0, 1\]/],
    [[0, 0.5, 0.5], /train ratio must be > 0/],
  ])('rejects ratios %j', (ratios, message) => {
    const call = () =>
      trainDevTestSplit(examples(10), { ratios: ratios as unknown as [number, number, number] });
    expect(call).toThrow(ConfigError);
    expect(call).toThrow(message);
  });

  it('rejects both rng and seed', () => {
    expect(() =>
      trainDevTestSplit(examples(10), { ratios: [0.6, 0.2, 0.2], rng: new Rng(0), seed: 0 }),
    ).toThrow(/both rng and seed/);
  });

  it('rejects stratify with real-valued targets', () => {
    const data = dataset(zeros([4, 1]), tensor([[0.5], [1], [0], [1]]));
    expect(() => trainDevTestSplit(data, { ratios: [0.5, 0.25, 0.25], stratify: true })).toThrow(
      /not one-hot/,
    );
  });
});

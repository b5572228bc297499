import {
  ConfigError,
  InvalidHyperparameterError,
  Rng,
  ShapeError,
  arange,
  tensor,
  type Tensor,
} from '@deeptune/core';
import { describe, expect, it } from 'vitest';
import { dataset, minibatches, type Dataset } from '../../src/index.js';

function tenExamples(): Dataset {
  const inputs = arange(0, 20).reshape([10, 2]);
  return dataset(inputs, arange(0, 10));
}

function targetsOf(batches: Iterable<{ targets: Tensor }>): number[] {
  return [...batches].flatMap((batch) => Array.from(batch.targets.data));
}

describe('minibatches', () => {
  it('splits m = 10 with batchSize 3 into 3, 3, 3, 1', () => {
    const batches = minibatches(tenExamples(), { batchSize: 3, rng: new Rng(0) });
    expect(batches.count).toBe(4);
    expect([...batches].map((batch) => batch.size)).toEqual([3, 3, 3, 1]);
    expect([...batches].map((batch) => batch.index)).toEqual([0, 1, 2, 3]);
  });

  it('drops the last partial batch with dropLast', () => {
    const batches = minibatches(tenExamples(), { batchSize: 3, dropLast: true, rng: new Rng(0) });
    expect(batches.count).toBe(3);
    expect([...batches].map((batch) => batch.size)).toEqual([3, 3, 3]);
  });

  it('visits every example once per epoch', () => {
    const order = targetsOf(minibatches(tenExamples(), { batchSize: 4, rng: new Rng(1) }));
    expect([...order].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('keeps inputs and targets aligned', () => {
    for (const batch of minibatches(tenExamples(), { batchSize: 3, rng: new Rng(2) })) {
      for (let i = 0; i < batch.size; i++) {
        expect(batch.inputs.get(i, 0)).toBe(2 * batch.targets.get(i));
      }
    }
  });

  it('gives the same order for the same seed', () => {
    const a = targetsOf(minibatches(tenExamples(), { batchSize: 3, rng: new Rng(7) }));
    const b = targetsOf(minibatches(tenExamples(), { batchSize: 3, rng: new Rng(7) }));
    const c = targetsOf(minibatches(tenExamples(), { batchSize: 3, seed: 7 }));
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(a).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('draws a new order for each epoch', () => {
    const batches = minibatches(tenExamples(), { batchSize: 10, rng: new Rng(3) });
    expect(targetsOf(batches)).not.toEqual(targetsOf(batches));
  });

  it('keeps the dataset order without shuffle', () => {
    const order = targetsOf(minibatches(tenExamples(), { batchSize: 3, shuffle: false }));
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('gives one batch for batchSize = m (batch gradient descent) and m for batchSize 1', () => {
    expect(minibatches(tenExamples(), { batchSize: 10 }).count).toBe(1);
    expect(minibatches(tenExamples(), { batchSize: 1 }).count).toBe(10);
  });

  it('applies the augmentation to the inputs only, with the generator', () => {
    const seen: Rng[] = [];
    const rng = new Rng(0);
    const augment = (batch: Tensor, augmentRng: Rng): Tensor => {
      seen.push(augmentRng);
      return batch.mul(-1);
    };
    const batches = [...minibatches(tenExamples(), { batchSize: 5, rng, augment })];
    expect(seen).toEqual([rng, rng]);
    for (const batch of batches) {
      expect(batch.inputs.get(0, 0)).toBe(-2 * batch.targets.get(0));
    }
  });

  it('throws a ShapeError when the augmentation changes the batch size', () => {
    const augment = (batch: Tensor): Tensor => batch.slice(0, 1);
    const batches = minibatches(tenExamples(), { batchSize: 5, augment });
    expect(() => [...batches]).toThrow(ShapeError);
  });

  it('validates its options', () => {
    expect(() => minibatches(tenExamples(), { batchSize: 0 })).toThrow(InvalidHyperparameterError);
    expect(() => minibatches(tenExamples(), { batchSize: 2.5 })).toThrow(/batchSize/);
    expect(() => minibatches(tenExamples(), { batchSize: 2, rng: new Rng(0), seed: 1 })).toThrow(
      ConfigError,
    );
    expect(() => minibatches(tenExamples(), { batchSize: 11, dropLast: true })).toThrow(
      /no batch at all/,
    );
  });

  it('keeps a batch larger than m as one partial batch', () => {
    const data = dataset(tensor([[1], [2]]), tensor([0, 1]));
    expect([...minibatches(data, { batchSize: 8 })].map((batch) => batch.size)).toEqual([2]);
  });
});

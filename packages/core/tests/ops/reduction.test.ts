import { describe, expect, it } from 'vitest';
import {
  argmax,
  argmin,
  logSumExp,
  max,
  mean,
  min,
  ShapeError,
  sum,
  tensor,
} from '../../src/index.js';
import { assertTensorClose } from '../../src/testing/index.js';

const x = tensor(
  [
    [1, 9, 3],
    [7, 2, 7],
  ],
  { dtype: 'float64' },
);

describe('sum and mean', () => {
  it('reduce all axes, one axis, or a list, with and without keepDims', () => {
    expect(sum(x).item()).toBe(29);
    expect(sum(x, 0).toArray()).toEqual([8, 11, 10]);
    expect(sum(x, 1, true).toArray()).toEqual([[13], [16]]);
    expect(sum(x, [0, 1], true).shape).toEqual([1, 1]);
    expect(mean(x, -1).toArray()).toEqual([13 / 3, 16 / 3]);
  });

  it('reject an axis out of range', () => {
    expect(() => sum(x, 2)).toThrow(ShapeError);
    expect(() => sum(x, 2)).toThrow(/sum: axis 2 is out of range for a tensor of rank 2/);
  });
});

describe('max, min, argmax, argmin', () => {
  it('find extremes and their first index', () => {
    expect(max(x, 1).toArray()).toEqual([9, 7]);
    expect(min(x, 0).toArray()).toEqual([1, 2, 3]);
    expect(argmax(x, 1).toArray()).toEqual([1, 0]);
    expect(argmin(x, 1).toArray()).toEqual([0, 1]);
    expect(argmax(x).item()).toBe(1);
  });

  it('share the gradient of max between tied elements', () => {
    const y = tensor([[7, 2, 7]], { dtype: 'float64', requiresGrad: true });
    max(y, 1).sum().backward();
    expect(y.grad!.toArray()).toEqual([[0.5, 0, 0.5]]);
  });
});

describe('var', () => {
  it('divides by n (the population variance)', () => {
    expect(tensor([1, 2, 3, 4], { dtype: 'float64' }).var().item()).toBe(1.25);
  });
});

describe('logSumExp', () => {
  it('is stable for huge logits', () => {
    const big = tensor([1000, 1000], { dtype: 'float64' });
    expect(logSumExp(big).item()).toBeCloseTo(1000 + Math.log(2), 10);
  });

  it('handles rows of −∞', () => {
    expect(logSumExp(tensor([-Infinity, -Infinity], { dtype: 'float64' })).item()).toBe(-Infinity);
  });

  it('has the softmax as gradient', () => {
    const z = tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
    logSumExp(z).backward();
    const e = [1, 2, 3].map(Math.exp);
    const total = e[0]! + e[1]! + e[2]!;
    assertTensorClose(
      z.grad!,
      e.map((v) => v / total),
    );
  });
});

describe('argmax on an empty axis', () => {
  it('throws instead of inventing an index', () => {
    expect(() => argmax(tensor([[], []]), 1)).toThrow(/argmax: axis 1 of \[2, 0\] is empty/);
  });
});

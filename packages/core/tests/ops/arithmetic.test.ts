import { describe, expect, it } from 'vitest';
import {
  add,
  div,
  DTypeError,
  maximum,
  minimum,
  mul,
  pow,
  ShapeError,
  sub,
  tensor,
} from '../../src/index.js';
import { assertTensorClose } from '../../src/testing/index.js';

describe('add', () => {
  it('broadcasts a row over a matrix', () => {
    expect(
      add(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        tensor([10, 20]),
      ).toArray(),
    ).toEqual([
      [11, 22],
      [13, 24],
    ]);
  });

  it('broadcasts a column against a row into a matrix', () => {
    const result = add(tensor([[1], [2]]), tensor([[10, 20, 30]]));
    expect(result.shape).toEqual([2, 3]);
    expect(result.toArray()).toEqual([
      [11, 21, 31],
      [12, 22, 32],
    ]);
  });

  it('accepts a number on either side in the tensor dtype', () => {
    const x = tensor([1, 2], { dtype: 'float64' });
    expect(add(x, 0.5).toArray()).toEqual([1.5, 2.5]);
    expect(add(0.5, x).dtype).toBe('float64');
  });

  it('rejects tensors of different dtypes instead of converting', () => {
    const a = tensor([1], { dtype: 'float32' });
    const b = tensor([1], { dtype: 'float64' });
    expect(() => add(a, b)).toThrow(DTypeError);
    expect(() => add(a, b)).toThrow(/add: dtypes differ — a is float32, b is float64/);
  });

  it('names both shapes when they cannot be broadcast', () => {
    try {
      add(tensor([[1, 2, 3]]), tensor([1, 2]));
      expect.unreachable();
    } catch (error) {
      expect(ShapeError.isInstance(error)).toBe(true);
      expect((error as ShapeError).code).toBe('SHAPE_MISMATCH');
      expect((error as Error).message).toContain('add: shapes [1, 3] and [2] cannot be broadcast');
    }
  });
});

describe('sub, mul, div', () => {
  it('compute element-wise results', () => {
    const a = tensor([6, 8, -3], { dtype: 'float64' });
    const b = tensor([2, 4, 2], { dtype: 'float64' });
    expect(sub(a, b).toArray()).toEqual([4, 4, -5]);
    expect(mul(a, b).toArray()).toEqual([12, 32, -6]);
    expect(div(a, b).toArray()).toEqual([3, 2, -1.5]);
  });

  it('follow IEEE-754 when dividing by zero', () => {
    expect(div(tensor([1, -1, 0]), 0).toArray()).toEqual([Infinity, -Infinity, NaN]);
  });

  it('gives the gradients of a quotient', () => {
    const a = tensor([3], { dtype: 'float64', requiresGrad: true });
    const b = tensor([2], { dtype: 'float64', requiresGrad: true });
    div(a, b).sum().backward();
    assertTensorClose(a.grad!, [0.5]);
    assertTensorClose(b.grad!, [-0.75]);
  });
});

describe('pow', () => {
  it('raises to a scalar and to a tensor exponent', () => {
    expect(pow(tensor([2, 3]), 2).toArray()).toEqual([4, 9]);
    expect(pow(tensor([2, 3]), tensor([3, 0.5])).data[1]).toBeCloseTo(Math.sqrt(3), 6);
  });

  it('differentiates θ³ at θ = 1 to 3', () => {
    const theta = tensor([1], { dtype: 'float64', requiresGrad: true });
    pow(theta, 3).sum().backward();
    expect(theta.grad!.item()).toBe(3);
  });
});

describe('maximum and minimum', () => {
  it('choose element-wise and split the gradient evenly on ties', () => {
    const a = tensor([1, 5, 2], { dtype: 'float64', requiresGrad: true });
    const b = tensor([3, 4, 2], { dtype: 'float64', requiresGrad: true });
    expect(maximum(a, b).toArray()).toEqual([3, 5, 2]);
    expect(minimum(a, b).toArray()).toEqual([1, 4, 2]);
    maximum(a, b).sum().backward();
    expect(a.grad!.toArray()).toEqual([0, 1, 0.5]);
    expect(b.grad!.toArray()).toEqual([1, 0, 0.5]);
  });
});

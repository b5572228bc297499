import { DTypeError, DataFormatError, ShapeError, tensor } from '@deeptune/core';
import { describe, expect, it } from 'vitest';
import { dataset } from '../../src/index.js';

describe('dataset', () => {
  it('pairs inputs and class-index targets', () => {
    const data = dataset(
      tensor([
        [0, 0],
        [1, 1],
        [2, 2],
      ]),
      tensor([0, 1, 0]),
    );
    expect(data.size).toBe(3);
    expect(Object.isFrozen(data)).toBe(true);
  });

  it('accepts one-hot or real-valued [m, k] targets', () => {
    const data = dataset(
      tensor([[0], [1]]),
      tensor([
        [0.5, 1.5],
        [2, 3],
      ]),
    );
    expect(data.targets.shape).toEqual([2, 2]);
  });

  it('throws a ShapeError naming both shapes when m differs', () => {
    const call = () => dataset(tensor([[0], [1], [2]]), tensor([0, 1]));
    expect(call).toThrow(ShapeError);
    expect(call).toThrow(/\[3, 1\].*\[2\].*3 ≠ 2/);
  });

  it('throws a DTypeError when the dtypes differ', () => {
    const call = () => dataset(tensor([[0], [1]]), tensor([0, 1], { dtype: 'float64' }));
    expect(call).toThrow(DTypeError);
  });

  it('throws a ShapeError for rank-1 inputs', () => {
    expect(() => dataset(tensor([0, 1]), tensor([0, 1]))).toThrow(/reshape \[m\] features/);
  });

  it('throws a DataFormatError when [m] targets are not class indices', () => {
    const call = () => dataset(tensor([[0], [1]]), tensor([0, 0.5]));
    expect(call).toThrow(DataFormatError);
    expect(call).toThrow(/targets\[1\] is 0.5/);
  });
});

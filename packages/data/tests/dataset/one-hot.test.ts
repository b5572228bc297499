import { DataFormatError, InvalidHyperparameterError, ShapeError, tensor } from '@deeptune/core';
import { describe, expect, it } from 'vitest';
import { oneHot, toClassIndices } from '../../src/index.js';

describe('oneHot', () => {
  it('puts a 1 in the labelled column of each row', () => {
    expect(oneHot(tensor([2, 0, 1]), 3).toArray()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
    ]);
  });

  it('keeps the dtype of the labels', () => {
    expect(oneHot(tensor([1], { dtype: 'float64' }), 2).dtype).toBe('float64');
  });

  it('throws a DataFormatError for a label outside [0, classes)', () => {
    expect(() => oneHot(tensor([0, 3]), 3)).toThrow(DataFormatError);
    expect(() => oneHot(tensor([0, 3]), 3)).toThrow(/labels\[1\] is 3.*\[0, 3\)/);
  });

  it('rejects a non-integer class count and non-[m] labels', () => {
    expect(() => oneHot(tensor([0]), 0)).toThrow(InvalidHyperparameterError);
    expect(() => oneHot(tensor([[0]]), 2)).toThrow(ShapeError);
  });
});

describe('toClassIndices', () => {
  it('inverts oneHot', () => {
    const labels = tensor([3, 0, 2, 1]);
    expect(toClassIndices(oneHot(labels, 4)).toArray()).toEqual([3, 0, 2, 1]);
  });

  it('throws a DataFormatError naming the row that is not one-hot', () => {
    expect(() =>
      toClassIndices(
        tensor([
          [1, 0],
          [0.3, 0.7],
        ]),
      ),
    ).toThrow(/row 1 is not one-hot/);
    expect(() => toClassIndices(tensor([[0, 0]]))).toThrow(DataFormatError);
  });
});

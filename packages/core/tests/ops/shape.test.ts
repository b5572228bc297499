import { describe, expect, it } from 'vitest';
import {
  arange,
  broadcastTo,
  cast,
  concat,
  equal,
  gather,
  reshape,
  ShapeError,
  slice,
  tensor,
  transpose,
  where,
} from '../../src/index.js';

describe('reshape', () => {
  it('infers one -1 and shares storage', () => {
    const x = arange(6);
    const y = reshape(x, [2, -1]);
    expect(y.shape).toEqual([2, 3]);
    expect(y.data).toBe(x.data);
  });

  it('rejects a size mismatch naming both shapes', () => {
    expect(() => reshape(arange(6), [4, 2])).toThrow(
      'reshape: cannot reshape [6] (6 elements) to [4, 2] (8 elements).',
    );
  });
});

describe('transpose', () => {
  it('reverses axes by default and permutes when asked', () => {
    expect(transpose(tensor([[1, 2, 3]])).toArray()).toEqual([[1], [2], [3]]);
    const x = arange(24).reshape([2, 3, 4]);
    const y = transpose(x, [1, 2, 0]);
    expect(y.shape).toEqual([3, 4, 2]);
    expect(y.get(2, 1, 1)).toBe(x.get(1, 2, 1));
  });
});

describe('slice and gather', () => {
  it('take rows and blocks', () => {
    const x = arange(12).reshape([4, 3]);
    expect(slice(x, 1, 2).toArray()).toEqual([
      [3, 4, 5],
      [6, 7, 8],
    ]);
    expect(slice(x, [0, 1], [-1, 1]).toArray()).toEqual([[1], [4], [7], [10]]);
    expect(gather(x, [3, 0, 3]).toArray()).toEqual([
      [9, 10, 11],
      [0, 1, 2],
      [9, 10, 11],
    ]);
  });

  it('reject blocks and indices outside the tensor', () => {
    expect(() => slice(arange(4), 3, 2)).toThrow(ShapeError);
    expect(() => gather(arange(4).reshape([2, 2]), [2])).toThrow(
      /index 2 at position 0 is out of range/,
    );
  });

  it('route gradients back to the selected rows, adding repeats', () => {
    const x = arange(6, undefined, 1, { dtype: 'float64' }).reshape([3, 2]).detach();
    x.requiresGrad = true;
    gather(x, [2, 2, 0]).sum().backward();
    expect(x.grad!.toArray()).toEqual([
      [1, 1],
      [0, 0],
      [2, 2],
    ]);
  });
});

describe('concat', () => {
  it('joins along an axis', () => {
    expect(concat([tensor([[1, 2]]), tensor([[3, 4]])], 0).toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(
      concat(
        [
          tensor([[1], [2]]),
          tensor([
            [3, 4],
            [5, 6],
          ]),
        ],
        1,
      ).toArray(),
    ).toEqual([
      [1, 3, 4],
      [2, 5, 6],
    ]);
  });
});

describe('broadcastTo, cast, where', () => {
  it('broadcast, convert and select', () => {
    expect(broadcastTo(tensor([1, 2]), [2, 2]).toArray()).toEqual([
      [1, 2],
      [1, 2],
    ]);
    const y = cast(tensor([0.1], { dtype: 'float64' }), 'float32');
    expect(y.dtype).toBe('float32');
    expect(y.data[0]).toBe(Math.fround(0.1));
    const x = tensor([1, -2, 3]);
    expect(where(x.greater(0), x, 0).toArray()).toEqual([1, 0, 3]);
    expect(equal(x, tensor([1, 2, 3])).toArray()).toEqual([1, 0, 1]);
  });
});

describe('cast gradient', () => {
  it('is cast back to the input dtype', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    cast(x, 'float64').mul(3).sum().backward();
    expect(x.grad!.dtype).toBe('float32');
    expect(x.grad!.toArray()).toEqual([3, 3]);
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, DTypeError, ShapeError, Tensor, tensor } from '../../src/index.js';

describe('tensor', () => {
  it('infers shape and defaults to float32', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(x.shape).toEqual([2, 3]);
    expect(x.dtype).toBe('float32');
    expect(x.data).toBeInstanceOf(Float32Array);
    expect(x.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('creates float64 tensors and scalars', () => {
    const x = tensor(0.1, { dtype: 'float64' });
    expect(x.shape).toEqual([]);
    expect(x.item()).toBe(0.1);
  });

  it('rejects ragged arrays, naming where', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(ShapeError);
    expect(() => tensor([[1, 2], [3]])).toThrow(/ragged array at \[1\]: expected 2 entries/);
  });

  it('rejects non-numbers', () => {
    expect(() => tensor([1, 'a' as unknown as number])).toThrow(ConfigError);
  });

  it('keeps a typed array dtype and refuses to convert silently', () => {
    expect(tensor(new Float64Array([1, 2])).dtype).toBe('float64');
    expect(() => tensor(new Float64Array([1]), { dtype: 'float32' })).toThrow(DTypeError);
  });

  it('reshapes typed-array input with an explicit shape and checks it', () => {
    expect(tensor(new Float32Array(6), { shape: [2, 3] }).shape).toEqual([2, 3]);
    expect(() => tensor(new Float32Array(6), { shape: [4, 2] })).toThrow(ShapeError);
  });
});

describe('Tensor', () => {
  it('reads single elements with negative indices', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(x.get(1, -1)).toBe(4);
    expect(() => x.get(2, 0)).toThrow(/index 2 is out of range for axis 0 of size 2/);
  });

  it('refuses item() on more than one element', () => {
    expect(() => tensor([1, 2]).item()).toThrow(/expected exactly 1/);
  });

  it('validates storage length against the shape', () => {
    expect(() => new Tensor(new Float32Array(3), [2, 2])).toThrow(ShapeError);
  });

  it('cannot turn off gradients of a recorded result', () => {
    const w = tensor([1], { requiresGrad: true });
    const y = w.mul(2);
    expect(() => {
      y.requiresGrad = false;
    }).toThrow(/detach/);
  });
});

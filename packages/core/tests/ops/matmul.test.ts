import { describe, expect, it } from 'vitest';
import { DTypeError, matmul, randn, Rng, ShapeError, tensor, zeros } from '../../src/index.js';
import { assertTensorClose } from '../../src/testing/index.js';

describe('matmul', () => {
  it('multiplies matrices', () => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = tensor([
      [7, 8],
      [9, 10],
      [11, 12],
    ]);
    expect(matmul(a, b).toArray()).toEqual([
      [58, 64],
      [139, 154],
    ]);
  });

  it('multiplies by a transpose without materialising it', () => {
    const rng = new Rng(1);
    const a = randn([5, 3], { rng, dtype: 'float64' });
    const b = randn([4, 3], { rng, dtype: 'float64' });
    assertTensorClose(matmul(a, b, { transposeB: true }), matmul(a, b.transpose()));
    assertTensorClose(matmul(a, a, { transposeA: true }), matmul(a.transpose(), a));
    const c = randn([3, 5], { rng, dtype: 'float64' });
    assertTensorClose(
      matmul(c, b, { transposeA: true, transposeB: true }),
      matmul(c.transpose(), b.transpose()),
    );
  });

  it('multiplies batches and broadcasts a plain matrix over them', () => {
    const rng = new Rng(2);
    const a = randn([2, 3, 4], { rng, dtype: 'float64' });
    const w = randn([4, 5], { rng, dtype: 'float64' });
    const result = matmul(a, w);
    expect(result.shape).toEqual([2, 3, 5]);
    assertTensorClose(
      result.slice([1, 0, 0], [1, 3, 5]).reshape([3, 5]),
      matmul(a.slice([1, 0, 0], [1, 3, 4]).reshape([3, 4]), w),
    );
  });

  it('names the operands when inner dimensions differ', () => {
    expect(() => matmul(zeros([32, 784]), zeros([128, 10]))).toThrow(
      'matmul: inner dimensions differ: [32, 784] · [128, 10] (784 ≠ 128)',
    );
    expect(() => matmul(zeros([32, 784]), zeros([128, 10]))).toThrow(ShapeError);
  });

  it('rejects vectors and mixed dtypes', () => {
    expect(() => matmul(zeros([3]), zeros([3, 1]))).toThrow(/rank ≥ 2/);
    expect(() => matmul(zeros([2, 2]), zeros([2, 2], { dtype: 'float64' }))).toThrow(DTypeError);
  });

  it('back-propagates dA = dC·Bᵀ and dB = Aᵀ·dC', () => {
    const a = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: 'float64', requiresGrad: true },
    );
    const b = tensor(
      [
        [5, 6],
        [7, 8],
      ],
      { dtype: 'float64', requiresGrad: true },
    );
    matmul(a, b).sum().backward();
    expect(a.grad!.toArray()).toEqual([
      [11, 15],
      [11, 15],
    ]);
    expect(b.grad!.toArray()).toEqual([
      [4, 4],
      [6, 6],
    ]);
  });
});

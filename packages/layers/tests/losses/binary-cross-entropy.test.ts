import { describe, expect, it } from 'vitest';
import { ConfigError, DTypeError, Rng, ShapeError, randn, rand, tensor } from '@deeptune/core';
import type { DType } from '@deeptune/core';
import { assertTensorClose } from '@deeptune/core/testing';
import { gradcheck } from '@deeptune/gradcheck';
import { binaryCrossEntropy } from '../../src/losses/binary-cross-entropy.js';

describe('binaryCrossEntropy', () => {
  it.each<DType>(['float32', 'float64'])('is exact and finite at logits ±800 (%s)', (dtype) => {
    const logits = tensor([[800], [-800], [800], [-800]], { dtype, requiresGrad: true });
    const targets = tensor([[1], [0], [0], [1]], { dtype });
    const loss = binaryCrossEntropy(logits, targets);
    expect(loss.item()).toBe(400); // (0 + 0 + 800 + 800) / 4
    loss.backward();
    // (σ(z) − y) / 4 with σ(800) = 1 and σ(−800) = 0.
    assertTensorClose(logits.grad!, [[0], [0], [0.25], [-0.25]]);
  });

  it('matches −y·log σ(z) − (1 − y)·log(1 − σ(z)) for moderate logits', () => {
    const z = [-3, -0.5, 0, 0.7, 4];
    const y = [0, 1, 0.3, 1, 0.9];
    const naive =
      z
        .map((zi, i) => {
          const s = 1 / (1 + Math.exp(-zi));
          return -y[i]! * Math.log(s) - (1 - y[i]!) * Math.log(1 - s);
        })
        .reduce((a, b) => a + b, 0) / z.length;
    const loss = binaryCrossEntropy(
      tensor([z], { dtype: 'float64' }),
      tensor([y], { dtype: 'float64' }),
    );
    expect(loss.item()).toBeCloseTo(naive, 13);
  });

  it('keeps full precision at large |z| (log1p, not log(1 + x))', () => {
    // Python: math.log1p(math.exp(-40)) = 4.248354255291589e-18 and
    // math.log1p(math.exp(-30)) = 9.357622968839737e-14; log(1 + e^(−40)) would give 0.
    const value = (z: number, y: number): number =>
      binaryCrossEntropy(
        tensor([z], { dtype: 'float64' }),
        tensor([y], { dtype: 'float64' }),
      ).item();
    expect(value(40, 1)).toBe(4.248354255291589e-18);
    expect(value(-40, 0)).toBe(4.248354255291589e-18);
    const at30 = value(30, 1);
    expect(Math.abs(at30 - 9.357622968839737e-14) / 9.357622968839737e-14).toBeLessThan(1e-15);
    const atMinus30 = value(-30, 0);
    expect(Math.abs(atMinus30 - 9.357622968839737e-14) / 9.357622968839737e-14).toBeLessThan(1e-15);
  });

  it('has the gradient σ(z) − y at large |z|', () => {
    const logits = tensor([40, 30, -40, -30], { dtype: 'float64', requiresGrad: true });
    const targets = tensor([1, 1, 0, 0], { dtype: 'float64' });
    binaryCrossEntropy(logits, targets).backward();
    // (σ(z) − y) / 4 with σ computed as in the sigmoid kernel: Python 1/(1+exp(-z)) − y
    // gives 0, -9.348077867343818e-14 (σ(30) rounds near 1), 4.248354255291589e-18 and
    // 9.3576229688393e-14 (e^(−|z|)/(1 + e^(−|z|)) for z < 0).
    const gradient = logits.grad!.toArray() as number[];
    const expected = [0, -9.348077867343818e-14, 4.248354255291589e-18, 9.3576229688393e-14];
    gradient.forEach((value, i) => {
      expect(Math.abs(value * 4 - expected[i]!)).toBeLessThanOrEqual(
        1e-15 * Math.abs(expected[i]!),
      );
    });
  });

  it('has the right gradient exactly at z = 0 (zero-initialized logistic regression)', () => {
    const logits = tensor([[0], [0]], { dtype: 'float64', requiresGrad: true });
    const loss = binaryCrossEntropy(logits, tensor([[1], [0]], { dtype: 'float64' }));
    expect(loss.item()).toBeCloseTo(Math.log(2), 15);
    loss.backward();
    assertTensorClose(logits.grad!, [[-0.25], [0.25]]);
  });

  it('passes gradcheck for logits and soft targets', () => {
    const rng = new Rng(4);
    const logits = randn([6, 2], { dtype: 'float64', rng, std: 3 });
    const targets = rand([6, 2], { dtype: 'float64', rng }).mul(0.8).add(0.1);
    const report = gradcheck(() => binaryCrossEntropy(logits, targets), { logits, targets });
    expect(report.relativeDifference).toBeLessThan(1e-7);
  });

  it('rejects shapes that differ, naming both, with a reshape hint', () => {
    let caught: { code: string; message: string } | undefined;
    try {
      binaryCrossEntropy(tensor([[1], [2]]), tensor([1, 0]));
    } catch (error) {
      caught = error as typeof caught;
    }
    expect(caught!.code).toBe(ShapeError.code);
    expect(caught!.message).toContain('targets [2] do not match logits [2, 1]');
    expect(caught!.message).toContain('reshape the targets to [2, 1]');
  });

  it('rejects targets outside [0, 1] and mixed dtypes', () => {
    expect(() => binaryCrossEntropy(tensor([[1], [2]]), tensor([[1], [-1]]))).toThrow(ConfigError);
    expect(() => binaryCrossEntropy(tensor([[1], [2]]), tensor([[1], [-1]]))).toThrow(
      /targets element 1 is -1; targets must be probabilities in \[0, 1\]/,
    );
    expect(() => binaryCrossEntropy(tensor([[1]]), tensor([[1]], { dtype: 'float64' }))).toThrow(
      DTypeError,
    );
  });
});

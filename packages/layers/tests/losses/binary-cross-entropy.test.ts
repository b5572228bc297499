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

import { describe, expect, it } from 'vitest';
import { DTypeError, Rng, ShapeError, randn, tensor } from '@deeptune/core';
import { assertTensorClose } from '@deeptune/core/testing';
import { gradcheck } from '@deeptune/gradcheck';
import { meanSquaredError } from '../../src/losses/mean-squared-error.js';

describe('meanSquaredError', () => {
  it('averages the squared errors over every element', () => {
    const outputs = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: 'float64', requiresGrad: true },
    );
    const targets = tensor(
      [
        [1, 1],
        [1, 1],
      ],
      { dtype: 'float64' },
    );
    const loss = meanSquaredError(outputs, targets);
    expect(loss.item()).toBe(3.5); // (0 + 1 + 4 + 9) / 4
    loss.backward();
    assertTensorClose(outputs.grad!, [
      [0, 0.5],
      [1, 1.5],
    ]); // 2 (ŷ − y) / 4
  });

  it('passes gradcheck for outputs and targets', () => {
    const rng = new Rng(2);
    const outputs = randn([4, 3], { dtype: 'float64', rng });
    const targets = randn([4, 3], { dtype: 'float64', rng });
    const report = gradcheck(() => meanSquaredError(outputs, targets), { outputs, targets });
    expect(report.relativeDifference).toBeLessThan(1e-7);
  });

  it('refuses to broadcast [m] targets against [m, 1] outputs', () => {
    let caught: { code: string; message: string } | undefined;
    try {
      meanSquaredError(tensor([[1], [2], [3]]), tensor([1, 2, 3]));
    } catch (error) {
      caught = error as typeof caught;
    }
    expect(caught!.code).toBe(ShapeError.code);
    expect(caught!.message).toContain('meanSquaredError: targets [3] do not match outputs [3, 1]');
    expect(caught!.message).toContain('reshape the targets to [3, 1]');
    expect(() => meanSquaredError(tensor([1]), tensor([1], { dtype: 'float64' }))).toThrow(
      DTypeError,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, DTypeError, Rng, ShapeError, randn, tensor } from '@deeptune/core';
import type { DType, Tensor } from '@deeptune/core';
import { assertTensorClose } from '@deeptune/core/testing';
import { gradcheck } from '@deeptune/gradcheck';
import { softmaxCrossEntropy } from '../../src/losses/softmax-cross-entropy.js';

/** (softmax(Z) − Y) / m computed independently, in plain JavaScript. */
function closedFormGradient(logits: number[][], oneHot: number[][]): number[][] {
  const m = logits.length;
  return logits.map((row, i) => {
    const top = Math.max(...row);
    const exps = row.map((value) => Math.exp(value - top));
    const total = exps.reduce((a, b) => a + b, 0);
    return exps.map((value, j) => (value / total - oneHot[i]![j]!) / m);
  });
}

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected an error');
}

describe('softmaxCrossEntropy', () => {
  it('matches hand-computed values, averaged over the batch', () => {
    // Row 0: −log(e³ / (e + e² + e³)) = log(1 + e⁻¹ + e⁻²) ≈ 0.407606; row 1: log 3 ≈ 1.098612.
    const logits = tensor(
      [
        [1, 2, 3],
        [0, 0, 0],
      ],
      { dtype: 'float64' },
    );
    const expected = (Math.log(1 + Math.exp(-1) + Math.exp(-2)) + Math.log(3)) / 2;
    expect(softmaxCrossEntropy(logits, tensor([2, 0])).item()).toBeCloseTo(expected, 14);
    expect(softmaxCrossEntropy(logits, tensor([2, 0])).item()).toBeCloseTo(0.7531091, 6);
  });

  it('gives the same loss for class indices and one-hot rows', () => {
    const logits = randn([6, 4], { dtype: 'float64', rng: new Rng(1) });
    const labels = [3, 0, 1, 1, 2, 0];
    const oneHot = labels.map((label) => [0, 1, 2, 3].map((j) => (j === label ? 1 : 0)));
    const a = softmaxCrossEntropy(logits, tensor(labels)).item();
    const b = softmaxCrossEntropy(logits, tensor(oneHot, { dtype: 'float64' })).item();
    expect(a).toBeCloseTo(b, 14);
  });

  it('accepts probability rows (soft labels)', () => {
    const logits = tensor([[1, 2, 3]], { dtype: 'float64' });
    const y = [0.2, 0.3, 0.5];
    const logZ = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    const expected = -(0.2 * (1 - logZ) + 0.3 * (2 - logZ) + 0.5 * (3 - logZ));
    expect(softmaxCrossEntropy(logits, tensor([y], { dtype: 'float64' })).item()).toBeCloseTo(
      expected,
      14,
    );
  });

  it.each<DType>(['float32', 'float64'])('is exact and finite for logits of ±1e4 (%s)', (dtype) => {
    const logits = tensor(
      [
        [1e4, 0, -1e4],
        [0, 1e4, 0],
      ],
      { dtype, requiresGrad: true },
    );
    const loss = softmaxCrossEntropy(logits, tensor([1, 1]));
    expect(loss.item()).toBe(5000); // (1e4 + 0) / 2
    loss.backward();
    assertTensorClose(logits.grad!, [
      [0.5, -0.5, 0],
      [0, 0, 0],
    ]);
  });

  it.each(['indices', 'one-hot'] as const)(
    'back-propagates exactly (softmax(Z) − Y)/m · dJ with %s targets',
    (kind) => {
      const rng = new Rng(5);
      const values = Array.from({ length: 4 }, () =>
        Array.from({ length: 5 }, () => rng.nextFloat() * 6 - 3),
      );
      const labels = [4, 0, 2, 2];
      const oneHot = labels.map((label) => [0, 1, 2, 3, 4].map((j) => (j === label ? 1 : 0)));
      const logits = tensor(values, { dtype: 'float64', requiresGrad: true });
      const targets = kind === 'indices' ? tensor(labels) : tensor(oneHot, { dtype: 'float64' });
      softmaxCrossEntropy(logits, targets).mul(3).backward(); // dJ = 3
      const expected = closedFormGradient(values, oneHot).map((row) => row.map((g) => 3 * g));
      assertTensorClose(logits.grad!, expected, { rtol: 1e-14, atol: 1e-16 });
    },
  );

  it.each(['indices', 'one-hot'] as const)('passes gradcheck with %s targets', (kind) => {
    const rng = new Rng(7);
    const logits = randn([5, 4], { dtype: 'float64', rng, std: 2 });
    const labels = [1, 3, 0, 2, 3];
    const targets: Tensor =
      kind === 'indices'
        ? tensor(labels)
        : tensor(
            labels.map((label) => [0, 1, 2, 3].map((j) => (j === label ? 1 : 0))),
            { dtype: 'float64' },
          );
    const report = gradcheck(() => softmaxCrossEntropy(logits, targets), { logits });
    expect(report.relativeDifference).toBeLessThan(1e-7);
  });

  it('back-propagates into probability targets that require gradients', () => {
    const logits = randn([3, 4], { dtype: 'float64', rng: new Rng(8) });
    const targets = tensor(
      [
        [0.1, 0.2, 0.3, 0.4],
        [0.25, 0.25, 0.25, 0.25],
        [0.7, 0.1, 0.1, 0.1],
      ],
      { dtype: 'float64' },
    );
    const report = gradcheck(() => softmaxCrossEntropy(logits, targets), { logits, targets });
    expect(report.relativeDifference).toBeLessThan(1e-7);
  });

  it('rejects logits that are not [m, classes]', () => {
    const error = errorOf(() => softmaxCrossEntropy(tensor([1, 2, 3]), tensor([0])));
    expect(error.code).toBe(ShapeError.code);
    expect(error.message).toContain('expected logits [m, classes]');
    expect(error.message).toContain('a single example is [1, 3]');
  });

  it('rejects class indices out of range or not integers, and the wrong count', () => {
    const logits = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const outside = errorOf(() => softmaxCrossEntropy(logits, tensor([0, 3])));
    expect(outside.code).toBe(ShapeError.code);
    expect(outside.message).toContain('targets[1] is 3, outside [0, 3)');
    expect(outside.message).toContain('class indices start at 0');
    const fractional = errorOf(() => softmaxCrossEntropy(logits, tensor([0, 1.5])));
    expect(fractional.code).toBe(ConfigError.code);
    expect(fractional.message).toContain('targets[1] is 1.5; class indices must be integers');
    const count = errorOf(() => softmaxCrossEntropy(logits, tensor([0, 1, 2])));
    expect(count.code).toBe(ShapeError.code);
    expect(count.message).toContain('hold 3 class indices but logits [2, 3] have 2 rows');
  });

  it('rejects one-hot targets of another shape or dtype, or rows that are not distributions', () => {
    const logits = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const column = errorOf(() => softmaxCrossEntropy(logits, tensor([[0], [2]])));
    expect(column.code).toBe(ShapeError.code);
    expect(column.message).toContain('targets.reshape([2])');
    expect(() =>
      softmaxCrossEntropy(
        logits,
        tensor(
          [
            [1, 0, 0],
            [0, 1, 0],
          ],
          { dtype: 'float64' },
        ),
      ),
    ).toThrow(DTypeError);
    const multiLabel = errorOf(() =>
      softmaxCrossEntropy(
        logits,
        tensor([
          [1, 0, 0],
          [0, 1, 1],
        ]),
      ),
    );
    expect(multiLabel.code).toBe(ConfigError.code);
    expect(multiLabel.message).toContain('target row 1 sums to 2');
    expect(multiLabel.message).toContain('binaryCrossEntropy');
    const negative = errorOf(() =>
      softmaxCrossEntropy(
        logits,
        tensor([
          [1.5, -0.5, 0],
          [0, 1, 0],
        ]),
      ),
    );
    expect(negative.message).toContain('targets[0][0] is 1.5');
  });
});

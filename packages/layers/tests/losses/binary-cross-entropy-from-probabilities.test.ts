import { describe, expect, it } from 'vitest';
import { ConfigError, DTypeError, Rng, ShapeError, rand, tensor } from '@deeptune/core';
import type { DType } from '@deeptune/core';
import { assertTensorClose } from '@deeptune/core/testing';
import { gradcheck } from '@deeptune/gradcheck';
import { binaryCrossEntropyFromProbabilities } from '../../src/losses/binary-cross-entropy-from-probabilities.js';
import { binaryCrossEntropy } from '../../src/losses/binary-cross-entropy.js';

const f64 = { dtype: 'float64' } as const;

describe('binaryCrossEntropyFromProbabilities', () => {
  it('matches −(1/m) Σ (y log a + (1 − y) log(1 − a)) on known values', () => {
    // Python: a = [0.9, 0.2, 0.5, 0.999, 1e-3], y = [1, 0, 1, 0, 0.25];
    // -sum(t*math.log(x) + (1-t)*math.log1p(-x) for x, t in zip(a, y)) / 5
    // = 1.9314191443019681
    const loss = binaryCrossEntropyFromProbabilities(
      tensor([[0.9], [0.2], [0.5], [0.999], [1e-3]], f64),
      tensor([[1], [0], [1], [0], [0.25]], f64),
    );
    expect(Math.abs(loss.item() - 1.9314191443019681)).toBeLessThan(1e-15);
  });

  it.each<DType>(['float32', 'float64'])(
    'floors each log at −100 as PyTorch BCELoss, so a = 0 and a = 1 stay finite (%s)',
    (dtype) => {
      const probabilities = tensor([[0], [1], [0], [1]], { dtype, requiresGrad: true });
      const targets = tensor([[1], [0], [0], [1]], { dtype });
      const loss = binaryCrossEntropyFromProbabilities(probabilities, targets);
      expect(loss.item()).toBe(50); // (100 + 100 + 0 + 0) / 4
      loss.backward();
      // PyTorch's backward: (a − y) / max(a(1 − a), 1e-12) / N.
      assertTensorClose(probabilities.grad!, [[-2.5e11], [2.5e11], [0], [0]], { rtol: 1e-6 });
    },
  );

  it('has the gradient (a − y) / (a(1 − a)) / N and ∂J/∂y = (log(1 − a) − log a) / N', () => {
    const probabilities = tensor([0.9, 0.2, 0.5, 0.999, 1e-3], { ...f64, requiresGrad: true });
    const targets = tensor([1, 0, 1, 0, 0.25], { ...f64, requiresGrad: true });
    binaryCrossEntropyFromProbabilities(probabilities, targets).backward();
    // Python: [(x - t) / (x * (1 - x)) / 5 for x, t in zip(a, y)]
    assertTensorClose(
      probabilities.grad!,
      [-0.22222222222222224, 0.24999999999999994, -0.4, 199.9999999999998, -49.849849849849846],
    );
    // Python: [(math.log1p(-x) - math.log(x)) / 5 for x in a]
    assertTensorClose(
      targets.grad!,
      [-0.4394449154672439, 0.2772588722239781, 0, -1.3813509557297103, 1.3813509557297106],
    );
  });

  it('equals the logits form applied to σ(z) for moderate logits', () => {
    const logits = tensor([[-3], [-0.5], [0], [0.7], [4]], f64);
    const targets = tensor([[0], [1], [0.3], [1], [0.9]], f64);
    const fromProbabilities = binaryCrossEntropyFromProbabilities(logits.sigmoid(), targets);
    expect(fromProbabilities.item()).toBeCloseTo(binaryCrossEntropy(logits, targets).item(), 14);
  });

  it('passes gradcheck for probabilities and soft targets', () => {
    const rng = new Rng(7);
    const probabilities = rand([6, 2], { ...f64, rng })
      .mul(0.9)
      .add(0.05);
    const targets = rand([6, 2], { ...f64, rng });
    const report = gradcheck(() => binaryCrossEntropyFromProbabilities(probabilities, targets), {
      probabilities,
      targets,
    });
    expect(report.relativeDifference).toBeLessThan(1e-7);
  });

  it('passes gradcheck through a sigmoid output layer', () => {
    const rng = new Rng(8);
    const logits = rand([5, 1], { ...f64, rng })
      .mul(6)
      .sub(3);
    const targets = tensor([[1], [0], [1], [1], [0]], f64);
    const report = gradcheck(() => binaryCrossEntropyFromProbabilities(logits.sigmoid(), targets), {
      logits,
    });
    expect(report.relativeDifference).toBeLessThan(1e-7);
  });

  it('rejects probabilities outside [0, 1], pointing to the logits form', () => {
    let caught: { code: string; message: string } | undefined;
    try {
      binaryCrossEntropyFromProbabilities(tensor([[0.5], [1.5]]), tensor([[1], [0]]));
    } catch (error) {
      caught = error as typeof caught;
    }
    expect(caught!.code).toBe(ConfigError.code);
    expect(caught!.message).toContain('probabilities element 1 is 1.5');
    expect(caught!.message).toContain('use binaryCrossEntropy');
    expect(() =>
      binaryCrossEntropyFromProbabilities(tensor([[Number.NaN]]), tensor([[1]])),
    ).toThrow(ConfigError);
  });

  it('rejects bad targets, shapes that differ and mixed dtypes', () => {
    expect(() =>
      binaryCrossEntropyFromProbabilities(tensor([[0.5], [0.5]]), tensor([[1], [-1]])),
    ).toThrow(/targets element 1 is -1/);
    expect(() =>
      binaryCrossEntropyFromProbabilities(tensor([[0.5], [0.5]]), tensor([1, 0])),
    ).toThrow(ShapeError);
    expect(() => binaryCrossEntropyFromProbabilities(tensor([[0.5]]), tensor([[1]], f64))).toThrow(
      DTypeError,
    );
  });
});

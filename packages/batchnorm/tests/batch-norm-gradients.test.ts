import { Rng, randn, tensor } from '@deeptune/core';
import { checkModel, gradcheck } from '@deeptune/gradcheck';
import { Activation, Dense, Sequential, meanSquaredError } from '@deeptune/layers';
import { describe, expect, it } from 'vitest';
import { BatchNorm } from '../src/index.js';

const deterministicTraining = { training: true, stochastic: false } as const;

/** A float64 batch norm with γ and β away from their initial values, and an 8×5 batch. */
function setup(seed: number): { bn: BatchNorm; x: ReturnType<typeof randn> } {
  const rng = new Rng(seed);
  const bn = new BatchNorm({ features: 5, dtype: 'float64' });
  bn.gamma.data.set(randn([5], { rng, dtype: 'float64', mean: 1, std: 0.5 }).data);
  bn.beta.data.set(randn([5], { rng, dtype: 'float64' }).data);
  const x = randn([8, 5], { rng, dtype: 'float64', mean: 0.3, std: 2 });
  return { bn, x };
}

describe('BatchNorm gradients', () => {
  it('pass gradcheck in training mode for γ, β and the input (tanh(Z̃).sum())', () => {
    const { bn, x } = setup(0);
    const { gamma, beta } = bn;
    const report = gradcheck(() => bn.forward(x, deterministicTraining).tanh().sum(), {
      gamma,
      beta,
      x,
    });
    expect(report.relativeDifference).toBeLessThan(1e-7);
    for (const parameter of report.parameters) {
      expect(parameter.relativeDifference, parameter.name).toBeLessThan(1e-7);
    }
    expect(report.verdict).toBe('great');
    // Every evaluation ran in training mode, so the running averages moved meanwhile.
    expect(bn.batchesTracked.item()).toBeGreaterThan(1);
  });

  it('pass gradcheck on the raw output (random projection), where Σ_i Z̃_ij has zero input gradient', () => {
    const { bn, x } = setup(1);
    const { gamma, beta } = bn;
    const report = gradcheck(() => bn.forward(x, deterministicTraining), { gamma, beta, x });
    expect(report.relativeDifference).toBeLessThan(1e-7);
  });

  it('pass gradcheck in eval mode (running averages are constants)', () => {
    const { bn, x } = setup(2);
    bn.forward(x, deterministicTraining);
    const { gamma, beta } = bn;
    const report = gradcheck(() => bn.forward(x, { training: false }).tanh().sum(), {
      gamma,
      beta,
      x,
    });
    expect(report.relativeDifference).toBeLessThan(1e-7);
  });

  it('give the input gradient of the closed form (1/m)·γ/√(σ²+ε)·(m·dY − ΣdY − Ẑ·Σ(dY·Ẑ))', () => {
    const x = tensor(
      [
        [1, 0],
        [2, 4],
        [3, 4],
        [6, 8],
      ],
      { dtype: 'float64', requiresGrad: true },
    );
    const bn = new BatchNorm({ features: 2, epsilon: 0.1, dtype: 'float64' });
    bn.gamma.data.set([2, -0.5]);
    const dY = tensor(
      [
        [1, -1],
        [0.5, 2],
        [-3, 0],
        [0, 1],
      ],
      { dtype: 'float64' },
    );
    bn.forward(x, deterministicTraining).mul(dY).sum().backward();
    const m = 4;
    const expected: number[][] = [[], [], [], []];
    for (const [j, mu, variance, gamma] of [
      [0, 3, 3.5, 2],
      [1, 4, 8, -0.5],
    ] as const) {
      const inverse = 1 / Math.sqrt(variance + 0.1);
      const xHat = [0, 1, 2, 3].map((i) => (x.get(i, j) - mu) * inverse);
      const dy = [0, 1, 2, 3].map((i) => dY.get(i, j));
      const sumDy = dy.reduce((a, b) => a + b, 0);
      const sumDyXHat = dy.reduce((a, b, i) => a + b * xHat[i]!, 0);
      for (let i = 0; i < m; i++) {
        expected[i]![j] = (gamma * inverse * (m * dy[i]! - sumDy - xHat[i]! * sumDyXHat)) / m;
      }
    }
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < 2; j++) expect(x.grad!.get(i, j)).toBeCloseTo(expected[i]![j]!, 12);
    }
  });

  it('pass checkModel inside a model, which restores the running averages afterwards', () => {
    const rng = new Rng(4);
    const model = new Sequential([
      new Dense({ inputs: 3, units: 5, useBias: false, dtype: 'float64', rng }),
      new BatchNorm({ features: 5, dtype: 'float64' }),
      new Activation('tanh'),
      new Dense({ inputs: 5, units: 2, dtype: 'float64', rng }),
    ]);
    const inputs = randn([8, 3], { rng, dtype: 'float64' });
    const targets = randn([8, 2], { rng, dtype: 'float64' });
    model.forward(inputs); // some running statistics to protect
    const before = model.stateDict();

    const report = checkModel(model, meanSquaredError, { inputs, targets });

    expect(report.relativeDifference).toBeLessThan(1e-7);
    expect(report.parameters.map((p) => p.name)).toContain('batchNorm1.gamma');
    const after = model.stateDict();
    for (const key of [
      'batchNorm1.runningMean',
      'batchNorm1.runningVar',
      'batchNorm1.batchesTracked',
    ]) {
      expect(after[key]!.data, key).toEqual(before[key]!.data);
    }
  });

  it('give a bias before the batch norm a zero gradient (why Dense should use useBias: false)', () => {
    const rng = new Rng(5);
    const dense = new Dense({ inputs: 4, units: 3, dtype: 'float64', rng });
    const bn = new BatchNorm({ features: 3, dtype: 'float64' });
    const x = randn([6, 4], { rng, dtype: 'float64' });
    bn.forward(dense.forward(x)).tanh().sum().backward();
    for (const value of dense.bias!.grad!.data) expect(Math.abs(value)).toBeLessThan(1e-14);
    expect(Math.max(...Array.from(dense.weight.grad!.data, Math.abs))).toBeGreaterThan(1e-3);
  });
});

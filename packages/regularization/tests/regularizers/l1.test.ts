import { describe, expect, it } from 'vitest';
import {
  computeCost,
  ConfigError,
  createRegistry,
  InvalidHyperparameterError,
  Rng,
  randn,
  tensor,
  valueAndGrad,
  type NamedParameter,
  type Tensor,
} from '@deeptune/core';
import { gradcheck } from '@deeptune/gradcheck';
import { l1 } from '../../src/regularizers/l1.js';
import { l2 } from '../../src/regularizers/l2.js';
import { plugin } from '../../src/plugin.js';
import { meanSquaredError } from '@deeptune/layers';
import { TinyNet } from '../support/tiny-model.js';

const weight = (value: Tensor, path = 'w'): NamedParameter => ({ path, value, role: 'weight' });

describe('l1', () => {
  it('gives (λ/m)·Σ|W| over every weight matrix', () => {
    const w1 = tensor([3, -2, 1], { dtype: 'float64' }); // Σ|W1| = 6
    const w2 = tensor([[-0.5, 0.5]], { dtype: 'float64' }); // Σ|W2| = 1
    const penalty = l1({ lambda: 1 }).penalty([weight(w1, 'a'), weight(w2, 'b')], 2);
    expect(penalty.item()).toBe(7 / 2);
  });

  it('penalises only parameters with role weight', () => {
    const parameters: NamedParameter[] = [
      weight(tensor([-1, 2], { dtype: 'float64' })),
      { path: 'b', value: tensor([50], { dtype: 'float64' }), role: 'bias' },
      { path: 'gamma', value: tensor([50], { dtype: 'float64' }), role: 'scale' },
      { path: 'beta', value: tensor([50], { dtype: 'float64' }), role: 'shift' },
    ];
    expect(l1({ lambda: 3 }).penalty(parameters, 1).item()).toBe(9);
  });

  it('has the gradient (λ/m)·sign(W), 0 at W = 0, and 0 for biases', () => {
    const lambda = 0.3;
    const m = 8;
    const w = tensor([2, -0.5, 0, 1e-9, -3], { dtype: 'float64' });
    const b = tensor([4, -4], { dtype: 'float64' });
    const parameters: NamedParameter[] = [weight(w), { path: 'b', value: b, role: 'bias' }];
    const { grads } = valueAndGrad(() => l1({ lambda }).penalty(parameters, m), [w, b]);
    const c = lambda / m;
    expect([...grads[0]!.data]).toEqual([c, -c, 0, c, -c]);
    expect([...grads[1]!.data]).toEqual([0, 0]);
  });

  it('passes a float64 gradient check of data term + L1 away from W = 0', () => {
    const rng = new Rng(21);
    const model = new TinyNet(rng, 3, 4, 1);
    const inputs = randn([5, 3], { rng, dtype: 'float64' });
    const targets = randn([5, 1], { rng, dtype: 'float64' });
    const report = gradcheck(
      () =>
        computeCost({
          model,
          loss: meanSquaredError,
          regularizers: [l1({ lambda: 0.2 }), l2({ lambda: 0.1 })],
          inputs,
          targets,
        }).cost,
      model.parameterRecord,
    );
    expect(report.relativeDifference).toBeLessThan(1e-7);
  });

  it.each([
    [-0.5, 'must be >= 0, got -0.5'],
    [Number.NaN, 'must be a number >= 0, got NaN'],
    [Number.NEGATIVE_INFINITY, 'must be finite, got -Infinity'],
  ])('throws InvalidHyperparameterError for lambda %s', (lambda, problem) => {
    expect(() => l1({ lambda })).toThrow(InvalidHyperparameterError);
    expect(() => l1({ lambda })).toThrow(`regularizer 'l1': option 'lambda' ${problem}`);
  });

  it('throws ConfigError for a missing lambda', () => {
    expect(() => l1({} as { lambda: number })).toThrow(ConfigError);
  });

  it('is created by name from a registry', () => {
    const registry = createRegistry({ plugins: [plugin] });
    const regularizer = registry.create('regularizer', 'l1', { lambda: 2 });
    expect(regularizer.name).toBe('l1');
    expect(regularizer.penalty([weight(tensor([1, -1], { dtype: 'float64' }))], 4).item()).toBe(1);
  });
});

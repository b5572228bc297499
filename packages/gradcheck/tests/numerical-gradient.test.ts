import { describe, expect, it } from 'vitest';
import { GradcheckError, tensor } from '@deeptune/core';
import { numericalGradient } from '../src/index.js';

describe('numericalGradient', () => {
  it('gives 3.0001 for d/dθ θ³ at θ = 1 with ε = 0.01 (two-sided)', () => {
    const theta = tensor([1], { dtype: 'float64' });
    const estimate = numericalGradient((t) => t.pow(3).sum(), theta, { eps: 0.01 }).item();
    expect(estimate).toBeCloseTo(3.0001, 12);
  });

  it('gives 3.0301 with the one-sided difference, a hundred times further from 3', () => {
    const theta = tensor([1], { dtype: 'float64' });
    const estimate = numericalGradient((t) => t.pow(3).sum(), theta, {
      eps: 0.01,
      scheme: 'forward',
    }).item();
    expect(estimate).toBeCloseTo(3.0301, 12);
  });

  it('restores the point after nudging it', () => {
    const x = tensor([0.3, -0.7], { dtype: 'float64' });
    numericalGradient((t) => t.square().sum(), x);
    expect(x.toArray()).toEqual([0.3, -0.7]);
  });

  it('rejects a non-positive ε and non-finite values', () => {
    const x = tensor([1], { dtype: 'float64' });
    expect(() => numericalGradient((t) => t.sum(), x, { eps: 0 })).toThrow(GradcheckError);
    expect(() =>
      numericalGradient((t) => t.log().sum(), tensor([0], { dtype: 'float64' })),
    ).toThrow(/gradient checking needs finite values/);
  });
});

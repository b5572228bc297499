import { describe, expect, it } from 'vitest';
import { createRegistry } from '@deeptune/core';
import type { NamedParameter } from '@deeptune/core';
import fixture from '../fixtures/optimizer-trajectories.json';
import { plugin } from '../../src/plugin.js';
import { sgd } from '../../src/optimizers/sgd.js';
import { momentum } from '../../src/optimizers/momentum.js';
import type { Optimizer } from '../../src/optimizer/optimizer.js';
import { maxAbsDiff, parameter, setGrad } from '../helpers/parameters.js';

const registry = createRegistry({ plugins: [plugin] });

function freshParameters(): NamedParameter[] {
  return fixture.parameters.map((spec) =>
    parameter(spec.path, spec.initial, spec.role as 'weight' | 'bias', 'float64', spec.shape),
  );
}

/** Runs the fixture's 10 gradients through an optimizer; returns the trajectory. */
function run(optimizer: Optimizer, parameters: NamedParameter[]): number[][][] {
  optimizer.addParameters(parameters);
  return fixture.gradients.map((stepGradients) => {
    parameters.forEach((param, i) => setGrad(param, stepGradients[i]!));
    optimizer.step();
    return parameters.map((param) => Array.from(param.value.data));
  });
}

const worstByCase = new Map<string, number>();

describe('trajectories against torch.optim (float64)', () => {
  it('has the fixture provenance', () => {
    expect(fixture.provenance.generator).toBe('scripts/fixtures/optimizers.py');
    expect(fixture.provenance.torch).toMatch(/^\d+\.\d+/);
    expect(fixture.gradients).toHaveLength(10);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s matches to 1e-12', (_, testCase) => {
    const optimizer = registry.create(
      'optimizer',
      testCase.optimizer,
      testCase.options as Record<string, unknown>,
    );
    const trajectory = run(optimizer, freshParameters());
    let worst = 0;
    trajectory.forEach((step, k) =>
      step.forEach((values, i) => {
        worst = Math.max(worst, maxAbsDiff(values, testCase.trajectory[k]![i]!));
      }),
    );
    worstByCase.set(testCase.name, worst);
    expect(worst).toBeLessThanOrEqual(1e-12);
    // The parameters really moved: the comparison is not vacuous.
    expect(maxAbsDiff(trajectory[9]![0]!, fixture.parameters[0]!.initial)).toBeGreaterThan(1e-3);
  });

  it('reports the worst differences', () => {
    console.log(
      [...worstByCase].map(([name, worst]) => `${name}: ${worst.toExponential(2)}`).join('\n'),
    );
    expect(worstByCase.size).toBe(fixture.cases.length);
  });
});

describe('independently derived trajectories', () => {
  // Written from the formulas, not from the implementation: one scalar, ten gradients.
  const w0 = 1.5;
  const gradients = [0.5, -1, 2, 0.25, -0.75, 3, -2, 1, 0.1, -0.3];

  it('sgd: W ← W − α·dW', () => {
    const p = parameter('w', [w0]);
    const optimizer = sgd({ learningRate: 0.1 }).addParameters([p]);
    let expected = w0;
    for (const g of gradients) {
      setGrad(p, [g]);
      optimizer.step();
      expected = expected - 0.1 * g;
      expect(p.value.data[0]).toBe(expected);
    }
  });

  it('momentum (course form): v ← βv + (1 − β)dW, W ← W − αv, v₀ = 0', () => {
    const p = parameter('w', [w0]);
    const optimizer = momentum({ learningRate: 0.5, momentum: 0.9 }).addParameters([p]);
    // Hand-computed first two steps: v₁ = 0.1·0.5 = 0.05, W₁ = 1.5 − 0.025 = 1.475;
    // v₂ = 0.9·0.05 + 0.1·(−1) = −0.055, W₂ = 1.475 + 0.0275 = 1.5025.
    setGrad(p, [gradients[0]!]);
    optimizer.step();
    expect(p.value.data[0]).toBeCloseTo(1.475, 15);
    setGrad(p, [gradients[1]!]);
    optimizer.step();
    expect(p.value.data[0]).toBeCloseTo(1.5025, 15);
    let v = 0;
    let expected = w0;
    const q = parameter('w', [w0]);
    const fresh = momentum({ learningRate: 0.5, momentum: 0.9 }).addParameters([q]);
    for (const g of gradients) {
      setGrad(q, [g]);
      fresh.step();
      v = 0.9 * v + (1 - 0.9) * g;
      expected = expected - 0.5 * v;
      expect(Math.abs(q.value.data[0]! - expected)).toBeLessThanOrEqual(1e-15);
    }
  });

  it('course form with α equals PyTorch form with lr = α·(1 − β)', () => {
    const course = parameter('w', [w0]);
    const pytorch = parameter('w', [w0]);
    const a = momentum({ learningRate: 0.3, momentum: 0.8 }).addParameters([course]);
    const b = momentum({ learningRate: 0.3 * 0.2, momentum: 0.8, form: 'pytorch' }).addParameters([
      pytorch,
    ]);
    for (const g of gradients) {
      setGrad(course, [g]);
      setGrad(pytorch, [g]);
      a.step();
      b.step();
      expect(Math.abs(course.value.data[0]! - pytorch.value.data[0]!)).toBeLessThanOrEqual(1e-14);
    }
  });

  it('course form with Nesterov: W ← W − α(βv + (1 − β)dW) with the updated v', () => {
    const p = parameter('w', [w0]);
    const optimizer = momentum({ learningRate: 0.5, momentum: 0.9, nesterov: true }).addParameters([
      p,
    ]);
    let v = 0;
    let expected = w0;
    for (const g of gradients) {
      setGrad(p, [g]);
      optimizer.step();
      v = 0.9 * v + 0.1 * g;
      expected = expected - 0.5 * (0.9 * v + 0.1 * g);
      expect(Math.abs(p.value.data[0]! - expected)).toBeLessThanOrEqual(1e-15);
    }
  });
});

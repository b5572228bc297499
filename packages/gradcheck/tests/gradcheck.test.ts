import { describe, expect, it } from 'vitest';
import { customOp, GradcheckError, matmul, randn, Rng, sum, type Tensor } from '@deeptune/core';
import { formatGradcheckReport, gradcheck, relativeDifference, verdictOf } from '../src/index.js';

/** A dense layer z = x·W + b whose hand-written backward rule doubles the bias gradient. */
function denseWithBrokenBiasGradient(x: Tensor, w: Tensor, b: Tensor): Tensor {
  return customOp({
    name: 'brokenDense',
    inputs: [x, w, b],
    forward: ([input, weight, bias]) => matmul(input!, weight!).add(bias!),
    backward: (dz, [input, weight]) => [
      matmul(dz, weight!, { transposeB: true }),
      matmul(input!, dz, { transposeA: true }),
      sum(dz, 0).mul(2), // the bug: should be sum(dz, 0)
    ],
  });
}

describe('gradcheck', () => {
  it('reports a correct gradient as great', () => {
    const rng = new Rng(0);
    const w = randn([3, 2], { rng, dtype: 'float64' });
    const b = randn([2], { rng, dtype: 'float64' });
    const x = randn([4, 3], { rng, dtype: 'float64' });
    const report = gradcheck(() => x.matmul(w).add(b).tanh().sum(), { w, b });
    expect(report.verdict).toBe('great');
    expect(report.passed).toBe(true);
    expect(report.relativeDifference).toBeLessThan(1e-7);
    expect(report.parameters.map((p) => p.name)).toEqual(['w', 'b']);
  });

  it('reports a deliberately broken gradient as a bug and locates it in the bias', () => {
    const rng = new Rng(1);
    const x = randn([5, 3], { rng, dtype: 'float64' });
    const w = randn([3, 2], { rng, dtype: 'float64' });
    const b = randn([2], { rng, dtype: 'float64' });
    const report = gradcheck(() => denseWithBrokenBiasGradient(x, w, b).tanh().sum(), { w, b });
    expect(report.verdict).toBe('bug');
    expect(report.passed).toBe(false);
    expect(report.worst.name).toBe('b');
    expect(report.parameters.find((p) => p.name === 'w')!.verdict).toBe('great');
    expect(report.parameters.find((p) => p.name === 'b')!.relativeDifference).toBeCloseTo(1 / 3, 6);
    expect(formatGradcheckReport(report)).toMatch(/^b\s+3\.33e-1\s+bug/m);
  });

  it('throws the formatted report when asked to', () => {
    const rng = new Rng(2);
    const x = randn([2, 3], { rng, dtype: 'float64' });
    const w = randn([3, 2], { rng, dtype: 'float64' });
    const b = randn([2], { rng, dtype: 'float64' });
    expect(() =>
      gradcheck(
        () => denseWithBrokenBiasGradient(x, w, b).sum(),
        { w, b },
        { throwOnFailure: true },
      ),
    ).toThrow(/gradcheck failed:[\s\S]*b\s+.*bug/);
  });

  it('refuses float32 and explains why', () => {
    const w = randn([2, 2]);
    expect(() => gradcheck(() => w.sum(), [w])).toThrow(GradcheckError);
    expect(() => gradcheck(() => w.sum(), [w])).toThrow(/needs float64.*7 significant digits/);
  });

  it('checks non-scalar outputs through a fixed random projection', () => {
    const x = randn([3, 4], { rng: new Rng(3), dtype: 'float64' });
    expect(gradcheck(() => x.sigmoid(), [x]).verdict).toBe('great');
  });
});

describe('relativeDifference and verdictOf', () => {
  it('follow the course thresholds', () => {
    expect(relativeDifference([0, 0], [0, 0])).toBe(0);
    expect(relativeDifference([1, 0], [-1, 0])).toBe(1);
    expect(verdictOf(5e-8)).toBe('great');
    expect(verdictOf(1e-5)).toBe('inspect');
    expect(verdictOf(1e-4)).toBe('suspicious');
    expect(verdictOf(2e-3)).toBe('bug');
    expect(verdictOf(Number.NaN)).toBe('bug');
  });
});

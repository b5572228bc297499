import { describe, expect, it } from 'vitest';
import {
  customOp,
  GradcheckError,
  matmul,
  randn,
  Rng,
  sum,
  valueAndGrad,
  type Tensor,
} from '@deeptune/core';
import {
  formatGradcheckReport,
  gradcheck,
  relativeDifference,
  verdictOf,
  type GradcheckOptions,
} from '../src/index.js';

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

/** A small dense layer with tanh, in float64: x [5, inputs], W [inputs, outputs], b [outputs]. */
function denseProblem(seed: number, inputs: number, outputs: number) {
  const rng = new Rng(seed);
  const x = randn([5, inputs], { rng, dtype: 'float64' });
  const w = randn([inputs, outputs], { rng, dtype: 'float64' });
  const b = randn([outputs], { rng, dtype: 'float64' });
  return { x, w, b, f: () => x.matmul(w).add(b).tanh().sum() };
}

/**
 * Runs gradcheck on `f` while recording every evaluation and, per tensor, the flat indices
 * that differed from their original value during it (the coordinates being nudged).
 */
function recordCheck(
  f: () => Tensor,
  parameters: Record<string, Tensor>,
  options: GradcheckOptions,
) {
  const originals = Object.entries(parameters).map(
    ([name, t]) => [name, t, Float64Array.from(t.data)] as const,
  );
  const nudged: Record<string, number[]> = {};
  for (const [name] of originals) nudged[name] = [];
  let evaluations = 0;
  const report = gradcheck(
    () => {
      evaluations += 1;
      for (const [name, t, original] of originals) {
        for (let i = 0; i < t.size; i++) if (t.data[i] !== original[i]) nudged[name]!.push(i);
      }
      return f();
    },
    parameters,
    options,
  );
  const distinct: Record<string, number[]> = {};
  for (const [name, indices] of Object.entries(nudged)) {
    distinct[name] = [...new Set(indices)].sort((a, b) => a - b);
  }
  return { report, evaluations, nudged, distinct };
}

describe('gradcheck with sample', () => {
  it('checks exactly min(sample, size) distinct coordinates of each tensor', () => {
    const { w, b, f } = denseProblem(10, 8, 6); // W has 48 elements, b 6
    const { report, evaluations, nudged, distinct } = recordCheck(f, { w, b }, { sample: 5 });
    expect(distinct['w']).toHaveLength(5);
    expect(distinct['b']).toHaveLength(5);
    // Each checked coordinate is nudged twice (+ε and −ε), one at a time.
    expect(nudged['w']).toHaveLength(10);
    expect(nudged['b']).toHaveLength(10);
    expect(evaluations).toBe(1 + 2 * 10);
    expect(report.parameters.map((p) => [p.name, p.checked, p.total])).toEqual([
      ['w', 5, 48],
      ['b', 5, 6],
    ]);
    expect([report.checked, report.total]).toEqual([10, 54]);
  });

  it('checks tensors with at most sample elements entirely', () => {
    const { w, b, f } = denseProblem(11, 8, 6);
    const { report, distinct } = recordCheck(f, { w, b }, { sample: 6 });
    expect(distinct['w']).toHaveLength(6);
    expect(distinct['b']).toEqual([0, 1, 2, 3, 4, 5]);
    expect(report.parameters.map((p) => p.checked)).toEqual([6, 6]);
  });

  it('chooses the same coordinates and gives the same report for the same seed', () => {
    const { w, b, f } = denseProblem(12, 8, 6);
    const first = recordCheck(f, { w, b }, { sample: 4, seed: 7 });
    const second = recordCheck(f, { w, b }, { sample: 4, seed: 7 });
    expect(second.distinct).toEqual(first.distinct);
    expect(second.report).toEqual(first.report);
  });

  it('chooses different coordinates for a different seed', () => {
    const { w, b, f } = denseProblem(12, 8, 6);
    const first = recordCheck(f, { w, b }, { sample: 4, seed: 7 });
    const second = recordCheck(f, { w, b }, { sample: 4, seed: 8 });
    expect(second.distinct['w']).not.toEqual(first.distinct['w']);
  });

  it('chooses pinned coordinates for seed 0, the same on every platform', () => {
    const { w, b, f } = denseProblem(13, 8, 6);
    const { distinct } = recordCheck(f, { w, b }, { sample: 3 });
    expect(distinct).toEqual(PINNED_SEED_0);
  });

  it('still finds a wrong bias gradient as a bug in a sampled check', () => {
    const rng = new Rng(14);
    const x = randn([5, 30], { rng, dtype: 'float64' });
    const w = randn([30, 20], { rng, dtype: 'float64' });
    const b = randn([20], { rng, dtype: 'float64' });
    const report = gradcheck(
      () => denseWithBrokenBiasGradient(x, w, b).tanh().sum(),
      { w, b },
      {
        sample: 4,
      },
    );
    expect([report.checked, report.total]).toEqual([8, 620]);
    expect(report.verdict).toBe('bug');
    expect(report.worst.name).toBe('b');
    expect(report.parameters.find((p) => p.name === 'w')!.verdict).toBe('great');
    expect(report.parameters.find((p) => p.name === 'b')!.relativeDifference).toBeCloseTo(1 / 3, 6);
  });

  it('reports a correct gradient as great when sampled', () => {
    const { w, b, f } = denseProblem(15, 40, 25); // 1,025 coordinates
    const report = gradcheck(f, { w, b }, { sample: 10 });
    expect(report.checked).toBe(20);
    expect(report.verdict).toBe('great');
    expect(report.passed).toBe(true);
  });

  it('gives the worst element as a multi-index into the full tensor', () => {
    const { w, b, f } = denseProblem(16, 8, 6);
    const { report, distinct } = recordCheck(f, { w, b }, { sample: 3 });
    const { grads } = valueAndGrad(f, [w, b]);
    const worstW = report.parameters[0]!;
    const flat = worstW.worstIndex[0]! * 6 + worstW.worstIndex[1]!;
    expect(distinct['w']).toContain(flat);
    expect(worstW.analytic).toBe(grads[0]!.data[flat]);
  });

  it('gives the unsampled report when sample covers every tensor', () => {
    const { w, b, f } = denseProblem(17, 3, 2);
    const unsampled = gradcheck(f, { w, b });
    expect(gradcheck(f, { w, b }, { sample: 6 })).toEqual(unsampled);
    expect(gradcheck(f, { w, b }, { sample: 1000 })).toEqual(unsampled);
  });

  it('fills checked and total without sample, and leaves sampling out of the table', () => {
    const { w, b, f } = denseProblem(18, 3, 2);
    const report = gradcheck(f, { w, b });
    expect([report.checked, report.total]).toEqual([8, 8]);
    expect(report.parameters.map((p) => [p.checked, p.total])).toEqual([
      [6, 6],
      [2, 2],
    ]);
    expect(formatGradcheckReport(report)).not.toMatch(/checked/);
  });

  it('says in the table how many coordinates were checked', () => {
    const { w, b, f } = denseProblem(19, 1000, 2); // W has 2,000 elements
    const text = formatGradcheckReport(gradcheck(f, { w, b }, { sample: 3 }));
    expect(text).toMatch(/^relative difference .*, checked 5 of 2,002 coordinates\)$/m);
    expect(text).toMatch(/^w .*\(checked 3 of 2,000\)$/m);
    expect(text).toMatch(/^b .*\]: \S+ vs \S+$/m);
  });

  it.each([0, 1.5, -1, Number.NaN, Number.POSITIVE_INFINITY, '3'])(
    'rejects sample = %s, naming the option and the value',
    (sample) => {
      const { w, f } = denseProblem(20, 3, 2);
      const options = { sample } as unknown as GradcheckOptions;
      let error: unknown;
      try {
        gradcheck(f, { w }, options);
      } catch (caught) {
        error = caught;
      }
      expect(GradcheckError.isInstance(error)).toBe(true);
      expect((error as GradcheckError).code).toBe('GRADCHECK_FAILED');
      const shown = typeof sample === 'string' ? "'3'" : String(sample);
      expect((error as Error).message).toContain('gradcheck: sample must be an integer ≥ 1');
      expect((error as Error).message).toContain(`got ${shown}.`);
    },
  );
});

/** The coordinates `{ sample: 3 }` with the default seed chooses in a [8, 6] and a [6] tensor. */
const PINNED_SEED_0 = { w: [18, 23, 26], b: [2, 3, 5] };

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

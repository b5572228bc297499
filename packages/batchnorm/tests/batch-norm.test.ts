import {
  ConfigError,
  DTypeError,
  InvalidHyperparameterError,
  Rng,
  ShapeError,
  noGrad,
  randn,
  tensor,
  type Tensor,
} from '@deeptune/core';
import { assertTensorClose } from '@deeptune/core/testing';
import { Sequential } from '@deeptune/layers';
import { describe, expect, it } from 'vitest';
import { BatchNorm, type BatchNormOptions } from '../src/index.js';

const f64 = { dtype: 'float64' } as const;

/** Z: 4 examples × 2 features. Feature 0 = [1, 2, 3, 6]: μ = 3, Σ(Z − μ)² = 14, σ² = 14/4 = 3.5.
 *  Feature 1 = [0, 4, 4, 8]: μ = 4, Σ(Z − μ)² = 32, σ² = 32/4 = 8. */
const Z = [
  [1, 0],
  [2, 4],
  [3, 4],
  [6, 8],
];

function columns(t: Tensor): number[][] {
  const [m, n] = t.shape as [number, number];
  return Array.from({ length: n }, (_, j) => Array.from({ length: m }, (_, i) => t.get(i, j)));
}
const meanOf = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const biasedVarianceOf = (values: number[]): number => {
  const mu = meanOf(values);
  return meanOf(values.map((v) => (v - mu) ** 2));
};

function expectCode(fn: () => unknown, code: string, ...substrings: string[]): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(Error);
  expect((caught as { code?: string }).code).toBe(code);
  for (const substring of substrings) expect((caught as Error).message).toContain(substring);
}

describe('BatchNorm', () => {
  describe('training mode', () => {
    it('normalises each feature with the batch mean and the 1/m variance (hand-computed)', () => {
      const bn = new BatchNorm({ features: 2, dtype: 'float64' });
      const output = bn.forward(tensor(Z, f64), { training: true });
      const s0 = Math.sqrt(3.5 + 1e-5);
      const s1 = Math.sqrt(8 + 1e-5);
      assertTensorClose(output, [
        [-2 / s0, -4 / s1],
        [-1 / s0, 0 / s1],
        [0 / s0, 0 / s1],
        [3 / s0, 4 / s1],
      ]);
    });

    it('gives each feature mean 0 and (1/m) variance σ²/(σ² + ε) when γ = 1, β = 0', () => {
      const bn = new BatchNorm({ features: 2, epsilon: 0.5, dtype: 'float64' });
      const [feature0, feature1] = columns(bn.forward(tensor(Z, f64), { training: true }));
      expect(meanOf(feature0!)).toBeCloseTo(0, 14);
      expect(meanOf(feature1!)).toBeCloseTo(0, 14);
      expect(biasedVarianceOf(feature0!)).toBeCloseTo(3.5 / (3.5 + 0.5), 14); // 0.875
      expect(biasedVarianceOf(feature1!)).toBeCloseTo(8 / (8 + 0.5), 14);
    });

    it('scales by γ and shifts by β after normalising', () => {
      const bn = new BatchNorm({ features: 2, dtype: 'float64' });
      bn.gamma.data.set([2, -0.5]);
      bn.beta.data.set([0.25, 3]);
      const output = bn.forward(tensor(Z, f64), { training: true });
      const s0 = Math.sqrt(3.5 + 1e-5);
      const s1 = Math.sqrt(8 + 1e-5);
      assertTensorClose(
        output,
        Z.map(([a, b]) => [2 * ((a! - 3) / s0) + 0.25, -0.5 * ((b! - 4) / s1) + 3]),
      );
    });

    it('updates the running averages as hand-computed exponentially weighted averages', () => {
      const bn = new BatchNorm({ features: 2, dtype: 'float64' });
      bn.forward(tensor(Z, f64), { training: true });
      // Batch 1: μ = [3, 4], unbiased variance = [14/3, 32/3]; decay 0.9 from 0 and 1.
      assertTensorClose(bn.runningMean, [0.1 * 3, 0.1 * 4]);
      assertTensorClose(bn.runningVar, [0.9 + (0.1 * 14) / 3, 0.9 + (0.1 * 32) / 3]);
      expect(bn.batchesTracked.item()).toBe(1);
    });

    it('keeps the EWMA over k batches of different sizes, with the unbiased variance', () => {
      const decay = 0.75;
      const bn = new BatchNorm({ features: 3, runningAverageDecay: decay, dtype: 'float64' });
      const rng = new Rng(7);
      let mean = [0, 0, 0];
      let variance = [1, 1, 1];
      for (const m of [2, 5, 3, 8]) {
        const batch = randn([m, 3], { rng, dtype: 'float64', mean: 2, std: 3 });
        bn.forward(batch, { training: true });
        const cols = columns(batch);
        mean = mean.map((r, j) => decay * r + (1 - decay) * meanOf(cols[j]!));
        variance = variance.map(
          (r, j) => decay * r + (1 - decay) * ((biasedVarianceOf(cols[j]!) * m) / (m - 1)),
        );
      }
      assertTensorClose(bn.runningMean, mean, { rtol: 1e-12, atol: 1e-12 });
      assertTensorClose(bn.runningVar, variance, { rtol: 1e-12, atol: 1e-12 });
      expect(bn.batchesTracked.item()).toBe(4);
    });

    it('with runningAverageDecay 0 keeps exactly the last batch statistics', () => {
      const bn = new BatchNorm({ features: 2, runningAverageDecay: 0, dtype: 'float64' });
      bn.forward(tensor(Z, f64), { training: true });
      assertTensorClose(bn.runningMean, [3, 4]);
      assertTensorClose(bn.runningVar, [14 / 3, 32 / 3]);
    });

    it("with runningVariance 'biased' averages the 1/m batch variance (the course, Keras)", () => {
      const bn = new BatchNorm({ features: 2, runningVariance: 'biased', dtype: 'float64' });
      bn.forward(tensor(Z, f64), { training: true });
      // Batch 1: μ = [3, 4], biased variance σ² = [14/4, 32/4] = [3.5, 8]; decay 0.9 from 1:
      // 0.9·1 + 0.1·3.5 = 1.25 and 0.9·1 + 0.1·8 = 1.7.
      assertTensorClose(bn.runningMean, [0.3, 0.4]);
      assertTensorClose(bn.runningVar, [1.25, 1.7]);
      const last = new BatchNorm({
        features: 2,
        runningAverageDecay: 0,
        runningVariance: 'biased',
        dtype: 'float64',
      });
      last.forward(tensor(Z, f64), { training: true });
      assertTensorClose(last.runningVar, [3.5, 8]);
    });

    it("keeps the EWMA of the biased variance over k batches with runningVariance 'biased'", () => {
      const decay = 0.75;
      const bn = new BatchNorm({
        features: 3,
        runningAverageDecay: decay,
        runningVariance: 'biased',
        dtype: 'float64',
      });
      const rng = new Rng(7);
      let variance = [1, 1, 1];
      for (const m of [2, 5, 3, 8]) {
        const batch = randn([m, 3], { rng, dtype: 'float64', mean: 2, std: 3 });
        bn.forward(batch, { training: true });
        const cols = columns(batch);
        variance = variance.map((r, j) => decay * r + (1 - decay) * biasedVarianceOf(cols[j]!));
      }
      assertTensorClose(bn.runningVar, variance, { rtol: 1e-12, atol: 1e-12 });
    });

    it('gives the same training outputs whichever running variance it keeps', () => {
      const unbiased = new BatchNorm({ features: 2, dtype: 'float64' });
      const biased = new BatchNorm({ features: 2, runningVariance: 'biased', dtype: 'float64' });
      expect(unbiased.runningVariance).toBe('unbiased');
      const a = unbiased.forward(tensor(Z, f64), { training: true });
      const b = biased.forward(tensor(Z, f64), { training: true });
      expect(Array.from(b.data)).toEqual(Array.from(a.data));
    });

    it('updates the running averages also when stochastic is false and under noGrad', () => {
      const bn = new BatchNorm({ features: 2, dtype: 'float64' });
      bn.forward(tensor(Z, f64), { training: true, stochastic: false });
      noGrad(() => bn.forward(tensor(Z, f64), { training: true }));
      expect(bn.batchesTracked.item()).toBe(2);
    });

    it('does not change the running averages in eval mode', () => {
      const bn = new BatchNorm({ features: 2, dtype: 'float64' });
      bn.forward(tensor(Z, f64), { training: true });
      const before = bn.stateDict();
      bn.eval().forward(tensor(Z, f64));
      bn.forward(tensor(Z, f64), { training: false });
      expect(bn.runningMean.data).toEqual(before['runningMean']!.data);
      expect(bn.runningVar.data).toEqual(before['runningVar']!.data);
      expect(bn.batchesTracked.item()).toBe(1);
    });
  });

  describe('eval mode', () => {
    function trained(): BatchNorm {
      const bn = new BatchNorm({ features: 3, runningAverageDecay: 0.8, dtype: 'float64' });
      const rng = new Rng(1);
      for (let k = 0; k < 5; k++) {
        bn.forward(randn([16, 3], { rng, dtype: 'float64', mean: 1, std: 2 }), { training: true });
      }
      bn.gamma.data.set([1.5, -2, 0.5]);
      bn.beta.data.set([0.1, 0.2, -0.3]);
      return bn;
    }

    it('runs ONE example with the running averages: (z − runningMean)/√(runningVar + ε)·γ + β', () => {
      const bn = trained().eval();
      const z = [0.7, -1.2, 3.4];
      const output = bn.forward(tensor([z], f64));
      const [rm, rv, gamma, beta] = [bn.runningMean, bn.runningVar, bn.gamma, bn.beta].map((t) =>
        Array.from(t.data),
      );
      const expected = z.map(
        (value, j) => ((value - rm![j]!) / Math.sqrt(rv![j]! + 1e-5)) * gamma![j]! + beta![j]!,
      );
      assertTensorClose(output, [expected]);
    });

    it('gives each example the same output whatever else is in its batch', () => {
      const bn = trained().eval();
      const alone = bn.forward(tensor([[0.7, -1.2, 3.4]], f64));
      const inBatch = bn.forward(
        tensor(
          [
            [0.7, -1.2, 3.4],
            [9, 9, 9],
          ],
          f64,
        ),
      );
      expect(Array.from(inBatch.data.slice(0, 3))).toEqual(Array.from(alone.data));
    });

    it('differs from training mode on the same batch', () => {
      const bn = trained();
      const batch = tensor(
        Z.map(([a, b]) => [a!, b!, a! - b!]),
        f64,
      );
      const evalOutput = bn.forward(batch, { training: false });
      const trainOutput = bn.forward(batch, { training: true });
      const largestGap = Math.max(
        ...Array.from(trainOutput.data, (value, i) => Math.abs(value - evalOutput.data[i]!)),
      );
      expect(largestGap).toBeGreaterThan(0.1);
    });

    it('before any training, uses running mean 0 and variance 1', () => {
      const bn = new BatchNorm({ features: 2, dtype: 'float64' }).eval();
      assertTensorClose(bn.forward(tensor([[2, -4]], f64)), [
        [2 / Math.sqrt(1 + 1e-5), -4 / Math.sqrt(1 + 1e-5)],
      ]);
      expect(bn.batchesTracked.item()).toBe(0);
    });

    it('lets gradients reach γ and β (fine-tuning in eval mode)', () => {
      const bn = trained().eval();
      bn.forward(tensor([[0.7, -1.2, 3.4]], f64))
        .sum()
        .backward();
      expect(bn.beta.grad?.toArray()).toEqual([1, 1, 1]);
      expect(bn.gamma.grad).not.toBeNull();
    });
  });

  describe('state', () => {
    it('has γ (role scale) and β (role shift) as parameters, running statistics as buffers', () => {
      const bn = new BatchNorm({ features: 4 });
      expect(bn.namedParameters().map((p) => `${p.path}:${p.role}`)).toEqual([
        'gamma:scale',
        'beta:shift',
      ]);
      expect(bn.namedBuffers().map((b) => `${b.path}:${String(b.persistent)}`)).toEqual([
        'runningMean:true',
        'runningVar:true',
        'batchesTracked:true',
      ]);
      expect(bn.parameterCount()).toBe(8);
      expect(Array.from(bn.gamma.data)).toEqual([1, 1, 1, 1]);
      expect(Array.from(bn.beta.data)).toEqual([0, 0, 0, 0]);
      expect(Array.from(bn.runningMean.data)).toEqual([0, 0, 0, 0]);
      expect(Array.from(bn.runningVar.data)).toEqual([1, 1, 1, 1]);
      expect(bn.runningMean.requiresGrad).toBe(false);
    });

    it('uses the dtype for parameters and running averages, float64 for batchesTracked', () => {
      const bn = new BatchNorm({ features: 2 });
      expect([bn.gamma, bn.beta, bn.runningMean, bn.runningVar].map((t) => t.dtype)).toEqual([
        'float32',
        'float32',
        'float32',
        'float32',
      ]);
      expect(bn.batchesTracked.dtype).toBe('float64');
      expect(bn.batchesTracked.shape).toEqual([]);
    });

    it('round-trips stateDict() bit-exactly into a fresh BatchNorm, with identical eval outputs', () => {
      const options: BatchNormOptions = { features: 5, runningAverageDecay: 0.7 };
      const source = new BatchNorm(options);
      const rng = new Rng(3);
      for (let k = 0; k < 3; k++) source.forward(randn([8, 5], { rng, mean: 0.5, std: 1.7 }));
      noGrad(() => {
        source.gamma.data.set(randn([5], { rng }).data);
        source.beta.data.set(randn([5], { rng }).data);
      });
      const saved = source.stateDict();
      expect(Object.keys(saved)).toEqual([
        'gamma',
        'beta',
        'runningMean',
        'runningVar',
        'batchesTracked',
      ]);

      const restored = new BatchNorm(options);
      restored.loadStateDict(saved);
      for (const [key, value] of Object.entries(source.stateDict())) {
        expect(restored.stateDict()[key]!.data, key).toEqual(value.data);
      }
      const probe = randn([4, 5], { rng });
      expect(restored.eval().forward(probe).data).toEqual(source.eval().forward(probe).data);
    });

    it('is saved under the layer path inside a Sequential (batchNorm1.runningMean)', () => {
      const model = new Sequential([
        new BatchNorm({ features: 3 }),
        new BatchNorm({ features: 3 }),
      ]);
      expect(Object.keys(model.stateDict())).toEqual([
        'batchNorm1.gamma',
        'batchNorm1.beta',
        'batchNorm2.gamma',
        'batchNorm2.beta',
        'batchNorm1.runningMean',
        'batchNorm1.runningVar',
        'batchNorm1.batchesTracked',
        'batchNorm2.runningMean',
        'batchNorm2.runningVar',
        'batchNorm2.batchesTracked',
      ]);
    });
  });

  describe('describe()', () => {
    it("shows '128 features, decay 0.9'", () => {
      expect(new BatchNorm({ features: 128 }).describe()).toBe('128 features, decay 0.9');
      expect(new BatchNorm({ features: 16, runningAverageDecay: 0.99 }).describe()).toBe(
        '16 features, decay 0.99',
      );
    });

    it("adds ', biased running variance' when runningVariance is 'biased'", () => {
      expect(new BatchNorm({ features: 8, runningVariance: 'biased' }).describe()).toBe(
        '8 features, decay 0.9, biased running variance',
      );
    });

    it('appears in a model summary, which probes one example in eval mode', () => {
      const model = new Sequential([new BatchNorm({ features: 128 })]);
      expect(model.summary([128])).toContain('BatchNorm(128 features, decay 0.9)');
    });
  });

  describe('validation', () => {
    const where = "layer 'batch-norm': ";
    const configErrors: [Record<string, unknown>, ...string[]][] = [
      [{ features: '128' }, "option 'features' must be an integer >= 1", "got '128' (a string)"],
      [{}, "option 'features' is required (an integer >= 1), but it was not given"],
      [{ features: 4, dtype: 'float16' }, "option 'dtype' must be one of 'float32', 'float64'"],
      [{ features: 4, momentum: 0.1 }, "unknown option 'momentum'", '1 − m (0.1 → 0.9)'],
      [{ features: 4, eps: 1e-3 }, "unknown option 'eps'", 'did you mean epsilon?'],
      [
        { features: 4, runningVariance: 'population' },
        "option 'runningVariance' must be one of 'unbiased', 'biased'",
        "got 'population'",
      ],
    ];
    it.each(configErrors)('rejects %j with a ConfigError', (options, ...substrings) => {
      expectCode(
        () => new BatchNorm(options as unknown as BatchNormOptions),
        ConfigError.code,
        where,
        ...substrings,
      );
    });

    it('rejects a missing options object with a ConfigError', () => {
      expectCode(
        () => new BatchNorm(null as unknown as BatchNormOptions),
        ConfigError.code,
        `${where}options must be a plain object, got null`,
      );
    });

    it.each([
      [0, 'must be an integer >= 1, got 0'],
      [1.5, 'must be an integer >= 1, got 1.5'],
    ])('rejects features %s with an InvalidHyperparameterError', (features, problem) => {
      expectCode(
        () => new BatchNorm({ features }),
        InvalidHyperparameterError.code,
        `${where}option 'features' ${problem}`,
      );
    });

    it.each([
      [1.5, 'must be in [0, 1), got 1.5'],
      [1, 'must be in [0, 1), got 1'],
      [-0.1, 'must be in [0, 1), got -0.1'],
      [Number.NaN, 'must be a number in [0, 1), got NaN'],
    ])(
      'rejects runningAverageDecay %s with an InvalidHyperparameterError',
      (runningAverageDecay, problem) => {
        expectCode(
          () => new BatchNorm({ features: 4, runningAverageDecay }),
          InvalidHyperparameterError.code,
          `${where}option 'runningAverageDecay' ${problem}`,
        );
      },
    );

    it.each([
      [0, 'must be > 0, got 0'],
      [-1e-5, 'must be > 0, got -0.00001'],
      [Number.NaN, 'must be a number > 0, got NaN'],
      [Number.POSITIVE_INFINITY, 'must be finite, got Infinity'],
    ])('rejects epsilon %s with an InvalidHyperparameterError', (epsilon, problem) => {
      expectCode(
        () => new BatchNorm({ features: 4, epsilon }),
        InvalidHyperparameterError.code,
        `${where}option 'epsilon' ${problem}`,
      );
    });

    it('accepts the boundaries runningAverageDecay 0 and a tiny epsilon', () => {
      const bn = new BatchNorm({ features: 1, runningAverageDecay: 0, epsilon: 1e-12 });
      expect([bn.runningAverageDecay, bn.epsilon]).toEqual([0, 1e-12]);
    });

    it('rejects an input with the wrong number of features with a ShapeError', () => {
      const bn = new BatchNorm({ features: 128 });
      expectCode(
        () => bn.forward(randn([32, 64])),
        ShapeError.code,
        'BatchNorm (128 features, decay 0.9): expected input [m, 128], got [32, 64]',
      );
    });

    it('rejects an input that is not batch-first [m, features], with a hint for one example', () => {
      const bn = new BatchNorm({ features: 3 });
      expectCode(
        () => bn.forward(randn([3])),
        ShapeError.code,
        'expected input [m, 3], got [3]',
        'a single example is [1, 3]',
      );
      expectCode(() => bn.forward(randn([2, 4, 3])), ShapeError.code, 'got [2, 4, 3]');
    });

    it('rejects a batch of one example in training mode and suggests eval()', () => {
      const bn = new BatchNorm({ features: 3 });
      expectCode(
        () => bn.forward(randn([1, 3]), { training: true }),
        ShapeError.code,
        'expected more than 1 example per batch in training mode, got input [1, 3]',
        'eval()',
      );
      expect(bn.batchesTracked.item()).toBe(0);
      expect(bn.forward(randn([1, 3]), { training: false }).shape).toEqual([1, 3]);
    });

    it('rejects an input whose dtype differs from the layer with a DTypeError', () => {
      const bn = new BatchNorm({ features: 2 });
      expectCode(
        () => bn.forward(tensor(Z, f64)),
        DTypeError.code,
        'BatchNorm (2 features, decay 0.9): input is float64 but the layer is float32',
      );
    });
  });
});

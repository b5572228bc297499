import { describe, expect, it } from 'vitest';
import {
  ACTIVATION_NAMES,
  BatchNorm,
  Dense,
  Dropout,
  Rng,
  Sequential,
  binaryCrossEntropy,
  checkModel,
  l2,
  meanSquaredError,
  randn,
  softmaxCrossEntropy,
  uniform,
  type Loss,
} from '../src/index.js';
import { blobs, gradientDescent } from './support.js';

/**
 * The acceptance cases of the building blocks: whole models checked with `checkModel` in
 * float64, each below a relative difference of 1e-7.
 */
const f64 = 'float64' as const;

function mlp(
  rng: Rng,
  options: { batchNorm?: boolean; dropout?: boolean; activation?: 'relu' | 'tanh' } = {},
): Sequential {
  const activation = options.activation ?? 'tanh';
  const hidden = (inputs: number, units: number) =>
    options.batchNorm
      ? [
          new Dense({ inputs, units, useBias: false, dtype: f64, rng }),
          new BatchNorm({ features: units, dtype: f64 }),
          new Dense({ inputs: units, units, activation, dtype: f64, rng }),
        ]
      : [new Dense({ inputs, units, activation, dtype: f64, rng })];
  return new Sequential([
    ...hidden(4, 6),
    ...(options.dropout ? [new Dropout({ keepProb: 0.5, rng })] : []),
    ...hidden(6, 5),
    new Dense({ inputs: 5, units: 3, dtype: f64, rng }),
  ]);
}

describe('checkModel on deeptune models (float64)', () => {
  it.each(ACTIVATION_NAMES.map((name) => [name]))(
    'checks a Dense layer with %s activation',
    (activation) => {
      const rng = new Rng(10);
      const dense = new Dense({ inputs: 3, units: 4, activation, dtype: f64, rng });
      const model = new Sequential([dense]);
      const inputs = randn([6, 3], { dtype: f64, rng });
      const targets = randn([6, 4], { dtype: f64, rng });
      // Pre-activations of both signs, none within 1e-3 of ReLU's kink at 0 (ε is 1e-7).
      const z = inputs.matmul(dense.weight).add(dense.bias!);
      expect(z.min().item()).toBeLessThan(0);
      expect(z.max().item()).toBeGreaterThan(0);
      expect(z.abs().min().item()).toBeGreaterThan(1e-3);
      const report = checkModel(model, meanSquaredError, { inputs, targets });
      expect(report.relativeDifference).toBeLessThan(1e-7);
    },
  );

  it('checks a 3-layer MLP with L2 and softmax cross-entropy, per parameter path', () => {
    const rng = new Rng(11);
    const { inputs, labels } = blobs(12, 4, rng);
    const model = mlp(rng);
    const report = checkModel(
      model,
      softmaxCrossEntropy,
      { inputs, targets: labels },
      { regularizers: [l2({ lambda: 0.7 })] },
    );
    expect(report.parameters.map((p) => p.name)).toEqual([
      'dense1.weight',
      'dense1.bias',
      'dense2.weight',
      'dense2.bias',
      'dense3.weight',
      'dense3.bias',
    ]);
    expect(report.relativeDifference).toBeLessThan(1e-7);
  });

  it('checks the same MLP with batch norm, and restores its running averages', () => {
    const rng = new Rng(12);
    const { inputs, labels } = blobs(12, 4, rng);
    const model = mlp(rng, { batchNorm: true });
    const before = model.stateDict();
    const report = checkModel(
      model,
      softmaxCrossEntropy,
      { inputs, targets: labels },
      { regularizers: [l2({ lambda: 0.7 })] },
    );
    expect(report.relativeDifference).toBeLessThan(1e-7);
    expect(report.parameters.map((p) => p.name)).toContain('batchNorm1.gamma');
    const after = model.stateDict();
    for (const key of Object.keys(before))
      expect(Array.from(after[key]!.data)).toEqual(Array.from(before[key]!.data));
  });

  it('switches dropout off by itself, without editing the model', () => {
    const rng = new Rng(13);
    const { inputs, labels } = blobs(10, 4, rng);
    const report = checkModel(mlp(rng, { dropout: true }), softmaxCrossEntropy, {
      inputs,
      targets: labels,
    });
    expect(report.relativeDifference).toBeLessThan(1e-7);
  });

  it.each<[string, Loss, (rng: Rng) => ReturnType<typeof randn>]>([
    ['softmax cross-entropy', softmaxCrossEntropy, (rng) => blobs(8, 4, rng).labels],
    [
      'binary cross-entropy',
      binaryCrossEntropy,
      (rng) => uniform([8, 3], 0, 1, { dtype: f64, rng }),
    ],
    ['mean squared error', meanSquaredError, (rng) => randn([8, 3], { dtype: f64, rng })],
  ])('checks the %s loss through a model', (_name, loss, makeTargets) => {
    const rng = new Rng(14);
    const inputs = randn([8, 4], { dtype: f64, rng });
    const targets = makeTargets(rng);
    const report = checkModel(mlp(rng), loss, { inputs, targets });
    expect(report.relativeDifference).toBeLessThan(1e-7);
  });

  it('checks again after 50 training steps', () => {
    const rng = new Rng(15);
    const { inputs, labels } = blobs(16, 4, rng);
    const model = mlp(rng, { batchNorm: true });
    const regularizers = [l2({ lambda: 0.1 })];
    const atInit = checkModel(
      model,
      softmaxCrossEntropy,
      { inputs, targets: labels },
      { regularizers },
    );
    gradientDescent(model, softmaxCrossEntropy, inputs, labels, {
      learningRate: 0.1,
      steps: 50,
      regularizers,
    });
    const afterTraining = checkModel(
      model,
      softmaxCrossEntropy,
      { inputs, targets: labels },
      { regularizers },
    );
    expect(atInit.relativeDifference).toBeLessThan(1e-7);
    expect(afterTraining.relativeDifference).toBeLessThan(1e-7);
  });
});

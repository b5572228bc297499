import { describe, expect, it } from 'vitest';
import { Rng, randn, tensor } from '@deeptune/core';
import { gradcheck } from '@deeptune/gradcheck';
import { Dense } from '../../src/layers/dense.js';
import { Sequential } from '../../src/module/sequential.js';
import { softmaxCrossEntropy } from '../../src/losses/softmax-cross-entropy.js';

describe('Sequential of Dense layers', () => {
  it('passes gradcheck for a 3-layer MLP (relu, tanh) with softmax cross-entropy', () => {
    const rng = new Rng(21);
    const model = new Sequential([
      new Dense({ inputs: 5, units: 8, activation: 'relu', dtype: 'float64', rng }),
      new Dense({ inputs: 8, units: 6, activation: 'tanh', dtype: 'float64', rng }),
      new Dense({ inputs: 6, units: 4, dtype: 'float64', rng }),
    ]);
    for (const parameter of model.parameters()) {
      if (parameter.rank === 1)
        parameter.data.set(randn(parameter.shape, { dtype: 'float64', rng, std: 0.1 }).data);
    }
    const inputs = randn([7, 5], { dtype: 'float64', rng });
    const labels = tensor([0, 3, 1, 2, 2, 0, 1]);
    // Away from the ReLU kink: no first-layer pre-activation within 1e-3 of 0 for this seed.
    const [first] = model.layers as [Dense];
    const z = inputs.matmul(first.weight).add(first.bias!);
    expect(
      Array.from(z.data).reduce((least, value) => Math.min(least, Math.abs(value)), Infinity),
    ).toBeGreaterThan(1e-3);
    const parameters = Object.fromEntries(model.namedParameters().map((p) => [p.path, p.value]));
    const report = gradcheck(() => softmaxCrossEntropy(model.forward(inputs), labels), parameters);
    expect(report.parameters.map((p) => p.name)).toEqual([
      'dense1.weight',
      'dense1.bias',
      'dense2.weight',
      'dense2.bias',
      'dense3.weight',
      'dense3.bias',
    ]);
    expect(report.relativeDifference).toBeLessThan(1e-7);
    expect(report.verdict).toBe('great');
  });
});

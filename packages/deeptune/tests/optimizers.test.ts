import { describe, expect, it } from 'vitest';
import {
  BatchNorm,
  Dense,
  Rng,
  Sequential,
  adam,
  computeCost,
  createDefaultRegistry,
  l2,
  softmaxCrossEntropy,
} from '../src/index.js';
import { blobs, evaluate } from './support.js';

describe('optimizers on deeptune models', () => {
  it('trains a batch-normalized network with Adam, weight decay exempting biases and γ/β', () => {
    const rng = new Rng(31);
    const all = blobs(300, 6, rng, 'float32');
    const train = { inputs: all.inputs.slice(0, 200), labels: all.labels.slice(0, 200) };
    const dev = { inputs: all.inputs.slice(200, 100), labels: all.labels.slice(200, 100) };
    const model = new Sequential([
      new Dense({ inputs: 6, units: 16, useBias: false, rng }),
      new BatchNorm({ features: 16 }),
      new Dense({ inputs: 16, units: 3, rng }),
    ]);
    const gammaBefore = Array.from((model.layers[1] as BatchNorm).gamma.data);
    const optimizer = adam({ learningRate: 0.01, weightDecay: 0.01 }).addParameters(
      model.namedParameters(),
    );
    const before = evaluate(model, softmaxCrossEntropy, dev.inputs, dev.labels);
    for (let step = 0; step < 100; step++) {
      optimizer.zeroGrad();
      const { cost } = computeCost({
        model,
        loss: softmaxCrossEntropy,
        regularizers: [l2({ lambda: 0.01 })],
        inputs: train.inputs,
        targets: train.labels,
      });
      cost.backward();
      optimizer.step();
    }
    const after = evaluate(model, softmaxCrossEntropy, dev.inputs, dev.labels);
    expect(after).toBeLessThan(0.5 * before);
    expect(optimizer.stepCount).toBe(100);
    expect(Array.from((model.layers[1] as BatchNorm).gamma.data)).not.toEqual(gammaBefore);
  });

  it('creates optimizers and schedules by name from the default registry', () => {
    const registry = createDefaultRegistry();
    expect(registry.names('optimizer')).toEqual(['adam', 'adamw', 'momentum', 'rmsprop', 'sgd']);
    expect(registry.names('schedule')).toContain('time-decay');
    expect(() => registry.create('optimizer', 'adam', { beta1: 1.2 })).toThrow(
      "optimizer 'adam': option 'beta1' must be in [0, 1), got 1.2",
    );
  });
});

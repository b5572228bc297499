import { describe, expect, it } from 'vitest';
import { BatchNorm, Dense, Dropout, Rng, Sequential, softmaxCrossEntropy } from '../src/index.js';
import { blobs, evaluate, gradientDescent } from './support.js';

/**
 * Small float32 training runs showing that networks with dropout and with batch norm train:
 * the dev loss falls well below its starting value (ln 3 ≈ 1.10 for three balanced classes).
 */
describe('training with the building blocks', () => {
  const rng = new Rng(21);
  const all = blobs(360, 6, rng, 'float32');
  const train = { inputs: all.inputs.slice(0, 240), labels: all.labels.slice(0, 240) };
  const dev = { inputs: all.inputs.slice(240, 120), labels: all.labels.slice(240, 120) };

  it('improves the dev loss with dropout', () => {
    const modelRng = new Rng(1);
    const model = new Sequential([
      new Dense({ inputs: 6, units: 32, activation: 'relu', rng: modelRng }),
      new Dropout({ keepProb: 0.8, rng: modelRng.split() }),
      new Dense({ inputs: 32, units: 3, rng: modelRng }),
    ]);
    const before = evaluate(model, softmaxCrossEntropy, dev.inputs, dev.labels);
    gradientDescent(model, softmaxCrossEntropy, train.inputs, train.labels, {
      learningRate: 0.1,
      steps: 150,
    });
    const after = evaluate(model, softmaxCrossEntropy, dev.inputs, dev.labels);
    expect(after).toBeLessThan(0.5 * before);
  });

  it('improves the dev loss with batch norm, evaluated on the running averages', () => {
    const modelRng = new Rng(2);
    const model = new Sequential([
      new Dense({ inputs: 6, units: 32, useBias: false, rng: modelRng }),
      new BatchNorm({ features: 32 }),
      new Dense({ inputs: 32, units: 3, activation: 'linear', rng: modelRng }),
    ]);
    const before = evaluate(model, softmaxCrossEntropy, dev.inputs, dev.labels);
    gradientDescent(model, softmaxCrossEntropy, train.inputs, train.labels, {
      learningRate: 0.1,
      steps: 150,
    });
    const after = evaluate(model, softmaxCrossEntropy, dev.inputs, dev.labels);
    expect(after).toBeLessThan(0.5 * before);
  });
});

import { describe, expect, it } from 'vitest';
import { Rng } from '@deeptune/core';
import { mnist } from '@deeptune/data/node';
import { Dense, Sequential, softmaxCrossEntropy } from '@deeptune/layers';
import { adam } from '@deeptune/optimizers';
import { diagnose, evaluate, fit } from '../../src/index.js';

describe('fit on MNIST', () => {
  it('reaches ≥ 90% dev accuracy on a 5,000-image subset in 5 epochs', async () => {
    const { train, test } = await mnist({ subset: 5000 });
    const rng = new Rng(0);
    const model = new Sequential([
      new Dense({ inputs: 784, units: 64, activation: 'relu', rng }),
      new Dense({ inputs: 64, units: 10, rng }),
    ]);
    const started = performance.now();
    const history = await fit(model, train, {
      loss: softmaxCrossEntropy,
      optimizer: adam({ learningRate: 2e-3 }),
      epochs: 5,
      batchSize: 64,
      devData: test,
      metrics: ['accuracy', 'error-rate'],
      seed: 0,
    });
    const seconds = (performance.now() - started) / 1000;
    const last = history.epochs.at(-1)!;
    console.log(
      `MNIST subset: dev accuracy ${(last.devMetrics!.accuracy! * 100).toFixed(2)}% ` +
        `(train ${(last.metrics.accuracy! * 100).toFixed(2)}%) in ${seconds.toFixed(1)} s`,
    );
    expect(last.devMetrics!.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(
      evaluate(model, test, { loss: softmaxCrossEntropy, metrics: ['accuracy'] }).metrics.accuracy,
    ).toBe(last.devMetrics!.accuracy);
    const diagnosis = diagnose({
      trainError: last.metrics['error-rate']!,
      devError: last.devMetrics!['error-rate']!,
    });
    expect(['fine', 'high-bias', 'high-variance', 'high-bias-and-variance']).toContain(
      diagnosis.verdict,
    );
  });
});

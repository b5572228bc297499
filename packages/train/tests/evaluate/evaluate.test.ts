import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  InvalidHyperparameterError,
  tensor,
  type Model,
  type Tensor,
} from '@deeptune/core';
import { dataset } from '@deeptune/data';
import { softmaxCrossEntropy } from '@deeptune/layers';
import { evaluate, predict, predictClasses } from '../../src/index.js';
import { blobs, smallNet } from '../support/synthetic.js';

/** A model whose outputs are its inputs: the logits are given directly. */
const identity: Model = {
  forward: (input: Tensor) => input,
  namedParameters: () => [],
  stateDict: () => ({}),
  loadStateDict: () => ({ missingKeys: [], unexpectedKeys: [] }),
};

describe('evaluate', () => {
  it('computes accuracy, error rate and loss with known values', () => {
    const logits = tensor([
      [2, 1, 0],
      [0, 3, 1],
      [1, 0, 4],
      [5, 0, 0],
    ]);
    const data = dataset(logits, tensor([0, 1, 2, 2]));
    const result = evaluate(identity, data, {
      loss: softmaxCrossEntropy,
      metrics: ['accuracy', 'error-rate', 'loss'],
      batchSize: 3,
    });
    expect(result.metrics.accuracy).toBe(0.75);
    expect(result.metrics['error-rate']).toBe(0.25);
    expect(result.cost).toBeCloseTo(softmaxCrossEntropy(logits, tensor([0, 1, 2, 2])).item(), 6);
    expect(result.metrics.loss).toBe(result.cost);
  });

  it('accepts one-hot targets and single-logit binary outputs', () => {
    const oneHot = dataset(
      tensor([
        [1, 0],
        [0, 1],
      ]),
      tensor([
        [1, 0],
        [1, 0],
      ]),
    );
    expect(
      evaluate(identity, oneHot, { loss: softmaxCrossEntropy, metrics: ['accuracy'] }).metrics
        .accuracy,
    ).toBe(0.5);
    const binary = dataset(tensor([[2], [-1], [3]]), tensor([[1], [0], [0]]));
    const mse = (outputs: Tensor, targets: Tensor): Tensor => outputs.sub(targets).square().mean();
    expect(
      evaluate(identity, binary, { loss: mse, metrics: ['accuracy'] }).metrics.accuracy,
    ).toBeCloseTo(2 / 3, 12);
  });

  it('rejects unknown metrics', () => {
    expect(() =>
      evaluate(identity, blobs(3, 1), { loss: softmaxCrossEntropy, metrics: ['f1' as 'loss'] }),
    ).toThrow(ConfigError);
    expect(() =>
      evaluate(identity, blobs(3, 1), {
        loss: softmaxCrossEntropy,
        metrics: ['acuracy' as 'loss'],
      }),
    ).toThrow(
      "evaluate: option 'metrics[0]' must be one of 'accuracy', 'error-rate', 'loss', got 'acuracy' (a string). Did you mean 'accuracy'?",
    );
  });

  it('validates its options through its schema', () => {
    const data = blobs(3, 1);
    expect(() => evaluate(identity, data, { loss: softmaxCrossEntropy, batchSize: 0 })).toThrow(
      InvalidHyperparameterError,
    );
    expect(() => evaluate(identity, data, { loss: softmaxCrossEntropy, batchSize: 0 })).toThrow(
      "evaluate: option 'batchSize' must be an integer >= 1, got 0",
    );
    expect(() => evaluate(identity, data, { loss: 'mse' } as never)).toThrow(
      "evaluate: option 'loss' must be a Loss (outputs, targets) => Tensor, got 'mse' (a string)",
    );
    expect(() => evaluate(identity, data, {} as never)).toThrow(
      "evaluate: option 'loss' is required (a Loss (outputs, targets) => Tensor), but it was not given",
    );
    expect(() =>
      evaluate(identity, data, { loss: softmaxCrossEntropy, metric: ['accuracy'] } as never),
    ).toThrow(/^evaluate: unknown option 'metric'\. Did you mean 'metrics'\?/);
  });
});

describe('predict', () => {
  it('gives the same outputs whatever the batch size', () => {
    const model = smallNet(3);
    const inputs = blobs(50, 4).inputs;
    const whole = predict(model, inputs, { batchSize: 1000 });
    const pieces = predict(model, inputs, { batchSize: 7 });
    expect(pieces.shape).toEqual([50, 3]);
    expect(Array.from(pieces.data)).toEqual(Array.from(whole.data));
    expect(whole.requiresGrad).toBe(false);
  });

  it('validates batchSize through its schema', () => {
    const inputs = blobs(5, 4).inputs;
    expect(() => predict(smallNet(3), inputs, { batchSize: 0 })).toThrow(
      InvalidHyperparameterError,
    );
    expect(() => predict(smallNet(3), inputs, { batchSize: 0 })).toThrow(
      "predict: option 'batchSize' must be an integer >= 1, got 0",
    );
    expect(() => predict(smallNet(3), inputs, { batchsize: 8 } as never)).toThrow(
      /^predict: unknown option 'batchsize'\. Did you mean 'batchSize'\?/,
    );
  });
});

describe('predictClasses', () => {
  it('returns the arg-max class per row', () => {
    const classes = predictClasses(
      identity,
      tensor([
        [0, 1, 0],
        [3, 1, 2],
        [0, 0, 9],
      ]),
    );
    expect(Array.from(classes)).toEqual([1, 0, 2]);
    expect(Array.from(predictClasses(identity, tensor([[0.5], [-0.5]])))).toEqual([1, 0]);
  });

  it('names itself in its messages', () => {
    expect(() => predictClasses(identity, tensor([[1, 0]]), { batchSize: 1.5 })).toThrow(
      "predictClasses: option 'batchSize' must be an integer >= 1, got 1.5",
    );
  });
});

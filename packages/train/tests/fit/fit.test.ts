import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DivergenceError,
  InvalidHyperparameterError,
  type Callback,
  type ForwardMode,
  type Model,
  type NamedParameter,
  type Regularizer,
  type Tensor,
} from '@deeptune/core';
import { meanSquaredError, softmaxCrossEntropy } from '@deeptune/layers';
import { adam, sgd } from '@deeptune/optimizers';
import { fit, type ProgressEvent } from '../../src/index.js';
import { blobs, smallNet } from '../support/synthetic.js';

/** A plain L2 penalty (λ/2m)·Σ‖W‖², written here because train never imports regularization. */
const l2 = (lambda: number): Regularizer => ({
  name: 'test-l2',
  lambda,
  penalty(parameters: readonly NamedParameter[], batchSize: number): Tensor {
    const weights = parameters.filter((parameter) => parameter.role === 'weight');
    let total = weights[0]!.value.square().sum();
    for (const weight of weights.slice(1)) total = total.add(weight.value.square().sum());
    return total.mul(lambda / (2 * batchSize));
  },
});

const base = { loss: softmaxCrossEntropy, batchSize: 16, yieldEvery: Infinity } as const;

describe('fit', () => {
  it('reduces the cost on a synthetic dataset and reaches high accuracy', async () => {
    const model = smallNet(1);
    const history = await fit(model, blobs(150, 2), {
      ...base,
      optimizer: adam({ learningRate: 0.01 }),
      epochs: 15,
      devData: blobs(60, 3),
      metrics: ['accuracy', 'error-rate', 'loss'],
    });
    expect(history.epochs).toHaveLength(15);
    expect(history.stepCount).toBe(15 * 10);
    const first = history.epochs[0]!;
    const last = history.epochs.at(-1)!;
    expect(last.cost).toBeLessThan(first.cost / 2);
    expect(last.metrics.accuracy).toBeGreaterThan(0.9);
    expect(last.devMetrics!.accuracy).toBeGreaterThan(0.9);
    expect(last.metrics['error-rate']).toBeCloseTo(1 - last.metrics.accuracy!, 12);
    expect(last.devCost).toBe(last.devMetrics!.loss);
    expect(last.learningRate).toBe(0.01);
    expect(last.seconds).toBeGreaterThanOrEqual(0);
    expect(history.stopReason).toBeNull();
  });

  it('records J = data cost + regularization cost per epoch and per step', async () => {
    const history = await fit(smallNet(1), blobs(60, 2), {
      ...base,
      optimizer: sgd({ learningRate: 0.05 }),
      regularizers: [l2(0.5)],
      epochs: 3,
      logEvery: 2,
    });
    for (const record of [...history.epochs, ...history.steps]) {
      expect(record.regularizationCost).toBeGreaterThan(0);
      expect(record.cost).toBeCloseTo(record.dataCost + record.regularizationCost, 5);
    }
    expect(history.steps.map((step) => step.step)).toEqual([2, 4, 6, 8, 10, 12]);
  });

  it('throws a DivergenceError naming epoch, step, cost and learning rate when J is not finite', async () => {
    const data = blobs(30, 2);
    const promise = fit(smallNet(1), data, {
      ...base,
      loss: (outputs, targets) =>
        meanSquaredError(outputs.mul(1e30), targets.reshape([-1, 1]).broadcastTo(outputs.shape)),
      optimizer: sgd({ learningRate: 1e3 }),
      epochs: 5,
    });
    const error = await promise.catch((caught: unknown) => caught);
    expect(DivergenceError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(/epoch 1, step 1/);
    expect(message).toMatch(/Infinity|NaN/);
    expect(message).toMatch(/learning rate 1000/);
    expect(message).toMatch(/lower the learning rate|clip/);
  });

  it('stops cleanly after the current step when the abort signal fires', async () => {
    const controller = new AbortController();
    const abortAtStep5: Callback = {
      onBatchEnd: ({ step }) => {
        if (step === 5) controller.abort();
      },
    };
    let ended = false;
    const history = await fit(smallNet(1), blobs(60, 2), {
      ...base,
      optimizer: sgd({ learningRate: 0.05 }),
      epochs: 10,
      signal: controller.signal,
      callbacks: [abortAtStep5, { onTrainEnd: () => void (ended = true) }],
    });
    expect(history.stepCount).toBe(5);
    expect(history.epochs).toHaveLength(1);
    expect(history.stopReason).toBe('aborted');
    expect(ended).toBe(true);
  });

  it('stops after the epoch in which a callback calls stop(), keeping the first reason', async () => {
    const history = await fit(smallNet(1), blobs(60, 2), {
      ...base,
      optimizer: sgd({ learningRate: 0.05 }),
      epochs: 10,
      callbacks: [
        {
          onEpochEnd: ({ epoch, stop }) => {
            if (epoch === 2) {
              stop('enough');
              stop('ignored');
            }
          },
        },
      ],
    });
    expect(history.epochs).toHaveLength(2);
    expect(history.stopReason).toBe('enough');
  });

  it('trains in training mode and evaluates in inference mode', async () => {
    const inner = smallNet(1);
    const modes: boolean[] = [];
    const model: Model = {
      forward: (input: Tensor, mode?: Partial<ForwardMode>) => {
        modes.push(mode?.training ?? true);
        return inner.forward(input, mode);
      },
      namedParameters: () => inner.namedParameters(),
      stateDict: () => inner.stateDict(),
      loadStateDict: (dict) => inner.loadStateDict(dict),
    };
    await fit(model, blobs(32, 2), {
      ...base,
      optimizer: sgd({ learningRate: 0.05 }),
      epochs: 1,
      devData: blobs(8, 3),
      metrics: ['accuracy'],
    });
    expect(modes).toEqual([true, true, false, false]);
  });

  it('emits the progress event stream in order', async () => {
    const events: ProgressEvent['type'][] = [];
    await fit(smallNet(1), blobs(32, 2), {
      ...base,
      optimizer: sgd({ learningRate: 0.05 }),
      epochs: 2,
      onProgress: (event) => events.push(event.type),
    });
    expect(events).toEqual([
      'train-begin',
      'epoch-begin',
      'batch-end',
      'batch-end',
      'epoch-end',
      'epoch-begin',
      'batch-end',
      'batch-end',
      'epoch-end',
      'train-end',
    ]);
  });

  it('gives bit-identical weights for the same seed and different ones for another seed', async () => {
    const train = async (seed: number): Promise<Float32Array[]> => {
      const model = smallNet(7);
      await fit(model, blobs(90, 2), {
        ...base,
        optimizer: adam({ learningRate: 0.01 }),
        epochs: 3,
        seed,
      });
      return model.parameters().map((parameter) => parameter.data as Float32Array);
    };
    const [a, b, c] = [await train(11), await train(11), await train(12)];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('yields to the event loop when yieldEvery is 0', async () => {
    let timerFired = false;
    setTimeout(() => (timerFired = true), 0);
    await fit(smallNet(1), blobs(32, 2), {
      ...base,
      yieldEvery: 0,
      optimizer: sgd({ learningRate: 0.05 }),
      epochs: 1,
      callbacks: [{ onTrainEnd: () => expect(timerFired).toBe(true) }],
    });
  });

  it('validates its options at the boundary', async () => {
    const options = { ...base, optimizer: sgd({ learningRate: 0.05 }), epochs: 1 };
    const data = blobs(9, 2);
    await expect(fit(smallNet(1), data, { ...options, epochs: 0 })).rejects.toThrow(
      InvalidHyperparameterError,
    );
    await expect(fit(smallNet(1), data, { ...options, batchSize: 1.5 })).rejects.toThrow(
      "fit: option 'batchSize' must be an integer >= 1, got 1.5",
    );
    await expect(
      fit(smallNet(1), data, { ...options, metrics: ['acc' as 'accuracy'] }),
    ).rejects.toThrow(ConfigError);
    await expect(fit(smallNet(1), data, { ...options, optimizer: {} as never })).rejects.toThrow(
      "fit: option 'optimizer' must be an Optimizer such as adam({ learningRate: 1e-3 }), got {} (an object)",
    );
  });

  it.each([
    [
      { epochs: 0 },
      InvalidHyperparameterError,
      "fit: option 'epochs' must be an integer >= 1, got 0",
    ],
    [
      { batchSize: 0 },
      InvalidHyperparameterError,
      "fit: option 'batchSize' must be an integer >= 1, got 0",
    ],
    [
      { batchSize: '16' },
      ConfigError,
      "fit: option 'batchSize' must be an integer >= 1, got '16' (a string). Hint: option values are never converted; parse command-line and environment strings first.",
    ],
    [
      { seed: Number.NaN },
      InvalidHyperparameterError,
      "fit: option 'seed' must be a finite number, got NaN",
    ],
    [
      { shuffle: 'yes' },
      ConfigError,
      "fit: option 'shuffle' must be true or false, got 'yes' (a string). Hint: option values are never converted; parse command-line and environment strings first.",
    ],
    [
      { logEvery: 0 },
      InvalidHyperparameterError,
      "fit: option 'logEvery' must be an integer >= 1, got 0",
    ],
    [
      { yieldEvery: -1 },
      InvalidHyperparameterError,
      "fit: option 'yieldEvery' must be >= 0, got -1",
    ],
    [
      { evaluationBatchSize: 2.5 },
      InvalidHyperparameterError,
      "fit: option 'evaluationBatchSize' must be an integer >= 1, got 2.5",
    ],
    [
      { loss: 'mse' },
      ConfigError,
      "fit: option 'loss' must be a Loss (outputs, targets) => Tensor, got 'mse' (a string)",
    ],
    [{ rng: 42 }, ConfigError, "fit: option 'rng' must be an Rng, got 42 (a number)"],
    [
      { onProgress: true },
      ConfigError,
      "fit: option 'onProgress' must be a function (event) => void, got true (a boolean)",
    ],
    [
      { signal: {} },
      ConfigError,
      "fit: option 'signal' must be an AbortSignal (new AbortController().signal), got {} (an object)",
    ],
    [
      { metrics: 'accuracy' },
      ConfigError,
      "fit: option 'metrics' must be an array of metric names ('accuracy', 'error-rate', 'loss'), got 'accuracy' (a string)",
    ],
    [
      { metrics: ['accuracy', 'acuracy'] },
      ConfigError,
      "fit: option 'metrics[1]' must be one of 'accuracy', 'error-rate', 'loss', got 'acuracy' (a string). Did you mean 'accuracy'?",
    ],
    [
      { callbacks: [null] },
      ConfigError,
      "fit: option 'callbacks[0]' must be a Callback object with hooks such as onEpochEnd, got null",
    ],
    [
      { regularizers: [{}] },
      ConfigError,
      "fit: option 'regularizers[0]' must be a Regularizer such as l2({ lambda: 0.7 }), got {} (an object)",
    ],
    [
      { batchsize: 16 },
      ConfigError,
      "fit: unknown option 'batchsize'. Did you mean 'batchSize'? Known options: augment, batchSize, callbacks, devData, epochs, evaluationBatchSize, logEvery, loss, metrics, onProgress, optimizer, regularizers, rng, seed, shuffle, signal, yieldEvery.",
    ],
  ] as const)('rejects %o with the message of its options schema', async (bad, type, message) => {
    const options = { ...base, optimizer: sgd({ learningRate: 0.05 }), epochs: 1, ...bad };
    const attempt = fit(smallNet(1), blobs(9, 2), options as never);
    await expect(attempt).rejects.toThrow(type);
    await expect(fit(smallNet(1), blobs(9, 2), options as never)).rejects.toThrow(message);
  });

  it('names a missing required option', async () => {
    await expect(
      fit(smallNet(1), blobs(9, 2), {
        loss: softmaxCrossEntropy,
        epochs: 1,
        batchSize: 4,
      } as never),
    ).rejects.toThrow(
      "fit: option 'optimizer' is required (an Optimizer such as adam({ learningRate: 1e-3 })), but it was not given",
    );
  });

  it('counts an option set to undefined as not given (plain JavaScript callers)', async () => {
    const options = {
      ...base,
      optimizer: sgd({ learningRate: 0.05 }),
      epochs: 1,
      seed: undefined,
      logEvery: undefined,
    };
    const history = await fit(smallNet(1), blobs(9, 2), options as never);
    expect(history.epochs).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, DataFormatError, setLogger, tensor } from '@deeptune/core';
import { dataset } from '@deeptune/data';
import { softmaxCrossEntropy } from '@deeptune/layers';
import { adam, sgd } from '@deeptune/optimizers';
import { fit } from '../../src/index.js';
import { blobs, smallNet } from '../support/synthetic.js';

const base = { loss: softmaxCrossEntropy, batchSize: 16, yieldEvery: Infinity } as const;

/** Awaits `promise` and returns what it rejected with. */
async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error & { code?: string };
}

/** `data` with one element replaced by `value`. */
function withValue(
  data: ReturnType<typeof blobs>,
  part: 'inputs' | 'targets',
  index: number,
  value: number,
) {
  const inputs = Float32Array.from(data.inputs.data);
  const targets = Float32Array.from(data.targets.data);
  (part === 'inputs' ? inputs : targets)[index] = value;
  return {
    inputs: tensor(inputs, { shape: data.inputs.shape }),
    targets: tensor(targets, { shape: data.targets.shape }),
    size: data.size,
  };
}

describe('fit: non-finite data is reported as bad data, not as divergence', () => {
  it('names the set, the example and the feature of a NaN in the training inputs', async () => {
    const train = withValue(blobs(30, 2), 'inputs', 17 * 2 + 1, Number.NaN);
    const error = await rejection(
      fit(smallNet(1), train, { ...base, optimizer: sgd({ learningRate: 0.05 }), epochs: 1 }),
    );
    expect(DataFormatError.isInstance(error)).toBe(true);
    expect(error.code).toBe('DATA_FORMAT');
    expect(error.message).toContain(
      'fit: the training inputs hold NaN at example 17, feature 1; the data, not the training, is at fault. Hint:',
    );
    expect(error.message).not.toContain('learning rate');
  });

  it('checks the dev inputs and the targets too', async () => {
    const options = { ...base, epochs: 1 };
    const dev = withValue(blobs(12, 3), 'inputs', 4 * 2, -Infinity);
    const devError = await rejection(
      fit(smallNet(1), blobs(30, 2), { ...options, optimizer: sgd(), devData: dev }),
    );
    expect(DataFormatError.isInstance(devError)).toBe(true);
    expect(devError.message).toContain(
      'fit: the dev inputs hold -Infinity at example 4, feature 0;',
    );
    // Class-index targets [m] cannot hold NaN through dataset(); real-valued [m, k] can.
    const regression = {
      inputs: tensor([[0], [1], [2]]),
      targets: tensor([[0], [Infinity], [2]]),
      size: 3,
    };
    const targetError = await rejection(
      fit(smallNet(1), regression, { ...options, optimizer: sgd() }),
    );
    expect(targetError.message).toContain(
      'fit: the training targets hold Infinity at example 1, column 0;',
    );
    const labels = withValue(blobs(30, 2), 'targets', 5, Number.NaN);
    const labelError = await rejection(fit(smallNet(1), labels, { ...options, optimizer: sgd() }));
    expect(labelError.message).toContain('fit: the training targets hold NaN at example 5;');
  });
});

describe('fit: an optimizer bound to another model', () => {
  it("refuses an optimizer holding another model's parameters (same names, other tensors)", async () => {
    const optimizer = adam({ learningRate: 0.01 });
    const data = blobs(30, 2);
    await fit(smallNet(1), data, { ...base, optimizer, epochs: 1 });
    const other = smallNet(2);
    const before = other.parameters().map((parameter) => Float32Array.from(parameter.data));
    const error = await rejection(fit(other, data, { ...base, optimizer, epochs: 1 }));
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error.code).toBe('INVALID_CONFIG');
    const [first, second, third] = optimizer.paths;
    expect(error.message).toContain(
      `fit: the optimizer already holds the parameters of another model ('${first}', '${second}', '${third}' and 1 more are not this model's tensors; ` +
        'this model has parameters of the same names, but they are other tensors',
    );
    expect(error.message).toContain('Hint: create a new optimizer for each model');
    // Nothing was trained.
    expect(other.parameters().map((parameter) => Float32Array.from(parameter.data))).toEqual(
      before,
    );
  });

  it('refuses an optimizer holding parameters of other names', async () => {
    const w = tensor([[1, 2]], { requiresGrad: true });
    const optimizer = sgd().addParameters([{ path: 'dense1.W', value: w, role: 'weight' }]);
    const error = await rejection(
      fit(smallNet(1), blobs(30, 2), { ...base, optimizer, epochs: 1 }),
    );
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error.message).toContain(
      "fit: the optimizer already holds the parameters of another model ('dense1.W' is not this model's tensors).",
    );
  });

  it('resumes training the same model with the same optimizer, and allows frozen parameters', async () => {
    const model = smallNet(1);
    const optimizer = adam({ learningRate: 0.01 });
    const data = blobs(30, 2);
    const first = await fit(model, data, { ...base, optimizer, epochs: 2 });
    const second = await fit(model, data, { ...base, optimizer, epochs: 2 });
    expect(optimizer.stepCount).toBe(first.stepCount + second.stepCount);
    expect(second.epochs.at(-1)!.cost).toBeLessThan(first.epochs[0]!.cost);

    const partial = smallNet(3);
    const [head] = partial.namedParameters().slice(-1);
    const frozen = partial.namedParameters()[0]!.value;
    const frozenBefore = Float32Array.from(frozen.data);
    const fineTuner = sgd({ learningRate: 0.1 }).addParameters([head!]);
    await fit(partial, data, { ...base, optimizer: fineTuner, epochs: 1 });
    expect(Float32Array.from(frozen.data)).toEqual(frozenBefore);
    expect(fineTuner.stepCount).toBe(2);
  });

  it('still accepts a validated dataset built by dataset()', async () => {
    const data = dataset(
      tensor([
        [0, 1],
        [1, 0],
        [1, 1],
      ]),
      tensor([0, 1, 2]),
    );
    const history = await fit(smallNet(1), data, { ...base, optimizer: sgd(), epochs: 1 });
    expect(history.stepCount).toBe(1);
  });
});

describe('fit: a batch size larger than the training set', () => {
  it('warns once that every step is a full batch, and trains one step per epoch', async () => {
    const warnings: string[] = [];
    const previous = setLogger({ warn: (message) => warnings.push(message) });
    try {
      const options = { ...base, batchSize: 64 };
      const history = await fit(smallNet(1), blobs(30, 2), {
        ...options,
        optimizer: sgd(),
        epochs: 2,
        logEvery: 1,
      });
      expect(history.steps.length).toBe(2);
      await fit(smallNet(1), blobs(30, 2), { ...options, optimizer: sgd(), epochs: 1 });
      expect(warnings).toEqual([
        'fit: batchSize 64 is larger than the training set (30 examples), so every step uses all of it: batch gradient descent, one step per epoch. ' +
          'Hint: a batch size of at most 30 gives mini-batch gradient descent; say batchSize: 30 to mean the whole set.',
      ]);
      await fit(smallNet(1), blobs(30, 2), {
        ...options,
        optimizer: sgd(),
        batchSize: 30,
        epochs: 1,
      });
      expect(warnings.length).toBe(1);
    } finally {
      setLogger(previous);
    }
  });
});

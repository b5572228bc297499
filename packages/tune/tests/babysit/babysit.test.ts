import { describe, expect, it } from 'vitest';
import { ConfigError, InvalidHyperparameterError, Rng } from '@deeptune/core';
import { moons } from '@deeptune/data';
import { Dense, Sequential, softmaxCrossEntropy } from '@deeptune/layers';
import { adam } from '@deeptune/optimizers';
import { babysit } from '../../src/index.js';

function net(): Sequential {
  const rng = new Rng(0);
  return new Sequential([
    new Dense({ inputs: 2, units: 8, activation: 'relu', rng }),
    new Dense({ inputs: 8, units: 2, rng }),
  ]);
}

const train = moons({ m: 120, noise: 0.2, seed: 0 });
const dev = moons({ m: 60, noise: 0.2, seed: 1 });

function session(learningRate = 0.01) {
  return babysit(net(), train, {
    loss: softmaxCrossEntropy,
    optimizer: (hyperparameters: { learningRate: number }) => adam(hyperparameters),
    hyperparameters: { learningRate },
    batchSize: 16,
    devData: dev,
    seed: 3,
  });
}

describe('babysit', () => {
  it('trains epoch by epoch with a checkpoint after each, numbering epochs across calls', async () => {
    const panda = session();
    const first = await panda.train(2);
    const second = await panda.train(1);
    expect([...first, ...second].map((record) => record.epoch)).toEqual([1, 2, 3]);
    expect(panda.epoch).toBe(3);
    expect(panda.checkpoints.map((checkpoint) => checkpoint.epoch)).toEqual([0, 1, 2, 3]);
    expect(panda.history.map((record) => record.cost)).toEqual(
      [...first, ...second].map((record) => record.cost),
    );
    expect(
      panda.history.every((record) => typeof record.devMetrics?.['error-rate'] === 'number'),
    ).toBe(true);
  });

  it('gives the same epochs as one uninterrupted run when nothing is adjusted', async () => {
    const stepwise = session();
    await stepwise.train(1);
    await stepwise.train(2);
    const straight = session();
    await straight.train(3);
    expect(stepwise.history.map((record) => record.cost)).toEqual(
      straight.history.map((record) => record.cost),
    );
  });

  it("adjusts the learning rate from the next epoch on, keeping Adam's moments", async () => {
    const panda = session(0.01);
    await panda.train(1);
    const step = panda.optimizer.stepCount;
    panda.adjust({ learningRate: 0.003 });
    expect(panda.hyperparameters).toEqual({ learningRate: 0.003 });
    expect(panda.optimizer.learningRate()).toBe(0.003);
    expect(panda.optimizer.stepCount).toBe(step);
    const [record] = await panda.train(1);
    expect(record!.learningRate).toBe(0.003);
    expect(panda.events).toEqual([
      { type: 'train', from: 0, to: 1 },
      { type: 'adjust', epoch: 1, changes: { learningRate: 0.003 } },
      { type: 'train', from: 1, to: 2 },
    ]);
  });

  it('reverts to an earlier checkpoint: weights, optimizer state and hyperparameters; training on repeats the same epochs', async () => {
    const panda = session(0.01);
    await panda.train(2);
    const before = panda.history.map((record) => record.cost);
    panda.adjust({ learningRate: 0.5 }); // too bold
    await panda.train(2);
    expect(panda.history.map((record) => record.cost).slice(0, 2)).toEqual(before);
    panda.revert(2);
    expect(panda.epoch).toBe(2);
    expect(panda.hyperparameters).toEqual({ learningRate: 0.01 });
    expect(panda.history.map((record) => record.cost)).toEqual(before);
    await panda.train(2);
    const reference = session(0.01);
    await reference.train(4);
    expect(panda.history.map((record) => record.cost)).toEqual(
      reference.history.map((record) => record.cost),
    );
    expect(panda.events.at(-2)).toEqual({ type: 'revert', from: 4, to: 2 });
  });

  it('refuses a checkpoint that does not exist and an invalid adjustment, changing nothing', async () => {
    const panda = session();
    await panda.train(1);
    expect(() => panda.revert(2)).toThrow(
      new ConfigError(
        'babysit: revert: no checkpoint for epoch 2; the checkpoints are epochs 0 to 1',
      ),
    );
    expect(() => panda.adjust({ learningRate: -1 })).toThrow(InvalidHyperparameterError);
    expect(panda.hyperparameters).toEqual({ learningRate: 0.01 });
    await expect(panda.train(0)).rejects.toThrow(
      'babysit: train: epochs must be an integer ≥ 1, got 0',
    );
  });

  it('drops an aborted epoch and keeps the model at the last checkpoint', async () => {
    const panda = session();
    await panda.train(1);
    const controller = new AbortController();
    controller.abort();
    expect(await panda.train(2, { signal: controller.signal })).toEqual([]);
    expect(panda.epoch).toBe(1);
  });
});

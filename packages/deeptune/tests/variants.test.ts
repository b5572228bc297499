import { describe, expect, it } from 'vitest';
import {
  Activation,
  BatchNorm,
  Dense,
  DivergenceError,
  Dropout,
  Rng,
  Sequential,
  adam,
  dataset,
  earlyStopping,
  evaluate,
  fit,
  l2,
  sgd,
  softmaxCrossEntropy,
  tensor,
  type Dataset,
  type Module,
} from '../src/index.js';

/**
 * The course's variants, run through `fit`: regularization shrinks the train/dev gap of an
 * overfitting network, early stopping stops at the dev-cost minimum and restores it, and
 * batch norm trains at a learning rate where the plain network does not.
 */

/** A small, noisy training set in 20 dimensions and a large dev set: easy to overfit. */
function overfittingProblem(): { train: Dataset; dev: Dataset } {
  // Three overlapping Gaussian classes: centres drawn with std 0.3 per feature, unit noise.
  const rng = new Rng(5);
  const m = 1060;
  const features = 20;
  const centres = Array.from({ length: 3 }, () =>
    Array.from({ length: features }, () => rng.normal(0, 0.3)),
  );
  const inputs = new Float32Array(m * features);
  const labels = new Float32Array(m);
  for (let i = 0; i < m; i++) {
    const c = rng.int(3);
    labels[i] = c;
    for (let j = 0; j < features; j++) inputs[i * features + j] = centres[c]![j]! + rng.normal();
  }
  const all = dataset(tensor(inputs, { shape: [m, features] }), tensor(labels));
  const split = (start: number, size: number): Dataset =>
    dataset(all.inputs.slice(start, size), all.targets.slice(start, size));
  return { train: split(0, 60), dev: split(60, 1000) };
}

function bigNetwork(seed: number, keepProb?: number): Sequential {
  const rng = new Rng(seed);
  const features = overfittingProblem().train.inputs.shape[1]!;
  const layers: Module[] = [new Dense({ inputs: features, units: 128, activation: 'relu', rng })];
  if (keepProb !== undefined) layers.push(new Dropout({ keepProb, rng: rng.split() }));
  layers.push(new Dense({ inputs: 128, units: 128, activation: 'relu', rng }));
  if (keepProb !== undefined) layers.push(new Dropout({ keepProb, rng: rng.split() }));
  layers.push(new Dense({ inputs: 128, units: 3, rng }));
  return new Sequential(layers);
}

async function gapAfterTraining(model: Sequential, regularize: boolean): Promise<number> {
  const { train, dev } = overfittingProblem();
  await fit(model, train, {
    loss: softmaxCrossEntropy,
    optimizer: adam({ learningRate: 3e-3 }),
    regularizers: regularize ? [l2({ lambda: 2 })] : [],
    epochs: 150,
    batchSize: 60,
    seed: 0,
  });
  const trainCost = evaluate(model, train, { loss: softmaxCrossEntropy }).cost;
  const devCost = evaluate(model, dev, { loss: softmaxCrossEntropy }).cost;
  return devCost - trainCost;
}

describe('regularization variants (fit)', () => {
  it('L2 and dropout shrink the train/dev gap of an overfitting network', async () => {
    const plain = await gapAfterTraining(bigNetwork(1), false);
    const withL2 = await gapAfterTraining(bigNetwork(1), true);
    const withDropout = await gapAfterTraining(bigNetwork(1, 0.3), false);
    expect(plain).toBeGreaterThan(0.5);
    expect(withL2).toBeLessThan(0.5 * plain);
    expect(withDropout).toBeLessThan(0.75 * plain);
  });

  it('early stopping stops at the dev-cost minimum and restores those weights', async () => {
    const { train, dev } = overfittingProblem();
    const model = bigNetwork(2);
    const stopper = earlyStopping({ monitor: 'devCost', patience: 5 });
    const history = await fit(model, train, {
      loss: softmaxCrossEntropy,
      optimizer: adam({ learningRate: 3e-3 }),
      epochs: 300,
      batchSize: 60,
      devData: dev,
      callbacks: [stopper],
      seed: 0,
    });
    const devCosts = history.epochs.map((record) => record.devCost!);
    const best = Math.min(...devCosts);
    const bestEpoch = devCosts.indexOf(best) + 1;
    expect(history.epochs.length).toBe(bestEpoch + 5);
    expect(history.epochs.length).toBeLessThan(300);
    expect(evaluate(model, dev, { loss: softmaxCrossEntropy }).cost).toBe(best);
  });
});

describe('batch norm variant (fit)', () => {
  it('trains at a learning rate where the same network without batch norm does not', async () => {
    const { train } = overfittingProblem();
    const network = (batchNorm: boolean): Sequential => {
      const rng = new Rng(3);
      const layers: Module[] = [];
      let inputs = 20;
      for (let l = 0; l < 4; l++) {
        layers.push(
          new Dense({
            inputs,
            units: 32,
            activation: batchNorm ? 'linear' : 'relu',
            useBias: !batchNorm,
            rng,
          }),
        );
        if (batchNorm) layers.push(new BatchNorm({ features: 32 }), new Activation('relu'));
        inputs = 32;
      }
      layers.push(new Dense({ inputs, units: 3, rng }));
      return new Sequential(layers);
    };
    const finalCost = async (batchNorm: boolean): Promise<number> => {
      const model = network(batchNorm);
      try {
        const history = await fit(model, train, {
          loss: softmaxCrossEntropy,
          optimizer: sgd({ learningRate: 3 }),
          epochs: 60,
          batchSize: 60,
          seed: 0,
        });
        return history.epochs.at(-1)!.cost;
      } catch (error) {
        if (DivergenceError.isInstance(error)) return Number.POSITIVE_INFINITY;
        throw error;
      }
    };
    const plain = await finalCost(false);
    const normalized = await finalCost(true);
    expect(normalized).toBeLessThan(0.1);
    expect(plain > 0.5 || !Number.isFinite(plain)).toBe(true);
  });
});

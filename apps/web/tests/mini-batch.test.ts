import { Rng, fit, sgd, softmaxCrossEntropy } from 'deeptune';
import { describe, expect, it } from 'vitest';
import { readParams } from '../src/app/url-params.js';
import { makePlanarData } from '../src/experiments/classifier/planar-data.js';
import {
  createMiniBatchJob,
  type MiniBatchSnapshot,
} from '../src/experiments/mini-batch/mini-batch-job.js';
import {
  SHUFFLE_SEED_OFFSET,
  buildMiniBatchModel,
  iterationsPerEpoch,
} from '../src/experiments/mini-batch/mini-batch-model.js';
import { describeRisingCosts } from '../src/experiments/mini-batch/rising-costs.js';
import { MINI_BATCH_PARAMS, miniBatchConfig } from '../src/pages/mini-batch/mini-batch-params.js';

const QUERY = 'points=200&batch=32&epochs=3&seed=5';

function configOf(query: string) {
  return miniBatchConfig(readParams(MINI_BATCH_PARAMS, new URLSearchParams(query)).values);
}

async function runToEnd(query: string): Promise<MiniBatchSnapshot> {
  const job = createMiniBatchJob(configOf(query));
  let snapshot = job.initial();
  const signal = new AbortController().signal;
  while (!job.done) snapshot = await job.step(signal);
  return snapshot;
}

describe('iterationsPerEpoch', () => {
  it('is ⌈m / batch size⌉, one for a batch larger than m', () => {
    expect(iterationsPerEpoch(140, 1)).toBe(140);
    expect(iterationsPerEpoch(140, 32)).toBe(5);
    expect(iterationsPerEpoch(140, 64)).toBe(3);
    expect(iterationsPerEpoch(140, 140)).toBe(1);
    expect(iterationsPerEpoch(140, 2048)).toBe(1);
  });
});

describe('createMiniBatchJob', () => {
  it('records exactly the per-iteration costs of a direct fit run with the same seed', async () => {
    const config = configOf(QUERY);
    const snapshot = await runToEnd(QUERY);
    const data = makePlanarData(config.source);
    expect(snapshot.trainSize).toBe(data.train.size);
    expect(snapshot.trainSize).toBe(140);
    for (const run of snapshot.runs) {
      const model = buildMiniBatchModel(config.hiddenUnits, 2, config.modelSeed);
      const history = await fit(model, data.train, {
        loss: softmaxCrossEntropy,
        optimizer: sgd({ learningRate: config.learningRate }),
        epochs: config.epochs,
        batchSize: run.batchSize,
        rng: new Rng(config.modelSeed + SHUFFLE_SEED_OFFSET),
        logEvery: 1,
      });
      expect(run.iterationCosts).toEqual(history.steps.map((step) => step.cost));
      expect(run.iterationsPerEpoch).toBe(Math.ceil(140 / run.batchSize));
      expect(run.iterationCosts).toHaveLength(3 * run.iterationsPerEpoch);
    }
    expect(snapshot.runs.map((run) => [run.kind, run.batchSize, run.iterationsPerEpoch])).toEqual([
      ['batch', 140, 1],
      ['mini-batch', 32, 5],
      ['stochastic', 1, 140],
    ]);
    // the same initialisation: the same cost before training
    const [batch, mini, stochastic] = snapshot.runs;
    expect(mini!.epochCosts[0]).toBe(batch!.epochCosts[0]);
    expect(stochastic!.epochCosts[0]).toBe(batch!.epochCosts[0]);
    // per epoch, more (noisier) steps go further than one smooth step
    expect(stochastic!.epochCosts[3]!).toBeLessThan(batch!.epochCosts[3]!);
    expect(mini!.epochCosts[3]!).toBeLessThan(batch!.epochCosts[3]!);
  });

  it('names the runs whose cost rose because α is too large', async () => {
    const calm = await runToEnd(QUERY);
    expect(describeRisingCosts(calm, 0.1)).toBeNull();
    const wild = await runToEnd('points=100&batch=8&epochs=2&lr=5&units=64&noise=0');
    expect(wild.runs.map((run) => run.diverged)).toEqual([null, null, null]);
    const message = describeRisingCosts(wild, 5)!;
    expect(message).toMatch(/^α = 5 is too large: /);
    for (const run of wild.runs) {
      const rose = run.epochCosts[2]! > run.epochCosts[0]!;
      expect(message.includes(`${run.kind} descent's cost rose`)).toBe(rose);
    }
    expect(message).toContain("stochastic descent's cost rose");
  });
});

import { describe, expect, it } from 'vitest';
import { readParams } from '../src/app/url-params.js';
import { logSpacedRates } from '../src/experiments/batch-norm/batch-norm-config.js';
import {
  buildBatchNormNet,
  columnStatistics,
  createBatchNormJob,
  errorRate,
} from '../src/experiments/batch-norm/batch-norm-job.js';
import {
  BATCH_NORM_PARAMS,
  batchNormConfig,
  describeOutcome,
} from '../src/pages/batch-norm/batch-norm-params.js';

function configOf(query: string) {
  const { values, problems } = readParams(BATCH_NORM_PARAMS, new URLSearchParams(query));
  expect(problems).toEqual([]);
  return batchNormConfig(values);
}

async function runToEnd(query: string) {
  const job = createBatchNormJob(configOf(query));
  const first = job.initial();
  let snapshot = first;
  const signal = new AbortController().signal;
  while (!job.done) snapshot = await job.step(signal);
  return { first, snapshot };
}

describe('batch-norm helpers', () => {
  it('spaces the learning rates evenly on a log scale', () => {
    expect(logSpacedRates(3, 5, 2)).toEqual([0.03, 0.0949, 0.3, 0.949, 3]);
    expect(logSpacedRates(10, 3, 2)).toEqual([0.1, 1, 10]);
  });

  it('computes column means and biased variances', () => {
    // Columns [1, 3, 5] and [2, 2, 8]: means 3 and 4, variances 8/3 and 8.
    const { mean, variance } = columnStatistics([1, 2, 3, 2, 5, 8], 3, 2);
    expect(Array.from(mean)).toEqual([3, 4]);
    expect(variance[0]).toBeCloseTo(8 / 3, 14);
    expect(variance[1]).toBeCloseTo(8, 14);
  });

  it('counts errors by the first largest output', () => {
    expect(errorRate([0.9, 0.1, 0.2, 0.8, 0.5, 0.5, 0.3, 0.7], [0, 0, 1, 1], 2)).toBe(0.5);
  });

  it('maps the parameters and clamps the inspected layer to the depth', () => {
    const config = configOf('layers=3&layer=5&inspect=2&lrmax=10&dataset=spirals');
    expect(config.hiddenLayers).toEqual([16, 16, 16]);
    expect(config.inspectLayer).toBe(2);
    expect(config.inspectRate).toBe(1);
    expect(config.learningRates).toEqual([0.1, 0.316, 1, 3.16, 10]);
    expect(config.source).toMatchObject({ name: 'spirals', classes: 3 });
    expect(configOf('').source).toMatchObject({ name: 'moons', classes: 2 });
  });

  it('describes an outcome in words', () => {
    expect(describeOutcome({ cost: Number.NaN, divergedAt: 3 }, 2)).toBe('diverged at epoch 3');
    expect(describeOutcome({ cost: 0.123456, divergedAt: null }, 2)).toBe('0.123');
    expect(describeOutcome({ cost: 0.69, divergedAt: null }, 2)).toBe(
      '0.69 (no better than guessing)',
    );
  });

  it('refuses a mini-batch size that leaves a last batch of 1 example', () => {
    // 300 points → 210 training examples = 19 × 11 + 1.
    expect(() => createBatchNormJob(configOf('batch=11'))).toThrow(
      'the last mini-batch holds 1 example (210 = 19 × 11 + 1)',
    );
  });

  it('starts the plain and the batch-norm net from the same W', () => {
    const config = configOf('layers=2');
    const plain = buildBatchNormNet(config, 2, false);
    const normed = buildBatchNormNet(config, 2, true);
    const weights = (model: typeof plain) =>
      model
        .namedParameters()
        .filter((parameter) => parameter.role === 'weight')
        .map((parameter) => Array.from(parameter.value.data));
    expect(weights(normed)).toEqual(weights(plain));
    expect(normed.namedParameters().some((parameter) => parameter.role === 'scale')).toBe(true);
  });
});

describe('batch-norm experiment (Node)', () => {
  it('normalises the inspected Z of the batch to mean 0 and variance σ²/(σ²+ε) per unit', async () => {
    const { snapshot } = await runToEnd('layers=3&epochs=4&seed=2');
    const inspection = snapshot.inspection!;
    const units = 16;
    const m = 32;
    expect(inspection.z.length).toBe(m * units);
    expect(inspection.zHat.length).toBe(m * units);
    const z = columnStatistics(inspection.z, m, units);
    const zHat = columnStatistics(inspection.zHat, m, units);
    for (let j = 0; j < units; j++) {
      expect(Math.abs(zHat.mean[j]!)).toBeLessThan(1e-5);
      expect(zHat.variance[j]).toBeCloseTo(z.variance[j]! / (z.variance[j]! + 1e-5), 4);
    }
    // Z itself is not normalised: some unit's mean or variance is far from 0 and 1.
    const spread = Array.from(z.mean).some((mean) => Math.abs(mean) > 0.2);
    const scale = Array.from(z.variance).some((variance) => Math.abs(variance - 1) > 0.2);
    expect(spread || scale).toBe(true);
  });

  it('moves the running averages towards the training set’s statistics', async () => {
    const { first, snapshot } = await runToEnd('layers=3&epochs=6&seed=2');
    // Before training the running averages are 0 and 1.
    expect(first.inspection!.runningMean0).toBe(0);
    expect(first.inspection!.runningVar0).toBe(1);
    const end = snapshot.inspection!;
    expect(end.meanGap).toBeLessThan(first.inspection!.meanGap);
    expect(end.varianceGap).toBeLessThan(first.inspection!.varianceGap);
    expect(Math.abs(end.runningMean0 - end.trainMean0)).toBeLessThan(
      Math.abs(first.inspection!.runningMean0 - first.inspection!.trainMean0),
    );
    // Inference with the running averages works about as well as the dev set's own statistics.
    expect(Math.abs(end.devErrorRunning - end.devErrorBatchStats)).toBeLessThan(0.1);
    expect(end.devErrorRunning).toBeLessThan(0.5);
  });

  it('notes the epoch where a plain net diverges while its batch-norm twin trains', async () => {
    const { snapshot } = await runToEnd('dataset=circles&layers=3&lrmax=10&epochs=4');
    const plain = snapshot.runs.filter((run) => !run.batchNorm);
    const normed = snapshot.runs.filter((run) => run.batchNorm);
    expect(plain.map((run) => run.learningRate)).toEqual([0.1, 0.316, 1, 3.16, 10]);
    expect(plain[4]!.divergedAt).toBe(2);
    expect(Number.isNaN(plain[4]!.cost)).toBe(true);
    expect(normed[4]!.divergedAt).toBeNull();
    expect(Number.isFinite(normed[4]!.cost)).toBe(true);
    expect(snapshot.epoch).toBe(4);
  });

  it('lets batch norm train at large α where the plain net is stuck at chance (default setup)', async () => {
    const { snapshot } = await runToEnd('epochs=10');
    const chance = Math.log(2);
    const plain = snapshot.runs.filter((run) => !run.batchNorm);
    const normed = snapshot.runs.filter((run) => run.batchNorm);
    expect(plain[4]!.cost).toBeGreaterThan(0.95 * chance);
    // Well below chance (0.28 of it on the cpu backend, 0.52 on wasm: at α = 3 the last bits
    // of the products steer the run).
    expect(normed[4]!.cost).toBeLessThan(0.6 * chance);
    // After 10 epochs the batch-norm net is ahead at every α of the range (0.03 to 3).
    for (let index = 0; index < 5; index++)
      expect(normed[index]!.cost).toBeLessThan(plain[index]!.cost);
  });
});

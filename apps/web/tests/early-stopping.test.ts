import { Rng, adam, fit, softmaxCrossEntropy, type Module } from 'deeptune';
import { describe, expect, it } from 'vitest';
import { readParams } from '../src/app/url-params.js';
import { makePlanarData } from '../src/experiments/classifier/planar-data.js';
import type { EarlyStoppingConfig } from '../src/experiments/early-stopping/early-stopping-config.js';
import {
  buildEarlyStoppingModel,
  createEarlyStoppingJob,
  type EarlyStoppingSnapshot,
  type EpochPoint,
} from '../src/experiments/early-stopping/early-stopping-job.js';
import {
  EARLY_STOPPING_PARAMS,
  earlyStoppingConfig,
} from '../src/pages/early-stopping/early-stopping-params.js';

function configOf(query: string): EarlyStoppingConfig {
  const { values, problems } = readParams(EARLY_STOPPING_PARAMS, new URLSearchParams(query));
  expect(problems).toEqual([]);
  return earlyStoppingConfig(values);
}

/** Runs a job to its end: every epoch's numbers, the last snapshot and the model. */
async function runJob(config: EarlyStoppingConfig) {
  const job = createEarlyStoppingJob(config);
  let snapshot: EarlyStoppingSnapshot = job.initial();
  const points: EpochPoint[] = [...snapshot.points];
  const signal = new AbortController().signal;
  while (!job.done) {
    snapshot = await job.step(signal);
    points.push(...snapshot.points);
  }
  return { snapshot, points, model: job.model };
}

function lowestDevCost(points: readonly EpochPoint[]): EpochPoint {
  return points
    .filter((point) => point.epoch > 0)
    .reduce((best, point) => (point.devCost < best.devCost ? point : best));
}

function weightsOf(model: Module): number[][] {
  return model.namedParameters().map((parameter) => Array.from(parameter.value.data));
}

/** Trains the same network with one plain `fit` (no callbacks) for `epochs` epochs. */
async function trainPlainly(config: EarlyStoppingConfig, epochs: number): Promise<Module> {
  const data = makePlanarData(config.source);
  const model = buildEarlyStoppingModel(config);
  await fit(model, data.train, {
    loss: softmaxCrossEntropy,
    optimizer: adam({ learningRate: config.learningRate }),
    epochs,
    batchSize: data.train.size,
    rng: new Rng(config.modelSeed + 1_000_003),
  });
  return model;
}

describe('early-stopping job', () => {
  it('stops `patience` epochs after the dev minimum and restores exactly that epoch’s weights', async () => {
    const config = configOf('');
    const { snapshot, points, model } = await runJob(config);
    const minimum = lowestDevCost(points);
    // Every epoch is reported once, in order.
    expect(points.map((point) => point.epoch)).toEqual(
      Array.from({ length: snapshot.epoch + 1 }, (_, epoch) => epoch),
    );
    expect(snapshot.restoredEpoch).toBe(minimum.epoch);
    expect(snapshot.stoppedEpoch).toBe(minimum.epoch + config.patience);
    expect(snapshot.epoch).toBe(snapshot.stoppedEpoch);
    expect(snapshot.stopReason).toMatch(/^early stopping: devCost has not improved/);
    // The restored model, evaluated again, has exactly the dev cost of the minimum.
    expect(snapshot.best?.epoch).toBe(minimum.epoch);
    expect(snapshot.best?.devCost).toBe(minimum.devCost);
    expect(snapshot.best?.devError).toBe(minimum.devError);
    // …and exactly the weights of a plain run of that many epochs.
    const reference = await trainPlainly(config, minimum.epoch);
    expect(weightsOf(model)).toEqual(weightsOf(reference));
    // The lesson: the last epoch fits the training set better and the dev set worse.
    expect(snapshot.latest.epoch).toBe(snapshot.stoppedEpoch);
    expect(snapshot.latest.trainError).toBeLessThan(snapshot.best!.trainError);
    expect(snapshot.latest.devCost).toBeGreaterThan(snapshot.best!.devCost);
  }, 60_000);

  it('gives the same run whatever the number of epochs per step', async () => {
    const config = configOf('patience=15&seed=2');
    const five = await runJob(config);
    const seven = await runJob({ ...config, epochsPerStep: 7 });
    expect(seven.snapshot.restoredEpoch).toBe(five.snapshot.restoredEpoch);
    expect(seven.snapshot.stoppedEpoch).toBe(five.snapshot.stoppedEpoch);
    expect(seven.points).toEqual(five.points);
    expect(weightsOf(seven.model)).toEqual(weightsOf(five.model));
  }, 60_000);

  it('restores the best epoch also when the budget ends first', async () => {
    const config = configOf('patience=500&epochs=30');
    const { snapshot, points, model } = await runJob(config);
    const minimum = lowestDevCost(points);
    expect(snapshot.epoch).toBe(30);
    expect(snapshot.stoppedEpoch).toBeNull();
    expect(snapshot.stopReason).toBeNull();
    expect(snapshot.restoredEpoch).toBe(minimum.epoch);
    expect(snapshot.best?.devCost).toBe(minimum.devCost);
    expect(weightsOf(model)).toEqual(weightsOf(await trainPlainly(config, minimum.epoch)));
  }, 60_000);

  it('with patience 0 stops at the first epoch that is not better', async () => {
    const { snapshot, points } = await runJob(configOf('patience=0'));
    const stopped = snapshot.stoppedEpoch!;
    const costs = points.map((point) => point.devCost);
    for (let epoch = 2; epoch < stopped; epoch++)
      expect(costs[epoch]).toBeLessThan(costs[epoch - 1]!);
    expect(costs[stopped]).toBeGreaterThanOrEqual(costs[stopped - 1]!);
    expect(snapshot.restoredEpoch).toBe(stopped - 1);
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import { readParams } from '../src/app/url-params.js';
import { binValues, commonRange, niceTicks } from '../src/charts/histogram.js';
import { createClassifierJob } from '../src/experiments/classifier/classifier-job.js';
import type { ClassifierConfig } from '../src/experiments/classifier/classifier-config.js';
import {
  REGULARIZATION_PARAMS,
  regularizationRuns,
} from '../src/pages/regularization/regularization-params.js';

function runsOf(query: string) {
  const { values, problems } = readParams(REGULARIZATION_PARAMS, new URLSearchParams(query));
  expect(problems).toEqual([]);
  return regularizationRuns(values);
}

async function train(config: ClassifierConfig) {
  const job = createClassifierJob(config);
  let snapshot = job.initial();
  const signal = new AbortController().signal;
  while (!job.done) snapshot = await job.step(signal);
  return snapshot;
}

describe('regularization params', () => {
  it('describes the same network and data twice, penalised only on the right', () => {
    const { plain, regularized } = runsOf('lambda=0.7&keep=0.5,0.8,0.9&seed=3&units=32');
    expect(plain.l2).toBe(0);
    expect(plain.keepProbs).toEqual([1, 1, 1]);
    expect(regularized.l2).toBe(0.7);
    expect(regularized.keepProbs).toEqual([0.5, 0.8, 0.9]);
    expect(regularized.hiddenLayers).toEqual([32, 32, 32]);
    expect({ ...regularized, l2: 0, keepProbs: [1, 1, 1] }).toEqual(plain);
    expect(plain.includeWeights).toBe(true);
    expect(plain.source).toEqual({
      kind: 'synthetic',
      name: 'moons',
      m: 100,
      noise: 0.4,
      classes: 2,
      seed: 3,
    });
  });

  it('pads a short keepProb list with 1 (no dropout) and rejects a list that is too long', () => {
    expect(runsOf('keep=0.5').regularized.keepProbs).toEqual([0.5, 1, 1]);
    const { problems } = readParams(REGULARIZATION_PARAMS, new URLSearchParams('keep=1,1,1,1'));
    expect(problems).toEqual([
      'The link\'s keep="1,1,1,1" is not up to 3 comma-separated numbers in [0.1, 1]; using 1,1,1.',
    ]);
  });

  it('L2 shrinks the weights and trades training fit for dev fit', async () => {
    const { plain, regularized } = runsOf('epochs=150');
    const [without, withL2] = await Promise.all([train(plain), train(regularized)]);
    const plainBins = binValues(without.weights!, [-10, 10], 10);
    const regularizedBins = binValues(withL2.weights!, [-10, 10], 10);
    // 2·64 + 64·64 + 64·64 + 64·2 weights in each network.
    expect(plainBins.count).toBe(8448);
    expect(regularizedBins.count).toBe(8448);
    expect(regularizedBins.meanAbs).toBeLessThan(plainBins.meanAbs / 4);
    expect(withL2.trainError).toBeGreaterThan(without.trainError);
    expect(withL2.devCost).toBeLessThan(without.devCost);
  }, 60_000);
});

describe('histogram binning', () => {
  it('counts values into equal bins, the last one closed, and skips the rest', () => {
    const binned = binValues([-1, -0.5, 0, 0.5, 1, Number.NaN, 2, -0.75], [-1, 1], 4);
    expect(Array.from(binned.counts)).toEqual([2, 1, 1, 2]);
    expect(binned.count).toBe(6);
    expect(binned.skipped).toBe(2);
    // Mean |x| over the 7 finite values: (1 + 0.5 + 0 + 0.5 + 1 + 2 + 0.75) / 7.
    expect(binned.meanAbs).toBeCloseTo(5.75 / 7, 12);
  });

  it('finds the common range of several arrays and widens a single point', () => {
    expect(commonRange([[1, 2, Number.POSITIVE_INFINITY], new Float32Array([-3, 0.5])])).toEqual([
      -3, 2,
    ]);
    expect(commonRange([[2, 2]])).toEqual([1.8, 2.2]);
    expect(commonRange([[Number.NaN]])).toEqual([-1, 1]);
  });

  it('puts ticks at round numbers', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-0.37, 0.41, 4)).toEqual([-0.2, 0, 0.2, 0.4]);
    expect(niceTicks(0, 8448, 4)).toEqual([0, 2000, 4000, 6000, 8000]);
  });
});

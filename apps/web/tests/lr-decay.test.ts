import { describe, expect, it } from 'vitest';
import { readParams } from '../src/app/url-params.js';
import {
  createLrDecayJob,
  type LrDecaySnapshot,
} from '../src/experiments/lr-decay/lr-decay-job.js';
import { makeRegressionData } from '../src/experiments/lr-decay/regression-data.js';
import {
  buildSchedule,
  scheduleValues,
  type ScheduleSettings,
} from '../src/experiments/lr-decay/schedule-choice.js';
import { LR_DECAY_PARAMS, lrDecayConfig } from '../src/pages/lr-decay/lr-decay-params.js';

const SETTINGS: ScheduleSettings = {
  initialLearningRate: 0.2,
  timeDecayRate: 1,
  exponentialRate: 0.9,
  staircaseEpochs: 2,
  staircaseRate: 0.5,
  warmupEpochs: 2,
  epochs: 6,
};

async function runToEnd(query: string, epochsPerStep = 5): Promise<LrDecaySnapshot> {
  const { values } = readParams(LR_DECAY_PARAMS, new URLSearchParams(query));
  const job = createLrDecayJob({ ...lrDecayConfig(values), epochsPerStep });
  let snapshot = job.initial();
  const signal = new AbortController().signal;
  while (!job.done) snapshot = await job.step(signal);
  return snapshot;
}

describe('buildSchedule', () => {
  it('gives the course formulas at epochs 1 … 6', () => {
    const at = (name: Parameters<typeof buildSchedule>[0]) =>
      scheduleValues(buildSchedule(name, SETTINGS), 6);
    expect(at('constant')).toEqual([0.2, 0.2, 0.2, 0.2, 0.2, 0.2]);
    // α₀ / (1 + epoch): 0.1, 0.0667, 0.05, 0.04, …
    const time = at('time-decay');
    [0.1, 0.2 / 3, 0.05, 0.04, 0.2 / 6, 0.2 / 7].forEach((value, index) =>
      expect(time[index]).toBeCloseTo(value, 15),
    );
    const exponential = at('exponential');
    [0.18, 0.162, 0.1458, 0.13122].forEach((value, index) =>
      expect(exponential[index]).toBeCloseTo(value, 14),
    );
    // halved every 2 epochs, from epoch 2
    expect(at('staircase')).toEqual([0.2, 0.1, 0.1, 0.05, 0.05, 0.025]);
    const squareRoot = at('square-root');
    [1, 2, 3, 4, 5, 6].forEach((epoch) =>
      expect(squareRoot[epoch - 1]).toBeCloseTo(0.2 / Math.sqrt(epoch), 15),
    );
    // warmup 0.1, 0.2, then ½·(1 + cos(π·(t − 2)/4)): 0.1707…, 0.1, 0.0293…, 0
    const cosine = at('warmup-cosine');
    const expected = [0.1, 0.2, 0.1 * (1 + Math.SQRT1_2), 0.1, 0.1 * (1 - Math.SQRT1_2), 0];
    expected.forEach((value, index) => expect(cosine[index]).toBeCloseTo(value, 12));
  });

  it('names a warmup that does not fit in the epochs (the library refuses it)', () => {
    expect(() => buildSchedule('warmup-cosine', { ...SETTINGS, warmupEpochs: 6 })).toThrow(
      /totalSteps' must be > warmupSteps \(6\), got 6/,
    );
  });
});

describe('makeRegressionData', () => {
  it('finds the least-squares optimum: the gradient of the MSE is zero there', () => {
    const data = makeRegressionData({ m: 50, noise: 0.5, seed: 4 });
    const x = data.train.inputs.data;
    const y = data.train.targets.data;
    let gradientWeight = 0;
    let gradientBias = 0;
    for (let i = 0; i < 50; i++) {
      const error = data.optimalWeight * x[i]! + data.optimalBias - y[i]!;
      gradientWeight += error * x[i]!;
      gradientBias += error;
    }
    expect(Math.abs(gradientWeight)).toBeLessThan(1e-9);
    expect(Math.abs(gradientBias)).toBeLessThan(1e-9);
    expect(data.optimalWeight).toBeCloseTo(2, 0);
    expect(data.optimalBias).toBeCloseTo(-1, 0);
  });
});

describe('createLrDecayJob', () => {
  it('with the default seed the decayed run ends much closer to the minimum', async () => {
    const snapshot = await runToEnd('');
    expect(snapshot.epoch).toBe(50);
    expect(snapshot.epochs).toHaveLength(51);
    // the same initialisation for both runs
    expect(snapshot.scheduled.distance[0]).toBe(snapshot.constant.distance[0]);
    const constant = snapshot.constant.distance.at(-1)!;
    const decayed = snapshot.scheduled.distance.at(-1)!;
    expect(decayed).toBeLessThan(constant / 10);
    expect(snapshot.scheduled.excessCost.at(-1)!).toBeLessThan(
      snapshot.constant.excessCost.at(-1)!,
    );
    // the schedule's α of epoch 50: 0.1 / (1 + 50)
    expect(snapshot.scheduled.learningRate.at(-1)).toBeCloseTo(0.1 / 51, 9);
    expect(snapshot.constant.learningRate.at(-1)).toBeCloseTo(0.1, 9);
  });

  it('gives the same numbers however it is stepped, and reports divergence in words', async () => {
    const a = await runToEnd('epochs=10&schedule=staircase&stair=3');
    const b = await runToEnd('epochs=10&schedule=staircase&stair=3', 1);
    expect(a).toEqual(b);
    const diverged = await runToEnd('lr=2&epochs=10');
    expect(diverged.diverged).toMatch(/^the constant α run diverged: fit: the cost J became/);
  });
});

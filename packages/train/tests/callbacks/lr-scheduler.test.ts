import { describe, expect, it } from 'vitest';
import { ConfigError } from '@deeptune/core';
import { softmaxCrossEntropy } from '@deeptune/layers';
import { exponentialDecay, reduceOnPlateau, sgd } from '@deeptune/optimizers';
import { fit, lrScheduler } from '../../src/index.js';
import { blobs, smallNet } from '../support/synthetic.js';

describe('lrScheduler', () => {
  it('feeds the monitored epoch quantity to a reduce-on-plateau schedule', async () => {
    const schedule = reduceOnPlateau({ initialLearningRate: 0.05, patience: 0, factor: 0.5 });
    const observed: number[] = [];
    const history = await fit(smallNet(1), blobs(30, 2), {
      loss: softmaxCrossEntropy,
      optimizer: sgd({ learningRate: schedule }),
      epochs: 4,
      batchSize: 10,
      callbacks: [
        lrScheduler({ schedule, monitor: 'metrics.loss' }),
        { onEpochEnd: ({ logs }) => void observed.push(logs.metrics.loss!) },
      ],
      metrics: ['loss'],
    });
    expect(schedule.stateDict().best).toBe(Math.min(...observed));
    expect(history.epochs[0]!.learningRate).toBe(0.05);
  });

  it('throws when the monitored quantity is missing, and rejects plain schedules', async () => {
    const schedule = reduceOnPlateau({ initialLearningRate: 0.05 });
    await expect(
      fit(smallNet(1), blobs(30, 2), {
        loss: softmaxCrossEntropy,
        optimizer: sgd({ learningRate: schedule }),
        epochs: 1,
        batchSize: 10,
        callbacks: [lrScheduler({ schedule })],
      }),
    ).rejects.toThrow(/monitor 'devCost' is missing/);
    expect(() =>
      lrScheduler({ schedule: exponentialDecay({ initialLearningRate: 0.1 }) as never }),
    ).toThrow(ConfigError);
    expect(() => lrScheduler({ schedule, monitor: 'devAccuracy' })).toThrow(ConfigError);
  });
});

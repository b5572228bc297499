import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  INFERENCE_MODE,
  InvalidHyperparameterError,
  Rng,
  TRAINING_MODE,
  computeCost,
  createRegistry,
  noGrad,
  tensor,
  type CallbackContext,
  type Model,
  type StateDict,
  type TrainingLogs,
} from '@deeptune/core';
import { Dense, Sequential, meanSquaredError } from '@deeptune/layers';
import { earlyStopping, plugin } from '../../src/index.js';

/** The training loop's side of the Callback contract, minimal: epochs of full-batch GD. */
async function run(
  model: Sequential,
  epochs: number,
  callback: ReturnType<typeof earlyStopping>,
  epochLogs: (epoch: number) => TrainingLogs,
): Promise<{ snapshots: StateDict[]; stoppedAfter: number; reason: string | null }> {
  let reason: string | null = null;
  const snapshots: StateDict[] = [];
  let epoch = 0;
  const context = (): CallbackContext => ({
    epoch,
    step: epoch,
    epochs,
    stepsPerEpoch: 1,
    model,
    stop: (why) => void (reason ??= why ?? 'stopped'),
  });
  await callback.onTrainBegin?.(context());
  let logs: TrainingLogs | undefined;
  while (epoch < epochs && reason === null) {
    epoch += 1;
    logs = epochLogs(epoch);
    snapshots.push(model.stateDict());
    await callback.onEpochEnd?.({ ...context(), logs });
  }
  await callback.onTrainEnd?.({ ...context(), logs, stopReason: reason });
  return { snapshots, stoppedAfter: epoch, reason };
}

/** y = sin(3x) + noise; a tiny train set and a big network overfit it. */
function regression(
  m: number,
  seed: number,
): { x: ReturnType<typeof tensor>; y: ReturnType<typeof tensor> } {
  const rng = new Rng(seed);
  const xs = Array.from({ length: m }, () => rng.uniform(-1, 1));
  return {
    x: tensor(xs.map((x) => [x])),
    y: tensor(xs.map((x) => [Math.sin(3 * x) + rng.normal(0, 0.3)])),
  };
}

function devCost(model: Model, dev: ReturnType<typeof regression>): number {
  return noGrad(() => meanSquaredError(model.forward(dev.x, INFERENCE_MODE), dev.y).item());
}

describe('earlyStopping', () => {
  it('stops at the dev-cost minimum of an overfitting network and restores its weights', async () => {
    const rng = new Rng(0);
    const model = new Sequential([
      new Dense({ inputs: 1, units: 128, activation: 'tanh', rng }),
      new Dense({ inputs: 128, units: 128, activation: 'tanh', rng }),
      new Dense({ inputs: 128, units: 1, rng }),
    ]);
    const train = regression(12, 1);
    const dev = regression(200, 2);
    const devCosts: number[] = [];
    const stopper = earlyStopping({ monitor: 'devCost', patience: 10 });
    const result = await run(model, 2000, stopper, () => {
      // One full-batch gradient-descent step per epoch.
      const { cost } = computeCost({
        model,
        loss: meanSquaredError,
        inputs: train.x,
        targets: train.y,
        mode: TRAINING_MODE,
      });
      cost.backward();
      noGrad(() => {
        for (const { value } of model.namedParameters()) {
          const data = value.data;
          const grad = value.grad!.data;
          for (let i = 0; i < data.length; i++) data[i] = data[i]! - 0.1 * grad[i]!;
          value.grad = null;
        }
      });
      const value = devCost(model, dev);
      devCosts.push(value);
      return {
        cost: cost.item(),
        dataCost: cost.item(),
        regularizationCost: 0,
        devCost: value,
        metrics: {},
        learningRate: 0.1,
      };
    });
    const best = Math.min(...devCosts);
    const bestEpoch = devCosts.indexOf(best) + 1;
    expect(result.reason).toMatch(/early stopping: devCost has not improved/);
    expect(stopper.bestEpoch).toBe(bestEpoch);
    expect(stopper.best).toBe(best);
    expect(result.stoppedAfter).toBe(bestEpoch + 10);
    expect(stopper.stoppedEpoch).toBe(bestEpoch + 10);
    // the dev cost went up after the minimum: the network overfits the 12 examples
    expect(devCosts.at(-1)).toBeGreaterThan(best);
    const snapshot = result.snapshots[bestEpoch - 1]!;
    for (const [key, value] of Object.entries(model.stateDict())) {
      expect(Array.from(value.data)).toEqual(Array.from(snapshot[key]!.data));
    }
    expect(devCost(model, dev)).toBe(best);
  });

  it('restores the best weights even when all epochs ran without a stop', async () => {
    const model = new Sequential([new Dense({ inputs: 2, units: 2, rng: new Rng(0) })]);
    const values = [3, 1, 2];
    const stopper = earlyStopping({ patience: 5 });
    const result = await run(model, 3, stopper, (epoch) => {
      model.parameters()[0]!.data[0] = epoch; // a visible change per epoch
      return {
        cost: 0,
        dataCost: 0,
        regularizationCost: 0,
        devCost: values[epoch - 1]!,
        metrics: {},
        learningRate: 1,
      };
    });
    expect(result.reason).toBeNull();
    expect(model.parameters()[0]!.data[0]).toBe(2);
  });

  it.each([
    ['devMetrics.accuracy', [0.5, 0.7, 0.6, 0.65], 2, 3],
    ['devCost', [0.5, 0.7, 0.6, 0.65], 1, 2],
  ] as const)('uses the documented mode for %s', async (monitor, values, bestEpoch, stopped) => {
    const model = new Sequential([new Dense({ inputs: 1, units: 1, rng: new Rng(0) })]);
    const stopper = earlyStopping({ monitor, patience: 1, restoreBestWeights: false });
    const result = await run(model, 10, stopper, (epoch) => ({
      cost: 0,
      dataCost: 0,
      regularizationCost: 0,
      devCost: values[epoch - 1]!,
      metrics: {},
      devMetrics: { accuracy: values[epoch - 1]! },
      learningRate: 1,
    }));
    expect(stopper.bestEpoch).toBe(bestEpoch);
    expect(result.stoppedAfter).toBe(stopped);
  });

  it('counts only improvements larger than minDelta', async () => {
    const model = new Sequential([new Dense({ inputs: 1, units: 1, rng: new Rng(0) })]);
    const stopper = earlyStopping({ patience: 0, minDelta: 0.1 });
    const values = [1, 0.95, 0.5];
    const result = await run(model, 3, stopper, (epoch) => ({
      cost: 0,
      dataCost: 0,
      regularizationCost: 0,
      devCost: values[epoch - 1]!,
      metrics: {},
      learningRate: 1,
    }));
    expect(result.stoppedAfter).toBe(2);
  });

  it('validates its options and never guesses a direction', () => {
    expect(() => earlyStopping({ patience: -1 })).toThrow(InvalidHyperparameterError);
    expect(() => earlyStopping({ patience: 1.5 })).toThrow(InvalidHyperparameterError);
    expect(() => earlyStopping({ minDelta: -0.1 })).toThrow(InvalidHyperparameterError);
    expect(() => earlyStopping({ monitor: 'val_acc' })).toThrow(ConfigError);
    expect(() => earlyStopping({ monitor: 'devMetrics.f1' })).toThrow(/no default mode/);
    expect(() => earlyStopping({ monitor: 'devMetrics.f1', mode: 'max' })).not.toThrow();
    expect(() => earlyStopping({ mode: 'up' as 'max' })).toThrow(ConfigError);
  });

  it('throws when the monitored quantity is missing from the logs', async () => {
    const model = new Sequential([new Dense({ inputs: 1, units: 1, rng: new Rng(0) })]);
    await expect(
      run(model, 2, earlyStopping(), () => ({
        cost: 1,
        dataCost: 1,
        regularizationCost: 0,
        metrics: {},
        learningRate: 1,
      })),
    ).rejects.toThrow(/monitor 'devCost' is missing/);
  });

  it('is created by name by a registry', () => {
    const registry = createRegistry({ plugins: [plugin] });
    const stopper = registry.create('callback', 'early-stopping', { patience: 2 });
    expect(stopper).toHaveProperty('onEpochEnd');
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, createRegistry, type Callback, type StateDict } from '@deeptune/core';
import { softmaxCrossEntropy } from '@deeptune/layers';
import { sgd } from '@deeptune/optimizers';
import { bestWeights, fit, plugin, type BestWeightsOptions } from '../../src/index.js';
import { blobs, smallNet } from '../support/synthetic.js';

/** A callback that replaces the epoch logs' dev cost and accuracy with scripted values. */
function scripted(devCosts: readonly number[]): {
  readonly callbacks: (best: Callback) => Callback[];
  readonly snapshots: StateDict[];
} {
  const snapshots: StateDict[] = [];
  return {
    snapshots,
    callbacks: (best) => [
      {
        name: 'script',
        onEpochEnd: (context) => {
          snapshots.push(context.model.stateDict());
          const devCost = devCosts[context.epoch - 1]!;
          void best.onEpochEnd?.({
            ...context,
            logs: { ...context.logs, devCost, devMetrics: { accuracy: 1 - devCost } },
          });
        },
      },
    ],
  };
}

/** Trains a small net for `devCosts.length` epochs, feeding `best` the scripted dev costs. */
async function train(
  devCosts: readonly number[],
  options: BestWeightsOptions,
  signal?: AbortSignal,
): Promise<{
  readonly best: ReturnType<typeof bestWeights>;
  readonly snapshots: StateDict[];
  readonly final: StateDict;
}> {
  const best = bestWeights(options);
  const script = scripted(devCosts);
  const { onEpochEnd: _onEpochEnd, ...rest } = best;
  const model = smallNet(3);
  await fit(model, blobs(30, 1), {
    loss: softmaxCrossEntropy,
    optimizer: sgd({ learningRate: 0.1 }),
    epochs: devCosts.length,
    batchSize: 10,
    callbacks: [...script.callbacks(best), rest as Callback],
    ...(signal === undefined ? {} : { signal }),
  });
  return { best, snapshots: script.snapshots, final: model.stateDict() };
}

/** The weights of a state dict as plain arrays, for equality checks. */
function values(dict: StateDict): Record<string, number[]> {
  return Object.fromEntries(Object.entries(dict).map(([key, t]) => [key, [...t.data]]));
}

describe('bestWeights', () => {
  it('keeps the weights of the epoch with the lowest dev cost', async () => {
    const { best, snapshots, final } = await train([0.9, 0.4, 0.6, 0.5], {});
    expect(best.epoch).toBe(2);
    expect(best.value).toBe(0.4);
    expect(values(best.weights!)).toEqual(values(snapshots[1]!));
    // restore 'never': the model keeps the last epoch's weights.
    expect(values(final)).toEqual(values(snapshots[3]!));
    expect(values(final)).not.toEqual(values(snapshots[1]!));
  });

  it("follows the monitor's direction: accuracy is better when higher", async () => {
    const { best } = await train([0.9, 0.4, 0.2, 0.5], { monitor: 'devMetrics.accuracy' });
    expect(best.epoch).toBe(3);
    expect(best.value).toBeCloseTo(0.8, 12);
  });

  it('counts a tie as no improvement and never takes a non-finite value', async () => {
    const { best } = await train([Number.NaN, 0.5, 0.5, Number.POSITIVE_INFINITY], {});
    expect(best.epoch).toBe(2);
    expect(best.value).toBe(0.5);
  });

  it("with restore 'always', ends training with the best epoch's weights", async () => {
    const { best, snapshots, final } = await train([0.9, 0.3, 0.6], { restore: 'always' });
    expect(best.epoch).toBe(2);
    expect(values(final)).toEqual(values(snapshots[1]!));
  });

  it("with restore 'on-abort', restores only when an abort signal stopped the run", async () => {
    const finished = await train([0.9, 0.3, 0.6], { restore: 'on-abort' });
    expect(values(finished.final)).toEqual(values(finished.snapshots[2]!));

    const controller = new AbortController();
    const best = bestWeights({ restore: 'on-abort' });
    const script = scripted([0.9, 0.3, 0.6, 0.7]);
    const { onEpochEnd: _onEpochEnd, ...rest } = best;
    const model = smallNet(3);
    const history = await fit(model, blobs(30, 1), {
      loss: softmaxCrossEntropy,
      optimizer: sgd({ learningRate: 0.1 }),
      epochs: 4,
      batchSize: 10,
      callbacks: [
        ...script.callbacks(best),
        rest as Callback,
        // Ctrl-C during epoch 4, after its first step: those steps are dropped.
        { onBatchEnd: ({ step }) => void (step === 10 ? controller.abort() : undefined) },
      ],
      signal: controller.signal,
    });
    expect(history.stopReason).toBe('aborted');
    expect(best.epoch).toBe(2);
    expect(values(model.stateDict())).toEqual(values(script.snapshots[1]!));
  });

  it('starts afresh in every fit it is used in', async () => {
    const best = bestWeights({ monitor: 'cost' });
    const run = (epochs: number, seed: number) =>
      fit(smallNet(seed), blobs(30, 1), {
        loss: softmaxCrossEntropy,
        optimizer: sgd({ learningRate: 0.1 }),
        epochs,
        batchSize: 10,
        callbacks: [best],
      });
    const first = await run(6, 1);
    expect(best.epoch).toBe(6);
    expect(best.value).toBe(first.epochs[5]!.cost);
    // A fresh model's first epoch costs more than the trained one's last, yet it is the best of its run.
    const second = await run(1, 2);
    expect(second.epochs[0]!.cost).toBeGreaterThan(first.epochs[5]!.cost);
    expect(best.epoch).toBe(1);
    expect(best.value).toBe(second.epochs[0]!.cost);
  });

  it('throws a ConfigError when the monitored quantity is missing from the logs', async () => {
    await expect(
      fit(smallNet(1), blobs(30, 2), {
        loss: softmaxCrossEntropy,
        optimizer: sgd({ learningRate: 0.1 }),
        epochs: 1,
        batchSize: 10,
        callbacks: [bestWeights()],
      }),
    ).rejects.toThrow(/bestWeights: monitor 'devCost' is missing from the logs of epoch 1/);
  });

  it.each([
    [{ monitor: 'val_loss' }, "callback 'best-weights': option 'monitor' must match"],
    [{ monitor: 'metrics.f1' }, "no default mode for monitor 'metrics.f1'"],
    [{ mode: 'lower' }, 'mode'],
    [{ restore: true }, 'restore'],
  ])('rejects %o', (options, message) => {
    let error: unknown;
    try {
      bestWeights(options as BestWeightsOptions);
    } catch (caught) {
      error = caught;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(message);
  });

  it("is the registry's 'best-weights' callback, created with the same validation", () => {
    const registry = createRegistry({ plugins: [plugin] });
    const best = registry.create('callback', 'best-weights', {
      monitor: 'devMetrics.error-rate',
      restore: 'on-abort',
    });
    expect(best.name).toBe('best-weights');
    expect(() =>
      registry.create('callback', 'best-weights', { restore: 'sometimes' as never }),
    ).toThrow(/restore/);
  });
});

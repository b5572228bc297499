import { definePlugin, option, type Callback } from '@deeptune/core';
import type { ProgressListener } from '../fit/progress-event.js';

/**
 * Options of {@link progress}.
 *
 * @category Progress
 */
export interface ProgressOptions {
  /** Receives every event. */
  readonly listener: ProgressListener;
  /**
   * Emit `'batch-end'` every this many steps (the other events always): an integer ≥ 1.
   * @defaultValue 1
   */
  readonly every?: number;
}

/** The options schema of the `progress` callback plugin. */
const progressSchema = {
  /** Receives every event. */
  listener: option.custom({
    typeName: 'function (event) => void',
    check: (value: unknown): value is ProgressListener => typeof value === 'function',
    description: 'Receives every progress event.',
  }),
  /** Emit `'batch-end'` every this many steps. */
  every: option.number({
    default: 1,
    integer: true,
    min: 1,
    description: "Emit 'batch-end' every this many steps.",
  }),
};

/** Builds the callback from validated options. */
function createProgress(listener: ProgressListener, every: number): Callback {
  let epochStarted = 0;
  return {
    name: 'progress',
    onTrainBegin: ({ epochs, stepsPerEpoch }) => {
      listener({ type: 'train-begin', epochs, stepsPerEpoch });
    },
    onEpochBegin: ({ epoch, epochs }) => {
      epochStarted = performance.now();
      listener({ type: 'epoch-begin', epoch, epochs });
    },
    onBatchEnd: ({ epoch, step, stepsPerEpoch, logs }) => {
      if (step % every !== 0) return;
      const batch = step - (epoch - 1) * stepsPerEpoch;
      listener({ type: 'batch-end', epoch, step, batch, stepsPerEpoch, logs });
    },
    onEpochEnd: ({ epoch, epochs, step, logs }) => {
      const seconds = (performance.now() - epochStarted) / 1000;
      listener({ type: 'epoch-end', epochs, record: { ...logs, epoch, step, seconds } });
    },
    onTrainEnd: ({ step, stopReason }) => {
      listener({ type: 'train-end', step, stopReason });
    },
  };
}

/**
 * The `progress` callback as a registry entry:
 * `registry.create('callback', 'progress', { listener })`.
 *
 * @category Progress
 */
export const progressPlugin = definePlugin({
  kind: 'callback',
  name: 'progress',
  description: 'Turns the training loop into a stream of progress events for CLIs and charts.',
  options: progressSchema,
  create: ({ listener, every }): Callback => createProgress(listener, every),
});

/**
 * A callback that turns training into a stream of {@link ProgressEvent}s — the one event
 * stream that the CLI's progress bar and the web demo's charts both render.
 *
 * `fit(model, data, { onProgress })` adds it for you.
 *
 * @param options - `listener` and `every` (emit `'batch-end'` every N steps).
 * @returns a {@link @deeptune/core!Callback} named `'progress'`.
 * @throws {@link @deeptune/core!ConfigError} when `listener` is not a function.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `every` is not an integer ≥ 1.
 * @category Progress
 *
 * @example
 * ```ts
 * const history = await fit(model, train, {
 *   loss,
 *   optimizer,
 *   epochs: 5,
 *   batchSize: 64,
 *   callbacks: [
 *     progress({
 *       every: 10,
 *       listener: (event) => {
 *         if (event.type === 'epoch-end') chart.push(event.record.epoch, event.record.cost);
 *       },
 *     }),
 *   ],
 * });
 * ```
 */
export function progress(options: ProgressOptions): Callback {
  return progressPlugin.create(options);
}

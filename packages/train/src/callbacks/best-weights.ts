import {
  ConfigError,
  MONITOR_PATTERN,
  defaultMonitorMode,
  definePlugin,
  option,
  readMonitor,
  type Callback,
  type StateDict,
} from '@deeptune/core';

/**
 * When {@link bestWeights} loads the best epoch's weights back into the model, at the end of
 * training: `'never'` (it only keeps them), `'on-abort'` (when an abort signal stopped the
 * run, so that an interrupted run keeps its best epoch, not a half-trained one) or
 * `'always'` (like Keras's `restore_best_weights`).
 *
 * @category Callbacks
 */
export type BestWeightsRestore = 'never' | 'on-abort' | 'always';

/**
 * Options of {@link bestWeights}.
 *
 * @category Callbacks
 */
export interface BestWeightsOptions {
  /**
   * The epoch quantity that decides which epoch is best: `'devCost'`, `'cost'`,
   * `'dataCost'`, `'regularizationCost'`, `'metrics.<name>'` or `'devMetrics.<name>'`.
   * @defaultValue 'devCost'
   */
  readonly monitor?: string;
  /**
   * Whether lower (`'min'`) or higher (`'max'`) is better. Defaults per monitor: `'min'` for
   * every cost and for `loss` and `error-rate` metrics, `'max'` for `accuracy` metrics;
   * required for any other metric (the direction is never guessed from the name).
   */
  readonly mode?: 'min' | 'max';
  /**
   * When to load the best weights back into the model at the end of training; see
   * {@link BestWeightsRestore}.
   * @defaultValue 'never'
   */
  readonly restore?: BestWeightsRestore;
}

/**
 * The callback of {@link bestWeights}, with what it kept.
 *
 * @category Callbacks
 */
export interface BestWeights extends Callback {
  /** The best epoch so far (counted from 1), or `null` before an epoch with a finite value ends. */
  readonly epoch: number | null;
  /** The monitored value of the best epoch, or `null`. */
  readonly value: number | null;
  /** A copy of the model's state (weights and buffers) after the best epoch, or `null`. */
  readonly weights: StateDict | null;
}

/** Which direction is an improvement. */
type Mode = 'min' | 'max';

/** Builds the callback from validated options. */
function createBestWeights(options: {
  readonly monitor: string;
  readonly mode?: Mode;
  readonly restore: BestWeightsRestore;
}): BestWeights {
  const { monitor, restore } = options;
  const mode = options.mode ?? defaultMonitorMode(monitor);
  if (mode === undefined) {
    throw new ConfigError(
      `bestWeights: no default mode for monitor '${monitor}'; expected mode: 'min' or 'max'. Hint: 'max' when higher is better (like accuracy).`,
    );
  }
  let epoch: number | null = null;
  let value: number | null = null;
  let weights: StateDict | null = null;
  return {
    name: 'best-weights',
    get epoch() {
      return epoch;
    },
    get value() {
      return value;
    },
    get weights() {
      return weights;
    },
    onTrainBegin: () => {
      epoch = null;
      value = null;
      weights = null;
    },
    onEpochEnd: (context) => {
      const current = readMonitor(context.logs, monitor);
      if (current === undefined) {
        throw new ConfigError(
          `bestWeights: monitor '${monitor}' is missing from the logs of epoch ${context.epoch}. Hint: give fit devData for dev quantities and list the metric in fit's metrics, or monitor 'cost'.`,
        );
      }
      // NaN and ±Infinity (a diverging epoch) are never the best.
      if (!Number.isFinite(current)) return;
      const better = value === null || (mode === 'min' ? current < value : current > value);
      if (!better) return;
      value = current;
      epoch = context.epoch;
      weights = context.model.stateDict();
    },
    onTrainEnd: ({ model, stopReason }) => {
      if (weights === null) return;
      if (restore === 'always' || (restore === 'on-abort' && stopReason === 'aborted')) {
        model.loadStateDict(weights);
      }
    },
  };
}

/**
 * The `best-weights` callback as a registry entry:
 * `registry.create('callback', 'best-weights', { monitor, mode, restore })`.
 *
 * @category Callbacks
 */
export const bestWeightsPlugin = definePlugin({
  kind: 'callback',
  name: 'best-weights',
  description:
    "Keeps a copy of the best epoch's weights (lowest dev cost by default) and can restore them.",
  options: {
    /** The epoch quantity that decides which epoch is best. */
    monitor: option.string({
      default: 'devCost',
      pattern: MONITOR_PATTERN,
      description: "The epoch quantity that decides the best epoch, e.g. 'devCost'.",
    }),
    /** Whether lower or higher is better. */
    mode: option.enum(['min', 'max'] as const, {
      optional: true,
      description: "'min' when lower is better, 'max' when higher is better; defaults per monitor.",
    }),
    /** When to load the best weights back at the end of training. */
    restore: option.enum(['never', 'on-abort', 'always'] as const, {
      default: 'never',
      description:
        "When to load the best weights back at the end of training: 'never', 'on-abort' or 'always'.",
    }),
  },
  create: (options): BestWeights => createBestWeights(options),
});

/**
 * A callback that keeps a copy of the model's weights after its best epoch — the epoch with
 * the lowest dev cost by default — and can load them back when training ends: Keras's
 * `ModelCheckpoint(save_best_only=True)` kept in memory, with `restore` as its
 * `restore_best_weights`.
 *
 * After every epoch it reads the monitored quantity; when it is better than every earlier
 * epoch's (strictly lower with `mode: 'min'`, strictly higher with `'max'`), it snapshots
 * `model.stateDict()` (copies of parameters and buffers). Non-finite values never count.
 * Read the result from `epoch`, `value` and `weights`, or let `restore` load the weights
 * back: `'on-abort'` suits a run a user may interrupt (Ctrl-C), so that the model keeps the
 * best epoch rather than the steps after it. It never stops training; for that, use early
 * stopping from `@deeptune/regularization`, which restores the best weights itself.
 *
 * Monitor the training `'cost'` when there is no dev set (J then includes the
 * regularization term, the quantity being minimised).
 *
 * @param options - `monitor` (`'devCost'`), `mode` (by monitor), `restore` (`'never'`).
 * @returns a {@link BestWeights} callback named `'best-weights'`.
 * @throws {@link @deeptune/core!ConfigError} when `monitor` is not a known quantity, `mode`
 *   is not `'min'`/`'max'` or is missing for a monitor without a default, or `restore` is
 *   not `'never'`, `'on-abort'` or `'always'`; during training, when the monitored quantity
 *   is missing from the epoch logs (no dev data for `'devCost'`).
 * @category Callbacks
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * process.once('SIGINT', () => controller.abort());
 * const best = bestWeights({ monitor: 'devCost', restore: 'on-abort' });
 * const history = await fit(model, train, {
 *   loss,
 *   optimizer,
 *   epochs: 50,
 *   batchSize: 64,
 *   devData: dev,
 *   callbacks: [best],
 *   signal: controller.signal,
 * });
 * if (history.stopReason === 'aborted') console.log(`kept epoch ${best.epoch}, dev cost ${best.value}`);
 * ```
 */
export function bestWeights(options: BestWeightsOptions = {}): BestWeights {
  return bestWeightsPlugin.create(options);
}

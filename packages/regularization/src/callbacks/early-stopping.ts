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

/** Which direction is an improvement. */
type Mode = 'min' | 'max';

/** Options of {@link earlyStopping}. */
export interface EarlyStoppingOptions {
  /**
   * The epoch quantity to watch: `'devCost'`, `'cost'`, `'dataCost'`,
   * `'regularizationCost'`, `'metrics.<name>'` or `'devMetrics.<name>'` (e.g.
   * `'devMetrics.accuracy'`).
   * @defaultValue 'devCost'
   */
  readonly monitor?: string;
  /**
   * How many epochs without improvement to tolerate before stopping: an integer ≥ 0.
   * @defaultValue 3
   */
  readonly patience?: number;
  /**
   * The smallest change that counts as an improvement, a number ≥ 0 (absolute, in the
   * monitored quantity's units).
   * @defaultValue 0
   */
  readonly minDelta?: number;
  /**
   * Whether lower (`'min'`) or higher (`'max'`) is better. Defaults per monitor: `'min'` for
   * every cost and for `loss` and `error-rate` metrics, `'max'` for `accuracy` metrics;
   * required for any other metric.
   */
  readonly mode?: 'min' | 'max';
  /**
   * At the end of training, load the weights of the best epoch back into the model.
   * @defaultValue true
   */
  readonly restoreBestWeights?: boolean;
}

/**
 * The early-stopping callback, with what it observed.
 */
export interface EarlyStopping extends Callback {
  /** The epoch with the best monitored value so far (`null` before the first epoch ends). */
  readonly bestEpoch: number | null;
  /** The best monitored value so far. */
  readonly best: number | null;
  /** The epoch after which it asked training to stop, or `null`. */
  readonly stoppedEpoch: number | null;
}

/** Builds the callback from validated options. */
function createEarlyStopping(options: {
  readonly monitor: string;
  readonly patience: number;
  readonly minDelta: number;
  readonly mode?: Mode;
  readonly restoreBestWeights: boolean;
}): EarlyStopping {
  const { monitor, patience, minDelta, restoreBestWeights } = options;
  const mode = options.mode ?? defaultMonitorMode(monitor);
  if (mode === undefined) {
    throw new ConfigError(
      `callback 'early-stopping': no default mode for monitor '${monitor}'; expected option 'mode': 'min' or 'max'. Hint: 'max' when higher is better (like accuracy).`,
    );
  }
  let best: number | null = null;
  let bestEpoch: number | null = null;
  let stoppedEpoch: number | null = null;
  let bestWeights: StateDict | null = null;
  let lastEpoch = 0;
  let wait = 0;
  return {
    name: 'early-stopping',
    get best() {
      return best;
    },
    get bestEpoch() {
      return bestEpoch;
    },
    get stoppedEpoch() {
      return stoppedEpoch;
    },
    onTrainBegin: () => {
      best = null;
      bestEpoch = null;
      stoppedEpoch = null;
      bestWeights = null;
      lastEpoch = 0;
      wait = 0;
    },
    onEpochEnd: ({ epoch, logs, model, stop }) => {
      lastEpoch = epoch;
      const value = readMonitor(logs, monitor);
      if (value === undefined) {
        throw new ConfigError(
          `earlyStopping: monitor '${monitor}' is missing from the logs of epoch ${epoch}. Hint: give fit devData for dev quantities and list the metric in fit's metrics, or monitor 'cost'.`,
        );
      }
      const improved =
        best === null
          ? Number.isFinite(value)
          : mode === 'min'
            ? value < best - minDelta
            : value > best + minDelta;
      if (improved) {
        best = value;
        bestEpoch = epoch;
        wait = 0;
        if (restoreBestWeights) bestWeights = model.stateDict();
        return;
      }
      wait += 1;
      if (wait >= patience) {
        stoppedEpoch = epoch;
        stop(
          `early stopping: ${monitor} has not improved by more than ${minDelta} for ${wait} epochs (best ${best ?? 'none'} at epoch ${bestEpoch ?? 'none'})`,
        );
      }
    },
    onTrainEnd: ({ model }) => {
      if (restoreBestWeights && bestWeights !== null && bestEpoch !== lastEpoch) {
        model.loadStateDict(bestWeights);
      }
    },
  };
}

/**
 * The `early-stopping` callback as a registry entry:
 * `registry.create('callback', 'early-stopping', { monitor, patience, minDelta, mode, restoreBestWeights })`.
 */
export const earlyStoppingPlugin = definePlugin({
  kind: 'callback',
  name: 'early-stopping',
  description:
    'Stops training when a monitored quantity stops improving; restores the best weights.',
  options: {
    /** The epoch quantity to watch. */
    monitor: option.string({
      default: 'devCost',
      pattern: MONITOR_PATTERN,
      description: "The epoch quantity to watch, e.g. 'devCost' or 'devMetrics.accuracy'.",
    }),
    /** Epochs without improvement to tolerate. */
    patience: option.number({
      default: 3,
      integer: true,
      min: 0,
      description: 'Epochs without improvement to tolerate before stopping.',
    }),
    /** The smallest change that counts as an improvement. */
    minDelta: option.number({
      default: 0,
      min: 0,
      description: 'The smallest change that counts as an improvement.',
    }),
    /** Whether lower or higher is better. */
    mode: option.enum(['min', 'max'] as const, {
      optional: true,
      description: "'min' when lower is better, 'max' when higher is better; defaults per monitor.",
    }),
    /** Load the best weights back at the end. */
    restoreBestWeights: option.boolean({
      default: true,
      description: 'Load the best epoch’s weights back at the end of training.',
    }),
  },
  create: (options): EarlyStopping => createEarlyStopping(options),
});

/**
 * Early stopping: stops training once the monitored quantity (the dev cost by default) has
 * not improved for `patience` epochs in a row (Keras's convention), and puts the weights of the best epoch back
 * into the model — the course's regularizer that picks the number of iterations by the dev
 * set.
 *
 * The best epoch's weights are snapshotted with `model.stateDict()` whenever the monitored
 * value improves, and loaded with `model.loadStateDict()` when training ends (also when it
 * ran all epochs without stopping, if a later epoch was worse). The direction is explicit
 * (`mode`) with a documented default per monitor, never guessed from the name.
 *
 * @remarks
 * ```text
 * improved ⇔ value < best − minDelta   (mode 'min'; 'max': value > best + minDelta)
 * improved: best ← value, snapshot weights, wait ← 0
 * otherwise: wait ← wait + 1; stop when wait ≥ patience (as Keras: `patience` epochs without improvement)
 * ```
 * With `patience: 0`, training stops after the first epoch that does not improve.
 *
 * @param options - `monitor` ('devCost'), `patience` (3), `minDelta` (0), `mode`,
 *   `restoreBestWeights` (true).
 * @returns a `Callback` (the `@deeptune/core` contract) that also reports `best`, `bestEpoch` and
 *   `stoppedEpoch`.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `patience` is not an
 *   integer ≥ 0 or `minDelta` is negative or not finite, e.g.
 *   `callback 'early-stopping': option 'patience' must be an integer >= 0, got -1` (the same
 *   error `registry.create('callback', 'early-stopping', …)` throws).
 * @throws {@link @deeptune/core!ConfigError} when an option has the wrong type, `monitor` is
 *   not a known quantity, `mode` is not `'min'`/`'max'`, or `mode` is missing for a monitor without a default; during
 *   training, when the monitored quantity is missing from the epoch logs.
 *
 * @example
 * ```ts
 * import { fit } from '@deeptune/train';
 * import { earlyStopping } from '@deeptune/regularization';
 *
 * const stopper = earlyStopping({ monitor: 'devCost', patience: 2 });
 * await fit(model, train, { loss, optimizer, epochs: 100, batchSize: 64, devData: dev, callbacks: [stopper] });
 * stopper.bestEpoch; // the epoch whose weights the model now holds
 * ```
 */
export const earlyStopping: (options?: EarlyStoppingOptions) => EarlyStopping =
  earlyStoppingPlugin.create;

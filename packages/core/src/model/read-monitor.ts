import type { TrainingLogs } from './callback.js';

/**
 * The pattern of the epoch quantities a callback may monitor: `'cost'`, `'dataCost'`,
 * `'regularizationCost'`, `'devCost'`, `'metrics.<name>'` or `'devMetrics.<name>'`.
 *
 * For an options schema (`option.string({ pattern: MONITOR_PATTERN })`), so that every
 * callback that watches a quantity accepts the same names.
 *
 * @example
 * ```ts
 * MONITOR_PATTERN.test('devMetrics.accuracy'); // true
 * MONITOR_PATTERN.test('val_loss'); // false
 * const schema = { monitor: option.string({ default: 'devCost', pattern: MONITOR_PATTERN }) };
 * ```
 */
export const MONITOR_PATTERN =
  /^(cost|dataCost|regularizationCost|devCost|(metrics|devMetrics)\.[a-z][a-z0-9-]*)$/;

/**
 * Whether `monitor` names an epoch quantity that {@link readMonitor} can read.
 *
 * @param monitor - anything, e.g. a callback's `monitor` option.
 * @returns `true` when `monitor` is a string matching {@link MONITOR_PATTERN}.
 *
 * @example
 * ```ts
 * isMonitorName('devCost'); // true
 * isMonitorName('metrics.error-rate'); // true
 * isMonitorName('accuracy'); // false: 'metrics.accuracy' or 'devMetrics.accuracy'
 * ```
 */
export function isMonitorName(monitor: unknown): monitor is string {
  return typeof monitor === 'string' && MONITOR_PATTERN.test(monitor);
}

/**
 * Reads a monitored quantity from an epoch's logs, for callbacks such as early stopping
 * and learning-rate schedulers.
 *
 * `'cost'`, `'dataCost'`, `'regularizationCost'` and `'devCost'` are read from the logs
 * themselves, `'metrics.<name>'` from `logs.metrics` and `'devMetrics.<name>'` from
 * `logs.devMetrics`. The result is `undefined` when the logs lack the quantity (no dev data,
 * a metric that was not computed) or the name is not one of these forms; the caller
 * decides how to report that.
 *
 * @param logs - the epoch logs a callback's `onEpochEnd` receives.
 * @param monitor - the quantity, e.g. `'devCost'` or `'devMetrics.accuracy'`.
 * @returns the value, or `undefined` when the logs do not have it.
 *
 * @example
 * ```ts
 * const stopper: Callback = {
 *   onEpochEnd: ({ logs, epoch }) => {
 *     const accuracy = readMonitor(logs, 'devMetrics.accuracy');
 *     if (accuracy === undefined) throw new ConfigError(`no dev accuracy in epoch ${epoch}`);
 *   },
 * };
 * readMonitor({ cost: 0.5, dataCost: 0.4, regularizationCost: 0.1, metrics: {}, learningRate: 0.01 }, 'cost'); // 0.5
 * ```
 */
export function readMonitor(logs: TrainingLogs, monitor: string): number | undefined {
  if (monitor === 'cost' || monitor === 'dataCost' || monitor === 'regularizationCost') {
    return logs[monitor];
  }
  if (monitor === 'devCost') return logs.devCost;
  if (monitor.startsWith('metrics.')) return logs.metrics[monitor.slice('metrics.'.length)];
  if (monitor.startsWith('devMetrics.')) {
    return logs.devMetrics?.[monitor.slice('devMetrics.'.length)];
  }
  return undefined;
}

/** The documented default directions; anything else needs an explicit mode. */
const DEFAULT_MONITOR_MODES: Readonly<Record<string, 'min' | 'max'>> = Object.freeze({
  cost: 'min',
  dataCost: 'min',
  regularizationCost: 'min',
  devCost: 'min',
  'metrics.loss': 'min',
  'devMetrics.loss': 'min',
  'metrics.error-rate': 'min',
  'devMetrics.error-rate': 'min',
  'metrics.accuracy': 'max',
  'devMetrics.accuracy': 'max',
});

/**
 * Which direction is an improvement for a monitored quantity, when it is known: `'min'` for
 * the costs, losses and error rates, `'max'` for accuracies, `undefined` for anything else
 * (a callback then asks for an explicit `mode`: the direction is never guessed from a name).
 * Early stopping and best-weights callbacks share it, so they agree on every quantity.
 *
 * @param monitor - the quantity, e.g. `'devCost'` or `'devMetrics.accuracy'`.
 * @returns `'min'`, `'max'` or `undefined`.
 *
 * @example
 * ```ts
 * defaultMonitorMode('devCost'); // 'min'
 * defaultMonitorMode('devMetrics.accuracy'); // 'max'
 * defaultMonitorMode('metrics.f1'); // undefined: say mode 'max' yourself
 * ```
 */
export function defaultMonitorMode(monitor: string): 'min' | 'max' | undefined {
  return Object.hasOwn(DEFAULT_MONITOR_MODES, monitor) ? DEFAULT_MONITOR_MODES[monitor] : undefined;
}

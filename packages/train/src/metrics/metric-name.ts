/**
 * The metrics `fit` and `evaluate` compute, in inference mode:
 *
 * - `'accuracy'` — the fraction of examples whose predicted class is the target class;
 * - `'error-rate'` — 1 − accuracy, the error of the course's bias/variance recipe;
 * - `'loss'` — the data cost (the loss, without regularization penalties).
 *
 * The predicted class is the arg-max of the outputs for `[m, C]` outputs with C ≥ 2, and
 * `output > 0` for a single logit (`[m, 1]`, binary cross-entropy). Targets are class
 * indices `[m]`, one-hot or probability rows `[m, C]` (arg-max), or 0/1 labels `[m, 1]`.
 *
 * @category Metrics
 */
export const METRIC_NAMES = ['accuracy', 'error-rate', 'loss'] as const;

/**
 * The name of a built-in metric; see {@link METRIC_NAMES}.
 *
 * @category Metrics
 */
export type MetricName = (typeof METRIC_NAMES)[number];

/**
 * Whether `value` is one of the {@link METRIC_NAMES}.
 *
 * @param value - anything, e.g. a command-line flag.
 * @returns `true` for `'accuracy'`, `'error-rate'` and `'loss'`.
 * @category Metrics
 *
 * @example
 * ```ts
 * isMetricName('accuracy'); // true
 * isMetricName('acc'); // false
 * ```
 */
export function isMetricName(value: unknown): value is MetricName {
  return typeof value === 'string' && (METRIC_NAMES as readonly string[]).includes(value);
}

import {
  ConfigError,
  closestMatch,
  describeValue,
  option,
  type Callback,
  type Loss,
  type Regularizer,
} from '@deeptune/core';
import type { Dataset } from '@deeptune/data';
import type { Optimizer } from '@deeptune/optimizers';
import { METRIC_NAMES, isMetricName, type MetricName } from '../metrics/metric-name.js';

/**
 * Whether `value` is a function.
 * @internal
 */
export function isFunction(value: unknown): value is (...args: never[]) => unknown {
  return typeof value === 'function';
}

/**
 * Whether `value` is an array (its elements are checked separately).
 * @internal
 */
export function isArray(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

/**
 * Whether `value` looks like a `Dataset` (`{ inputs, targets, size }`); an empty one passes.
 * @internal
 */
export function isDataset(value: unknown): value is Dataset {
  const candidate = value as Partial<Dataset> | null;
  return (
    typeof value === 'object' &&
    candidate !== null &&
    typeof candidate.size === 'number' &&
    typeof candidate.inputs === 'object' &&
    typeof candidate.targets === 'object'
  );
}

/**
 * Whether `value` looks like an `Optimizer` (`step` and `zeroGrad`).
 * @internal
 */
export function isOptimizer(value: unknown): value is Optimizer {
  const candidate = value as Partial<Optimizer> | null;
  return (
    typeof value === 'object' &&
    candidate !== null &&
    typeof candidate.step === 'function' &&
    typeof candidate.zeroGrad === 'function'
  );
}

/**
 * Whether `value` looks like an `AbortSignal`.
 * @internal
 */
export function isAbortSignal(value: unknown): value is AbortSignal {
  const candidate = value as Partial<AbortSignal> | null;
  return typeof value === 'object' && candidate !== null && typeof candidate.aborted === 'boolean';
}

/**
 * The `loss` option of `fit` and `evaluate`: a required function.
 * @internal
 */
export const lossOption = option.custom({
  typeName: 'a Loss (outputs, targets) => Tensor',
  check: (value: unknown): value is Loss => isFunction(value),
  description: 'The data term of the cost, e.g. softmaxCrossEntropy.',
});

/**
 * The `metrics` option of `fit` and `evaluate`: an array, whose elements
 * {@link checkMetricNames} checks one by one (naming the index and the closest name).
 * @internal
 */
export const metricsOption = option.custom({
  typeName: `an array of metric names (${METRIC_NAMES.map((name) => `'${name}'`).join(', ')})`,
  check: isArray,
  optional: true,
  description: 'Metrics computed in inference mode.',
});

/**
 * The number of rows per forward pass of `evaluate`, `predict` and `fit`'s evaluations.
 * @internal
 */
export const evaluationBatchSizeOption = option.number({
  integer: true,
  min: 1,
  default: 1024,
  description: 'Rows per forward pass (memory only; the results do not depend on it).',
});

function elementError(
  where: string,
  label: string,
  expected: string,
  value: unknown,
  candidates: readonly string[] = [],
): ConfigError {
  const closest = typeof value === 'string' ? closestMatch(value, candidates) : undefined;
  return new ConfigError(
    `${where}: option '${label}' must be ${expected}, got ${describeValue(value, { withType: true })}` +
      (closest === undefined ? '' : `. Did you mean '${closest}'?`),
  );
}

/**
 * Checks every element of a validated `metrics` array: `fit: option 'metrics[1]' must be
 * one of 'accuracy', 'error-rate', 'loss', got 'acc' (a string). Did you mean 'accuracy'?`.
 * @internal
 */
export function checkMetricNames(
  where: string,
  metrics: readonly unknown[] | undefined,
): readonly MetricName[] {
  const checked: MetricName[] = [];
  for (const [index, metric] of (metrics ?? []).entries()) {
    if (!isMetricName(metric)) {
      const expected = `one of ${METRIC_NAMES.map((name) => `'${name}'`).join(', ')}`;
      throw elementError(where, `metrics[${index}]`, expected, metric, METRIC_NAMES);
    }
    checked.push(metric);
  }
  return checked;
}

/**
 * Checks every element of a validated `callbacks` array (objects with hooks).
 * @internal
 */
export function checkCallbacks(
  where: string,
  callbacks: readonly unknown[] | undefined,
): readonly Callback[] {
  for (const [index, callback] of (callbacks ?? []).entries()) {
    if (typeof callback !== 'object' || callback === null) {
      throw elementError(
        where,
        `callbacks[${index}]`,
        'a Callback object with hooks such as onEpochEnd',
        callback,
      );
    }
  }
  return (callbacks ?? []) as readonly Callback[];
}

/**
 * Checks every element of a validated `regularizers` array (objects with a `penalty`).
 * @internal
 */
export function checkRegularizers(
  where: string,
  regularizers: readonly unknown[] | undefined,
): readonly Regularizer[] {
  for (const [index, regularizer] of (regularizers ?? []).entries()) {
    if (typeof (regularizer as Partial<Regularizer> | null)?.penalty !== 'function') {
      throw elementError(
        where,
        `regularizers[${index}]`,
        'a Regularizer such as l2({ lambda: 0.7 })',
        regularizer,
      );
    }
  }
  return (regularizers ?? []) as readonly Regularizer[];
}

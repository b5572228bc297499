import {
  ConfigError,
  DTYPES,
  InvalidHyperparameterError,
  describeValue,
  type DType,
} from '@deeptune/core';
import type { BatchNormOptions } from '../batch-norm.js';
import { RUNNING_VARIANCES, type RunningVariance } from '../running-variance.js';

/** The options of `BatchNorm` with defaults filled in. @internal */
export interface ResolvedBatchNormOptions {
  readonly features: number;
  readonly epsilon: number;
  readonly runningAverageDecay: number;
  readonly runningVariance: RunningVariance;
  readonly dtype: DType;
}

const KNOWN_OPTIONS: readonly string[] = [
  'features',
  'epsilon',
  'runningAverageDecay',
  'runningVariance',
  'dtype',
];

/** Names other libraries use, with what to write instead. @internal */
const FOREIGN_OPTIONS: Readonly<Record<string, string>> = {
  momentum:
    "deeptune names the running-average weight runningAverageDecay: PyTorch's momentum m is runningAverageDecay 1 − m (0.1 → 0.9), Keras's momentum is runningAverageDecay itself (0.99 → 0.99)",
  decay: 'did you mean runningAverageDecay?',
  eps: 'did you mean epsilon?',
  numFeatures: 'did you mean features?',
  units: 'did you mean features?',
};

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Checks the options of `BatchNorm` once, at the constructor, and fills the defaults.
 * Nothing is clamped or converted: an invalid value throws.
 * @internal
 */
export function resolveOptions(where: string, options: unknown): ResolvedBatchNormOptions {
  if (!isPlainObject(options)) {
    throw new ConfigError(
      `${where}: expected an options object like { features: 128 }, got ${describeValue(options)}.`,
    );
  }
  for (const key of Object.keys(options)) {
    if (KNOWN_OPTIONS.includes(key)) continue;
    const hint = FOREIGN_OPTIONS[key];
    throw new ConfigError(
      `${where}: unknown option ${JSON.stringify(key)}; expected ${KNOWN_OPTIONS.join(', ')}.` +
        (hint === undefined ? '' : ` Hint: ${hint}.`),
    );
  }
  const given = options as Partial<Record<keyof BatchNormOptions, unknown>>;

  const features = given.features;
  if (typeof features !== 'number' || !Number.isInteger(features) || features < 1) {
    throw new ConfigError(
      `${where}: features must be a positive integer (the number of units of the layer before), got ${describeValue(features)}.`,
    );
  }

  const epsilon = given.epsilon ?? 1e-5;
  if (typeof epsilon !== 'number' || !(epsilon > 0) || !Number.isFinite(epsilon)) {
    throw new InvalidHyperparameterError(
      `${where}: epsilon must be a finite number > 0, got ${describeValue(epsilon)}. ` +
        'Hint: ε keeps √(σ² + ε) away from 0 when a feature is constant over a batch; the default is 1e-5.',
    );
  }

  const runningAverageDecay = given.runningAverageDecay ?? 0.9;
  if (
    typeof runningAverageDecay !== 'number' ||
    !(runningAverageDecay >= 0 && runningAverageDecay < 1)
  ) {
    throw new InvalidHyperparameterError(
      `${where}: runningAverageDecay must be in [0, 1), got ${describeValue(runningAverageDecay)}. ` +
        "Hint: it is the weight of the old average (0.9 keeps 90% of it per batch); PyTorch's momentum m corresponds to 1 − m, Keras's momentum to the same value.",
    );
  }

  const runningVariance = given.runningVariance ?? 'unbiased';
  if (
    typeof runningVariance !== 'string' ||
    !(RUNNING_VARIANCES as readonly string[]).includes(runningVariance)
  ) {
    throw new ConfigError(
      `${where}: runningVariance must be one of ${RUNNING_VARIANCES.map((v) => `'${v}'`).join(', ')}, got ${describeValue(runningVariance)}. ` +
        "Hint: 'unbiased' averages σ²·m/(m − 1) as PyTorch does, 'biased' averages the 1/m batch variance σ² as the course and Keras do.",
    );
  }

  const dtype = given.dtype ?? 'float32';
  if (typeof dtype !== 'string' || !(DTYPES as readonly string[]).includes(dtype)) {
    throw new ConfigError(
      `${where}: dtype must be one of ${DTYPES.map((d) => `'${d}'`).join(', ')}, got ${describeValue(dtype)}.`,
    );
  }

  return {
    features,
    epsilon,
    runningAverageDecay,
    runningVariance: runningVariance as RunningVariance,
    dtype: dtype as DType,
  };
}

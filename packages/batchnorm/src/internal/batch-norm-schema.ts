import { ConfigError, DTYPES, option, validateOptions, type OptionsOf } from '@deeptune/core';
import { RUNNING_VARIANCES } from '../running-variance.js';

/**
 * The `where` of the messages about the options of batch norm, as the registry writes it.
 * @internal
 */
export const BATCH_NORM_WHERE = "layer 'batch-norm'";

/**
 * The options schema of the `batch-norm` layer: the one description of its options, used
 * by the plugin entry and by the `BatchNorm` constructor alike, so both report a bad option
 * with the same error and message.
 * @internal
 */
export const batchNormSchema = {
  features: option.number({
    integer: true,
    min: 1,
    description: 'The number of features n (the units of the layer before).',
  }),
  epsilon: option.number({
    default: 1e-5,
    exclusiveMin: 0,
    scale: 'log',
    description: 'ε added to the variance for numerical stability.',
  }),
  runningAverageDecay: option.number({
    default: 0.9,
    min: 0,
    exclusiveMax: 1,
    description:
      'Weight of the old value in the running averages (PyTorch momentum = 1 − decay; Keras momentum = decay).',
  }),
  runningVariance: option.enum(RUNNING_VARIANCES, {
    default: 'unbiased',
    description:
      "The batch variance the running variance averages: 'unbiased' σ²·m/(m − 1) (PyTorch) or 'biased' σ² (the course, Keras).",
  }),
  dtype: option.enum(DTYPES, {
    default: 'float32',
    description: 'The dtype of the parameters and running averages.',
  }),
};

/** Names other libraries use, with what to write instead. */
const FOREIGN_OPTIONS: Readonly<Record<string, string>> = {
  momentum:
    "deeptune names the running-average weight runningAverageDecay: PyTorch's momentum m is runningAverageDecay 1 − m (0.1 → 0.9), Keras's momentum is runningAverageDecay itself (0.99 → 0.99)",
  decay: 'did you mean runningAverageDecay?',
  eps: 'did you mean epsilon?',
  numFeatures: 'did you mean features?',
  units: 'did you mean features?',
};

/**
 * Validates the options of `BatchNorm` through {@link batchNormSchema} and fills the
 * defaults. An option named as in another library (`momentum`, `eps`, …) gets the schema's
 * unknown-option message plus a hint on how to convert it.
 * @internal
 */
export function resolveBatchNormOptions(options: unknown): OptionsOf<typeof batchNormSchema> {
  try {
    return validateOptions(BATCH_NORM_WHERE, batchNormSchema, options);
  } catch (error) {
    if (!ConfigError.isInstance(error) || typeof options !== 'object' || options === null) {
      throw error;
    }
    const foreign = Object.keys(options).find(
      (key) =>
        Object.hasOwn(FOREIGN_OPTIONS, key) && error.message.includes(`unknown option '${key}'`),
    );
    if (foreign === undefined) throw error;
    throw new ConfigError(`${error.message} Hint: ${FOREIGN_OPTIONS[foreign]}.`, { cause: error });
  }
}

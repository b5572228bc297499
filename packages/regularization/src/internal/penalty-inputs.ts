import { ConfigError, type NamedParameter } from '@deeptune/core';
import { describeValue } from './check-hyperparameter.js';

/**
 * Checks the arguments of a regularizer's `penalty` and returns the parameters it
 * penalises: those with role `'weight'` (not biases, not batch-norm γ and β).
 *
 * @throws {@link ConfigError} unless `parameters` is an array and `batchSize` a positive
 *   integer.
 * @internal
 */
export function penalisedWeights(
  where: string,
  parameters: readonly NamedParameter[],
  batchSize: number,
): NamedParameter[] {
  if (!Array.isArray(parameters)) {
    throw new ConfigError(
      `${where}: parameters must be an array of named parameters, got ${describeValue(parameters)}. ` +
        'Hint: pass model.namedParameters().',
    );
  }
  if (typeof batchSize !== 'number' || !Number.isInteger(batchSize) || batchSize < 1) {
    throw new ConfigError(
      `${where}: batchSize must be a positive integer (the number of examples m in the batch), ` +
        `got ${describeValue(batchSize)}.`,
    );
  }
  return parameters.filter((parameter) => parameter.role === 'weight');
}

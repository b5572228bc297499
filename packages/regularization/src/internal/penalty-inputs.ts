import {
  ConfigError,
  zeros,
  type NamedParameter,
  type Tensor,
  describeValue,
} from '@deeptune/core';

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

/**
 * Σ over the penalised weights of `term(W)` (a one-element tensor each), for a regularizer's
 * `penalty`; a zero scalar when the model has no weights.
 * @internal
 */
export function sumOverWeights(
  where: string,
  parameters: readonly NamedParameter[],
  batchSize: number,
  term: (weight: Tensor) => Tensor,
): Tensor {
  const weights = penalisedWeights(where, parameters, batchSize);
  if (weights.length === 0) return zeros([], { dtype: parameters[0]?.value.dtype ?? 'float32' });
  let total = term(weights[0]!.value);
  for (let i = 1; i < weights.length; i++) total = total.add(term(weights[i]!.value));
  return total;
}

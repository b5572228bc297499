import { ConfigError, type NamedParameter } from '@deeptune/core';

/** How many foreign parameter paths a message names. */
const NAMED = 3;

/**
 * Throws a `ConfigError` when an optimizer that already holds parameters holds any tensor
 * that is not one of the model's: it would step the other model's weights and silently
 * train nothing here. Parameters are compared by identity, so an optimizer built for another
 * instance of the same architecture (same paths, other tensors) is refused too. An optimizer
 * that holds some of the model's parameters only (the rest frozen) passes.
 * @internal
 */
export function checkOptimizerParameters(
  where: string,
  held: readonly NamedParameter[],
  modelParameters: readonly NamedParameter[],
): void {
  const tensors = new Set(modelParameters.map((parameter) => parameter.value));
  const foreign = held.filter((parameter) => !tensors.has(parameter.value));
  if (foreign.length === 0) return;
  const paths = new Set(modelParameters.map((parameter) => parameter.path));
  const named = foreign
    .slice(0, NAMED)
    .map((parameter) => `'${parameter.path}'`)
    .join(', ');
  const more = foreign.length > NAMED ? ` and ${foreign.length - NAMED} more` : '';
  const verb = foreign.length === 1 ? 'is not' : 'are not';
  const sameNames = foreign.every((parameter) => paths.has(parameter.path))
    ? '; this model has parameters of the same names, but they are other tensors (another instance of the same architecture)'
    : '';
  throw new ConfigError(
    `${where}: the optimizer already holds the parameters of another model (${named}${more} ${verb} this model's tensors${sameNames}). ` +
      'Hint: create a new optimizer for each model; reuse one only to resume training the same model.',
  );
}

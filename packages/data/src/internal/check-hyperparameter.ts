import { InvalidHyperparameterError, describeValue } from '@deeptune/core';

/**
 * Throws an `InvalidHyperparameterError` unless `value` is an integer `>= min`.
 * @internal
 */
export function checkInteger(where: string, name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InvalidHyperparameterError(
      `${where}: ${name} must be an integer >= ${min}, got ${describeValue(value)}.`,
    );
  }
  return value;
}

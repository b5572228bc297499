import { InvalidHyperparameterError } from '@deeptune/core';
import { describe } from './describe.js';

/**
 * Throws an `InvalidHyperparameterError` unless `value` is an integer `>= min`.
 * @internal
 */
export function checkInteger(where: string, name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InvalidHyperparameterError(
      `${where}: ${name} must be an integer >= ${min}, got ${describe(value)}.`,
    );
  }
  return value;
}

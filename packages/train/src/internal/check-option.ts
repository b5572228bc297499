import { ConfigError, InvalidHyperparameterError, describeValue } from '@deeptune/core';

/**
 * Checks that `value` is an integer ≥ `min` (or `undefined` when `optional`), never clamping.
 * @internal
 */
export function checkInteger(where: string, name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InvalidHyperparameterError(
      `${where}: ${name} must be an integer ≥ ${min}, got ${describeValue(value)}.`,
    );
  }
  return value;
}

/**
 * Checks that `value` is a function (e.g. a loss).
 * @internal
 */
export function checkFunction(where: string, name: string, value: unknown, expected: string): void {
  if (typeof value !== 'function') {
    throw new ConfigError(`${where}: ${name} must be ${expected}, got ${describeValue(value)}.`);
  }
}

/**
 * Checks that `value` is a boolean.
 * @internal
 */
export function checkBoolean(where: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new ConfigError(`${where}: ${name} must be true or false, got ${describeValue(value)}.`);
  }
  return value;
}

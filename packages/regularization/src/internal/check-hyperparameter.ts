import { InvalidHyperparameterError, describeValue } from '@deeptune/core';

/**
 * The valid range of a hyperparameter: at most one lower and one upper bound, inclusive or
 * exclusive, and whether it must be an integer. Values must always be finite.
 * @internal
 */
export interface HyperparameterRange {
  readonly min?: number;
  readonly exclusiveMin?: number;
  readonly max?: number;
  readonly exclusiveMax?: number;
  readonly integer?: boolean;
}

/** `'a finite number ≥ 0'`, `'a number in (0, 1]'`, `'an integer ≥ 0'`. */
function describeRange(range: HyperparameterRange): string {
  const noun = range.integer === true ? 'an integer' : 'a number';
  const lower = range.min ?? range.exclusiveMin;
  const upper = range.max ?? range.exclusiveMax;
  if (lower !== undefined && upper !== undefined) {
    const open = range.exclusiveMin !== undefined ? '(' : '[';
    const close = range.exclusiveMax !== undefined ? ')' : ']';
    return `${noun} in ${open}${lower}, ${upper}${close}`;
  }
  const finiteNoun = range.integer === true ? noun : 'a finite number';
  if (lower !== undefined) return `${finiteNoun} ${range.min !== undefined ? '≥' : '>'} ${lower}`;
  if (upper !== undefined) return `${finiteNoun} ${range.max !== undefined ? '≤' : '<'} ${upper}`;
  return finiteNoun;
}

/** Whether `value` is a finite number inside `range`. */
function inRange(value: number, range: HyperparameterRange): boolean {
  if (!Number.isFinite(value)) return false;
  if (range.integer === true && !Number.isInteger(value)) return false;
  if (range.min !== undefined && value < range.min) return false;
  if (range.exclusiveMin !== undefined && value <= range.exclusiveMin) return false;
  if (range.max !== undefined && value > range.max) return false;
  if (range.exclusiveMax !== undefined && value >= range.exclusiveMax) return false;
  return true;
}

/**
 * Throws an {@link InvalidHyperparameterError} unless `value` is a finite number in `range`,
 * with a message such as `l2: lambda must be a finite number ≥ 0, got -1`. Never clamps.
 *
 * @param where - the function or class, e.g. `'l2'` or `'Dropout'`.
 * @param name - the hyperparameter, e.g. `'lambda'`.
 * @param hint - appended after the message when given.
 * @internal
 */
export function assertHyperparameter(
  where: string,
  name: string,
  value: unknown,
  range: HyperparameterRange,
  hint?: string,
): asserts value is number {
  if (typeof value === 'number' && inRange(value, range)) return;
  throw new InvalidHyperparameterError(
    `${where}: ${name} must be ${describeRange(range)}, got ${describeValue(value, { withType: typeof value !== 'number' })}.` +
      (hint === undefined ? '' : ` Hint: ${hint}`),
  );
}

/**
 * Like {@link assertHyperparameter}, but `undefined` (not given) passes, so that defaults
 * and required-option errors stay with the options schema.
 * @internal
 */
export function assertOptionalHyperparameter(
  where: string,
  name: string,
  value: unknown,
  range: HyperparameterRange,
  hint?: string,
): void {
  if (value !== undefined) assertHyperparameter(where, name, value, range, hint);
}

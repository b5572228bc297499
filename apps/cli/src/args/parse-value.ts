import { closestMatch, describeExpectation, describeValue } from 'deeptune';
import { UsageError } from '../cli-error.js';
import type { Flag, FlagValue } from './flag.js';

/** A decimal number as people type it: `3`, `-0.5`, `1e-3`, `.5`, `Infinity` is not one. */
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A flag or config value for messages, as the libraries show values (`'text'`, `[1, 2]`,
 * `{ epochs: 5 }`, `NaN`), and `nothing` for a missing one.
 */
export function show(value: unknown): string {
  return value === undefined ? 'nothing' : describeValue(value);
}

/**
 * The accepted range of a numeric flag as text, e.g. `'a number in (0, 1]'`, in the library's
 * wording (core's `describeExpectation`, which plugin options use too).
 */
export function describeExpected(flag: Flag): string {
  return describeExpectation({
    type: 'number',
    integer: flag.type === 'integer' || flag.integer === true,
    ...(flag.min === undefined ? {} : { min: flag.min }),
    ...(flag.exclusiveMin === undefined ? {} : { exclusiveMin: flag.exclusiveMin }),
    ...(flag.max === undefined ? {} : { max: flag.max }),
  });
}

function parseNumber(flag: Flag, raw: unknown, where: string): number {
  const value =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string' && NUMBER_PATTERN.test(raw.trim())
        ? Number(raw)
        : NaN;
  if (value === 0 && typeof raw === 'string' && /^[^e]*[1-9]/i.test(raw.trim())) {
    // 1e-400 is not 0: refuse it rather than train with a learning rate of 0.
    throw new UsageError(`${where} ${raw.trim()} is too small to represent (it rounds to 0)`);
  }
  const integer = flag.type === 'integer' || flag.integer === true;
  // Integers beyond 2^53 would be silently rounded (a seed of 2^53 + 1 would act as 2^53).
  const fits =
    Number.isFinite(value) &&
    (!integer || Number.isSafeInteger(value)) &&
    (flag.min === undefined || value >= flag.min) &&
    (flag.exclusiveMin === undefined || value > flag.exclusiveMin) &&
    (flag.max === undefined || value <= flag.max);
  if (!fits) {
    throw new UsageError(`${where} must be ${describeExpected(flag)}, got ${show(raw)}`);
  }
  return value;
}

function parseChoice(flag: Flag, raw: unknown, where: string): string {
  if (typeof raw !== 'string' || raw.length === 0) {
    throw new UsageError(`${where} must be a non-empty string, got ${show(raw)}`);
  }
  if (flag.choices !== undefined && !flag.choices.includes(raw)) {
    const match = closestMatch(raw, flag.choices);
    throw new UsageError(
      `${where}: unknown value ${show(raw)}.${match === undefined ? '' : ` Did you mean '${match}'?`} Expected one of: ${flag.choices.join(', ')}`,
    );
  }
  return raw;
}

function listItems(raw: unknown, where: string): unknown[] {
  if (Array.isArray(raw)) return raw;
  if (typeof raw === 'number') return [raw];
  if (typeof raw === 'string') {
    const trimmed = raw.trim();
    if (trimmed === '') {
      throw new UsageError(
        `${where} is empty; give a comma-separated list, or 'none' for an empty one`,
      );
    }
    return trimmed === 'none' ? [] : trimmed.split(',').map((item) => item.trim());
  }
  throw new UsageError(`${where} must be a comma-separated list, got ${show(raw)}`);
}

/**
 * Checks and converts one flag value, from the command line (a string) or a config file
 * (any JSON value). Nothing is coerced across types: `'0.1'` in a config file is not a number.
 *
 * @param flag - the flag.
 * @param raw - the value as given.
 * @param where - how to name the source in errors: `'--lr'` or `"key 'lr' in run.yaml"`.
 * @param fromCommandLine - whether `raw` came from the command line (strings are parsed).
 */
export function parseFlagValue(
  flag: Flag,
  raw: unknown,
  where: string,
  fromCommandLine: boolean,
): FlagValue {
  switch (flag.type) {
    case 'number':
    case 'integer':
      if (!fromCommandLine && typeof raw !== 'number') {
        throw new UsageError(`${where} must be ${describeExpected(flag)}, got ${show(raw)}`);
      }
      return parseNumber(flag, raw, where);
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (fromCommandLine && (raw === 'true' || raw === 'false')) return raw === 'true';
      throw new UsageError(`${where} must be true or false, got ${show(raw)}`);
    case 'string':
      return parseChoice(flag, raw, where);
    case 'numberList':
      return listItems(raw, where).map((item, index) => {
        if (!fromCommandLine && typeof raw !== 'string' && typeof item !== 'number') {
          throw new UsageError(
            `${where}[${index}] must be ${describeExpected(flag)}, got ${show(item)}`,
          );
        }
        return parseNumber(flag, item, `${where} (item ${index + 1})`);
      });
    case 'stringList':
      return listItems(raw, where).map((item, index) =>
        parseChoice(flag, item, `${where} (item ${index + 1})`),
      );
  }
}

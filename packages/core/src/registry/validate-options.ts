import { ConfigError } from '../errors/config-error.js';
import { InvalidHyperparameterError } from '../errors/invalid-hyperparameter-error.js';
import { checkOptionValue, describeExpectation } from './check-option-value.js';
import { didYouMean } from './closest-match.js';
import { describeValue } from '../format/describe-value.js';
import type { OptionsOf, OptionsSchema } from './option-schema.js';

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Validates options against a schema and returns them with defaults filled in.
 *
 * `input` may be `undefined` (all defaults) or a plain object, typically from code, a parsed
 * config file or parsed command-line flags. Keys whose value is `undefined` count as not
 * given. The result is a new object: options with a default are always present,
 * `optional: true` options only when given, and number lists are copied. Values are never
 * converted, clamped or replaced: the string `'0.1'` for a number option is an error, so a
 * CLI must parse its flags itself before calling this.
 *
 * @param where - who is validating, the start of every message, e.g. `"optimizer 'adam'"`.
 * @param schema - the options schema.
 * @param input - the options to check.
 * @returns the validated options, defaults filled in.
 * @throws {@link ConfigError} when `input` is not a plain object, has a key the schema does
 * not declare (the message suggests the closest valid name), misses a required option, or
 * has a value of the wrong type.
 * @throws {@link InvalidHyperparameterError} when a number is outside its range (or NaN,
 * infinite, or not an integer where one is required), e.g.
 * `optimizer 'adam': option 'learningRate' must be > 0, got -1` — the same class a factory
 * called directly throws for the same value.
 *
 * @example
 * ```ts
 * const schema = {
 *   every: option.number({ integer: true, min: 1, description: 'Epochs between two decays.' }),
 *   factor: option.number({ default: 0.5, exclusiveMin: 0, max: 1, description: 'Decay factor.' }),
 * };
 * validateOptions("schedule 'acme:step'", schema, { every: 10 }); // { every: 10, factor: 0.5 }
 * validateOptions("schedule 'acme:step'", schema, { every: 10, factor: 2 });
 * // InvalidHyperparameterError: schedule 'acme:step': option 'factor' must be in (0, 1], got 2
 * ```
 */
export function validateOptions<S extends OptionsSchema>(
  where: string,
  schema: S,
  input: unknown,
): OptionsOf<S> {
  if (input !== undefined && !isPlainObject(input)) {
    throw new ConfigError(`${where}: options must be a plain object, got ${describeValue(input)}`);
  }
  const given: Readonly<Record<string, unknown>> = input ?? {};
  const names = Object.keys(schema);
  for (const key of Object.keys(given)) {
    if (Object.hasOwn(schema, key)) continue;
    const known =
      names.length === 0
        ? 'It takes no options.'
        : `Known options: ${[...names].sort().join(', ')}.`;
    throw new ConfigError(
      `${where}: unknown option ${describeValue(key)}.${didYouMean(key, names)} ${known}`,
    );
  }
  const result: Record<string, unknown> = {};
  for (const name of names) {
    const spec = schema[name]!;
    const value = given[name];
    if (value === undefined) {
      if (spec.default !== undefined) {
        result[name] = spec.type === 'numberList' ? [...spec.default] : spec.default;
      } else if (spec.optional !== true) {
        throw new ConfigError(
          `${where}: option '${name}' is required (${describeExpectation(spec)}), but it was not given`,
        );
      }
      continue;
    }
    const problem = checkOptionValue(spec, value);
    if (problem !== undefined) {
      const label = problem.index === undefined ? name : `${name}[${problem.index}]`;
      const message = `${where}: option '${label}' ${problem.problem}`;
      throw problem.outOfRange === true
        ? new InvalidHyperparameterError(message)
        : new ConfigError(message);
    }
    result[name] = spec.type === 'numberList' ? [...(value as readonly number[])] : value;
  }
  return result as OptionsOf<S>;
}

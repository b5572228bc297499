import { checkOptionValue } from '../registry/check-option-value.js';
import type { NumberConstraints, OptionSpec, OptionsSchema } from '../registry/option-schema.js';

/** One value an option must reject, with a short description for test names. */
export interface BadOptionValue {
  /** What is wrong with the value, e.g. `'below the minimum 0'` or `'a string'`. */
  readonly description: string;
  /** The value itself, e.g. `-1`, `NaN` or `'0.5'`. */
  readonly value: unknown;
}

/** Settings of {@link validOptionValue} and {@link requiredOptionValues}. */
export interface ValidOptionValueSettings {
  /**
   * Valid values of custom options by their `typeName` (e.g. `'an Rng'`), as functions that
   * make a fresh value. A schema cannot describe how to build a value of a custom type, so
   * required custom options need an entry here.
   * @defaultValue `{}`
   */
  readonly custom?: Readonly<Record<string, () => unknown>>;
}

function accepts(spec: OptionSpec, value: unknown): boolean {
  return checkOptionValue(spec, value) === undefined;
}

function rejects(spec: OptionSpec, value: unknown): boolean {
  return !accepts(spec, value);
}

/** A number the constraints accept: a bound, a neighbour of one, a midpoint, 1 or 0. */
function validNumber(constraints: NumberConstraints): number | undefined {
  const { min, max, exclusiveMin, exclusiveMax } = constraints;
  const lower = min ?? exclusiveMin;
  const upper = max ?? exclusiveMax;
  const candidates = [
    min,
    max,
    lower === undefined ? undefined : lower + 1,
    upper === undefined ? undefined : upper - 1,
    lower === undefined || upper === undefined ? undefined : (lower + upper) / 2,
    lower === undefined ? undefined : Math.floor(lower) + 1,
    1,
    0,
  ];
  const spec: OptionSpec = { ...constraints, type: 'number' };
  return candidates.find(
    (candidate): candidate is number => candidate !== undefined && accepts(spec, candidate),
  );
}

/** Numbers the constraints reject: outside each bound, a fraction, NaN, an infinity. */
function badNumbers(constraints: NumberConstraints): BadOptionValue[] {
  const { min, max, exclusiveMin, exclusiveMax } = constraints;
  const values: BadOptionValue[] = [];
  if (min !== undefined) values.push({ description: `below the minimum ${min}`, value: min - 1 });
  if (exclusiveMin !== undefined) {
    values.push({
      description: `equal to the exclusive minimum ${exclusiveMin}`,
      value: exclusiveMin,
    });
  }
  if (max !== undefined) values.push({ description: `above the maximum ${max}`, value: max + 1 });
  if (exclusiveMax !== undefined) {
    values.push({
      description: `equal to the exclusive maximum ${exclusiveMax}`,
      value: exclusiveMax,
    });
  }
  if (constraints.integer === true) {
    const valid = validNumber(constraints);
    if (valid !== undefined) values.push({ description: 'not an integer', value: valid + 0.5 });
  }
  values.push({ description: 'NaN', value: Number.NaN });
  if (constraints.allowInfinity !== true) {
    values.push({ description: 'Infinity', value: Number.POSITIVE_INFINITY });
  }
  return values;
}

function badValuesOf(spec: OptionSpec): BadOptionValue[] {
  switch (spec.type) {
    case 'number': {
      const valid = validNumber(spec) ?? 1;
      return [
        ...badNumbers(spec),
        { description: 'a numeric string', value: String(valid) },
        { description: 'a boolean', value: true },
      ];
    }
    case 'numberList': {
      const element = validNumber(spec) ?? 1;
      const values: BadOptionValue[] = [
        { description: 'a number instead of a list', value: element },
        { description: 'a string instead of a list', value: String(element) },
      ];
      const length = Math.max(spec.minLength ?? 1, 1);
      for (const bad of badNumbers(spec)) {
        const list: unknown[] = Array.from({ length }, () => element);
        list[length - 1] = bad.value;
        values.push({ description: `a list with an element ${bad.description}`, value: list });
      }
      if (spec.minLength !== undefined && spec.minLength > 0) {
        values.push({
          description: `a list shorter than ${spec.minLength}`,
          value: Array.from({ length: spec.minLength - 1 }, () => element),
        });
      }
      if (spec.maxLength !== undefined) {
        values.push({
          description: `a list longer than ${spec.maxLength}`,
          value: Array.from({ length: spec.maxLength + 1 }, () => element),
        });
      }
      return values;
    }
    case 'boolean':
      return [
        { description: "the string 'true'", value: 'true' },
        { description: 'the number 1', value: 1 },
      ];
    case 'string': {
      const values: BadOptionValue[] = [{ description: 'a number', value: 42 }];
      if (spec.minLength !== undefined && spec.minLength > 0) {
        values.push({
          description: `shorter than ${spec.minLength} characters`,
          value: 'x'.repeat(spec.minLength - 1),
        });
      }
      if (spec.pattern !== undefined) {
        const mismatch = ['not a valid value!', '__invalid__', ' ', ''].find((candidate) =>
          rejects(spec, candidate),
        );
        if (mismatch !== undefined) {
          values.push({ description: `not matching ${String(spec.pattern)}`, value: mismatch });
        }
      }
      return values;
    }
    case 'enum':
      return [
        { description: 'an unknown value', value: `${spec.values[0] ?? 'value'}-unknown` },
        { description: 'a number', value: 1 },
      ];
    case 'custom':
      return [
        { description: 'a string', value: 'not-a-valid-value' },
        { description: 'a number', value: 42 },
        { description: 'null', value: null },
        { description: 'an empty object', value: {} },
      ];
  }
}

/**
 * Values that an option must reject, derived from its descriptor alone: for numbers, one
 * beyond each bound, a fraction for integers, NaN, Infinity (unless allowed), a numeric
 * string and a boolean; an unknown value and a number for enums; a string and a number for
 * booleans; a number, a too-short or non-matching string for strings; malformed lists for
 * number lists; and a string, a number, `null` and `{}` for custom options.
 *
 * Every value returned is one that `validateOptions` rejects for this descriptor (candidates
 * that the descriptor happens to accept, such as a string for a custom option whose check
 * takes strings, are left out). Table-driven tests use it to check that a plugin's factory,
 * `registry.create` and a CLI report the same error for the same bad value.
 *
 * @param spec - an option descriptor, e.g. `plugin.options.learningRate`.
 * @returns the bad values, each with a short description for test names.
 *
 * @example
 * ```ts
 * import { option } from '@deeptune/core';
 * import { badOptionValues } from '@deeptune/core/testing';
 *
 * badOptionValues(option.number({ min: 0 })).map((bad) => bad.value);
 * // [-1, NaN, Infinity, '0', true]
 * for (const { description, value } of badOptionValues(l2Plugin.options.lambda)) {
 *   expect(() => l2({ lambda: value as number }), description).toThrow(InvalidHyperparameterError);
 * }
 * ```
 */
export function badOptionValues(spec: OptionSpec): BadOptionValue[] {
  return badValuesOf(spec).filter((bad) => rejects(spec, bad.value));
}

/**
 * A value that an option accepts, derived from its descriptor: its default, the first enum
 * value, `false`, a number inside the range (a bound, a midpoint, 1 or 0), a list of such
 * numbers as long as required, or a value from `settings.custom` for custom options.
 *
 * @param spec - an option descriptor.
 * @param settings - `custom`: valid values of custom options by `typeName`.
 * @returns a value `validateOptions` accepts for this option.
 * @throws `Error` when no valid value can be derived (a custom option without an
 *   entry in `settings.custom`, or a string option whose pattern no candidate matches).
 *
 * @example
 * ```ts
 * validOptionValue(option.number({ exclusiveMin: 0, max: 1 })); // 1
 * validOptionValue(option.enum(['min', 'max'])); // 'min'
 * validOptionValue(option.custom({ typeName: 'an Rng', check: Rng.isRng }), {
 *   custom: { 'an Rng': () => new Rng(0) },
 * }); // an Rng
 * ```
 */
export function validOptionValue(
  spec: OptionSpec,
  settings: ValidOptionValueSettings = {},
): unknown {
  if (spec.default !== undefined) return spec.default;
  const candidates: unknown[] = [];
  switch (spec.type) {
    case 'number':
      candidates.push(validNumber(spec));
      break;
    case 'numberList': {
      const element = validNumber(spec);
      candidates.push(Array.from({ length: Math.max(spec.minLength ?? 1, 1) }, () => element));
      break;
    }
    case 'boolean':
      candidates.push(false);
      break;
    case 'string':
      candidates.push('x'.repeat(Math.max(spec.minLength ?? 1, 1)), 'devCost', 'value');
      break;
    case 'enum':
      candidates.push(spec.values[0]);
      break;
    case 'custom': {
      const make = settings.custom?.[spec.typeName];
      if (make !== undefined) candidates.push(make());
      break;
    }
  }
  const valid = candidates.find((candidate) => accepts(spec, candidate));
  if (valid === undefined) {
    throw new Error(
      `validOptionValue: cannot derive a valid value for a ${spec.type} option` +
        (spec.type === 'custom'
          ? ` of type '${spec.typeName}'; add settings.custom['${spec.typeName}'].`
          : '.'),
    );
  }
  return valid;
}

/**
 * Valid values for every required option of a schema (those without a default that are
 * not `optional`), from {@link validOptionValue}: the smallest complete options object.
 *
 * @param schema - a plugin's options schema.
 * @param settings - `custom`: valid values of custom options by `typeName`.
 * @returns an options object with exactly the required options.
 * @throws `Error` when a required option's valid value cannot be derived.
 *
 * @example
 * ```ts
 * requiredOptionValues({
 *   units: option.number({ integer: true, min: 1 }),
 *   useBias: option.boolean({ default: true }),
 * }); // { units: 1 }
 * ```
 */
export function requiredOptionValues(
  schema: OptionsSchema,
  settings: ValidOptionValueSettings = {},
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) {
    if (spec.default !== undefined || spec.optional === true) continue;
    values[name] = validOptionValue(spec, settings);
  }
  return values;
}

import { ConfigError } from '../errors/config-error.js';
import { checkOptionValue } from './check-option-value.js';
import { didYouMean } from './closest-match.js';
import { describeValue } from '../format/describe-value.js';
import type { NumberConstraints, OptionSpec, OptionType, OptionsSchema } from './option-schema.js';

const common = ['type', 'description', 'default', 'optional'];
const numberKeys = ['min', 'max', 'exclusiveMin', 'exclusiveMax', 'integer', 'allowInfinity'];
const settingsByType: Readonly<Record<OptionType, readonly string[]>> = {
  number: [...common, ...numberKeys, 'scale'],
  boolean: common,
  string: [...common, 'pattern', 'minLength'],
  enum: [...common, 'values'],
  numberList: [...common, ...numberKeys, 'minLength', 'maxLength'],
  custom: [...common, 'typeName', 'check'],
};
const optionTypes = Object.keys(settingsByType) as OptionType[];

/**
 * Option names are lowerCamelCase identifiers (`learningRate`, `beta1`), so that a CLI can
 * map them to kebab-case flags.
 * @internal
 */
export const OPTION_NAME_PATTERN = /^[a-z][a-zA-Z0-9]*$/;

function fail(where: string, problem: string): never {
  throw new ConfigError(`${where}: ${problem}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkCount(where: string, spec: Record<string, unknown>, key: string): void {
  const value = spec[key];
  if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) {
    fail(where, `'${key}' must be an integer >= 0, got ${describeValue(value)}`);
  }
}

function checkFlag(where: string, spec: Record<string, unknown>, key: string): void {
  const value = spec[key];
  if (value !== undefined && typeof value !== 'boolean') {
    fail(where, `'${key}' must be true or false, got ${describeValue(value)}`);
  }
}

function checkConstraints(where: string, spec: Record<string, unknown>): void {
  for (const key of ['min', 'max', 'exclusiveMin', 'exclusiveMax']) {
    const value = spec[key];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
      fail(where, `'${key}' must be a finite number, got ${describeValue(value)}`);
    }
  }
  checkFlag(where, spec, 'integer');
  checkFlag(where, spec, 'allowInfinity');
  const constraints = spec as NumberConstraints;
  if (constraints.min !== undefined && constraints.exclusiveMin !== undefined) {
    fail(where, `give either 'min' or 'exclusiveMin', not both`);
  }
  if (constraints.max !== undefined && constraints.exclusiveMax !== undefined) {
    fail(where, `give either 'max' or 'exclusiveMax', not both`);
  }
  const lower = constraints.min ?? constraints.exclusiveMin;
  const upper = constraints.max ?? constraints.exclusiveMax;
  const open = constraints.exclusiveMin !== undefined || constraints.exclusiveMax !== undefined;
  if (lower !== undefined && upper !== undefined && (lower > upper || (lower === upper && open))) {
    fail(where, `the range is empty: lower bound ${lower}, upper bound ${upper}`);
  }
}

/**
 * Checks that `spec` is a well-formed option descriptor: a known `type`, only the settings
 * that type has, consistent bounds, and a default that passes its own checks.
 * @throws {@link ConfigError} naming `where` and the offending setting.
 * @internal
 */
export function assertOptionSpec(where: string, spec: unknown): asserts spec is OptionSpec {
  if (!isRecord(spec))
    fail(where, `an option must be a descriptor object, got ${describeValue(spec)}`);
  const type = spec['type'];
  if (typeof type !== 'string' || !(optionTypes as string[]).includes(type)) {
    const hint = typeof type === 'string' ? didYouMean(type, optionTypes) : '';
    fail(
      where,
      `unknown option type ${describeValue(type)}; expected one of ${optionTypes.join(', ')}.${hint} Hint: build options with option.number(), option.enum() etc.`,
    );
  }
  const allowed = settingsByType[type as OptionType];
  for (const key of Object.keys(spec)) {
    if (!allowed.includes(key)) {
      fail(where, `unknown setting '${key}' for a ${type} option.${didYouMean(key, allowed)}`);
    }
  }
  if (spec['description'] !== undefined && typeof spec['description'] !== 'string') {
    fail(where, `'description' must be a string, got ${describeValue(spec['description'])}`);
  }
  checkFlag(where, spec, 'optional');
  if (spec['optional'] === true && spec['default'] !== undefined) {
    fail(where, `an option with a default is already optional; drop 'optional: true'`);
  }
  switch (type as OptionType) {
    case 'number':
      checkConstraints(where, spec);
      if (spec['scale'] !== undefined && spec['scale'] !== 'linear' && spec['scale'] !== 'log') {
        fail(where, `'scale' must be 'linear' or 'log', got ${describeValue(spec['scale'])}`);
      }
      if (spec['scale'] === 'log') {
        const { min, exclusiveMin } = spec as NumberConstraints;
        if (!(
          (min !== undefined && min > 0) ||
          (exclusiveMin !== undefined && exclusiveMin >= 0)
        )) {
          fail(where, `scale 'log' needs a positive lower bound (min > 0 or exclusiveMin >= 0)`);
        }
      }
      break;
    case 'numberList':
      checkConstraints(where, spec);
      checkCount(where, spec, 'minLength');
      checkCount(where, spec, 'maxLength');
      if (
        typeof spec['minLength'] === 'number' &&
        typeof spec['maxLength'] === 'number' &&
        spec['minLength'] > spec['maxLength']
      ) {
        fail(
          where,
          `'minLength' (${spec['minLength']}) must be <= 'maxLength' (${spec['maxLength']})`,
        );
      }
      break;
    case 'string':
      checkCount(where, spec, 'minLength');
      if (spec['pattern'] !== undefined && !(spec['pattern'] instanceof RegExp)) {
        fail(where, `'pattern' must be a RegExp, got ${describeValue(spec['pattern'])}`);
      }
      break;
    case 'enum': {
      const values = spec['values'];
      if (!Array.isArray(values) || values.length === 0) {
        fail(where, `'values' must be a non-empty array of strings, got ${describeValue(values)}`);
      }
      const seen = new Set<unknown>();
      for (const value of values as unknown[]) {
        if (typeof value !== 'string') {
          fail(where, `'values' must contain only strings, got ${describeValue(value)}`);
        }
        if (seen.has(value)) fail(where, `'values' lists ${describeValue(value)} twice`);
        seen.add(value);
      }
      break;
    }
    case 'custom':
      if (typeof spec['typeName'] !== 'string' || spec['typeName'] === '') {
        fail(
          where,
          `'typeName' must be a non-empty string, got ${describeValue(spec['typeName'])}`,
        );
      }
      if (typeof spec['check'] !== 'function') {
        fail(where, `'check' must be a function, got ${describeValue(spec['check'])}`);
      }
      break;
    case 'boolean':
      break;
  }
  if (spec['default'] !== undefined) {
    const problem = checkOptionValue(spec as unknown as OptionSpec, spec['default']);
    if (problem !== undefined) {
      const at = problem.index === undefined ? '' : `[${problem.index}]`;
      fail(where, `the default${at} ${problem.problem}`);
    }
  }
}

/**
 * Checks that `schema` maps lowerCamelCase option names to well-formed descriptors.
 * @throws {@link ConfigError} naming `where` and the offending option.
 * @internal
 */
export function assertOptionsSchema(
  where: string,
  schema: unknown,
): asserts schema is OptionsSchema {
  if (!isRecord(schema)) {
    fail(
      where,
      `'options' must be an object mapping option names to descriptors, got ${describeValue(schema)}`,
    );
  }
  for (const [name, spec] of Object.entries(schema)) {
    if (!OPTION_NAME_PATTERN.test(name)) {
      fail(
        where,
        `invalid option name ${describeValue(name)}; expected lowerCamelCase like 'learningRate'`,
      );
    }
    assertOptionSpec(`${where}: option '${name}'`, spec);
  }
}

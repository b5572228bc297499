import { didYouMean } from './closest-match.js';
import { describeValue } from '../format/describe-value.js';
import { countOf } from './count-of.js';
import type { NumberConstraints, OptionSpec } from './option-schema.js';

const parseHint =
  'Hint: option values are never converted; parse command-line and environment strings first.';

/**
 * What is wrong with a value: the problem text (`must be > 0, got -1`), and the list index
 * it concerns for number lists.
 * @internal
 */
export interface OptionProblem {
  readonly problem: string;
  readonly index?: number;
  /** The value has the right type but lies outside the allowed range (a bad hyperparameter). */
  readonly outOfRange?: boolean;
}

/**
 * The range of a number constraint as text: `'> 0'`, `'<= 1'`, or an interval `'[0, 1)'`.
 * @internal
 */
export function formatRange(
  constraints: NumberConstraints,
): { readonly text: string; readonly interval: boolean } | undefined {
  const lower = constraints.min ?? constraints.exclusiveMin;
  const upper = constraints.max ?? constraints.exclusiveMax;
  const lowerOpen = constraints.exclusiveMin !== undefined;
  const upperOpen = constraints.exclusiveMax !== undefined;
  if (lower !== undefined && upper !== undefined) {
    const text = `${lowerOpen ? '(' : '['}${describeValue(lower)}, ${describeValue(upper)}${upperOpen ? ')' : ']'}`;
    return { text, interval: true };
  }
  if (lower !== undefined)
    return { text: `${lowerOpen ? '>' : '>='} ${describeValue(lower)}`, interval: false };
  if (upper !== undefined)
    return { text: `${upperOpen ? '<' : '<='} ${describeValue(upper)}`, interval: false };
  return undefined;
}

function rangePhrase(constraints: NumberConstraints): string | undefined {
  const range = formatRange(constraints);
  if (range === undefined) return undefined;
  return range.interval ? `in ${range.text}` : range.text;
}

/**
 * `'a number > 0'`, `'an integer in [1, 10]'`, `'a finite number'`…
 * @internal
 */
export function describeNumber(constraints: NumberConstraints): string {
  const range = rangePhrase(constraints);
  const noun = constraints.integer === true ? 'an integer' : 'a number';
  if (range !== undefined) return `${noun} ${range}`;
  return constraints.allowInfinity === true || constraints.integer === true
    ? noun
    : 'a finite number';
}

/**
 * What a value of an option must be, as a noun phrase: `'a number > 0'`,
 * `"one of 'min', 'max'"`, `'true or false'`… The one wording of every message about an
 * option's expected value: `validateOptions`, plugin help and the CLI all use it.
 *
 * @param spec - the option descriptor, e.g. from a plugin's `options`.
 * @returns the expectation, ready to follow "must be".
 *
 * @example
 * ```ts
 * describeExpectation(option.number({ min: 0, exclusiveMax: 1 })); // 'a number in [0, 1)'
 * describeExpectation(option.enum(['min', 'max'])); // "one of 'min', 'max'"
 * ```
 */
export function describeExpectation(spec: OptionSpec): string {
  switch (spec.type) {
    case 'number':
      return describeNumber(spec);
    case 'boolean':
      return 'true or false';
    case 'string':
      return spec.pattern === undefined ? 'a string' : `a string matching ${String(spec.pattern)}`;
    case 'enum':
      return `one of ${spec.values.map((value) => describeValue(value)).join(', ')}`;
    case 'numberList': {
      const element = describeNumber(spec).replace(/^an? /, '');
      return `an array of ${element.replace(/^(number|integer|finite number)/, '$1s')}`;
    }
    case 'custom':
      return spec.typeName;
  }
}

function typeMismatch(expected: string, value: unknown, hint = ''): string {
  const got = describeValue(value, { withType: true });
  return `must be ${expected}, got ${got}${hint === '' ? '' : `. ${hint}`}`;
}

function checkNumber(constraints: NumberConstraints, value: unknown): OptionProblem | undefined {
  if (typeof value !== 'number') {
    return {
      problem: typeMismatch(
        describeNumber(constraints),
        value,
        typeof value === 'string' ? parseHint : '',
      ),
    };
  }
  if (Number.isNaN(value)) {
    return { problem: `must be ${describeNumber(constraints)}, got NaN`, outOfRange: true };
  }
  const finite = Number.isFinite(value);
  if (!finite && constraints.allowInfinity !== true) {
    return { problem: `must be finite, got ${describeValue(value)}`, outOfRange: true };
  }
  const integer = constraints.integer === true;
  const range = rangePhrase(constraints);
  const integerPrefix = integer ? 'an integer' : '';
  if (integer && finite && !Number.isInteger(value)) {
    return {
      problem: `must be an integer${range === undefined ? '' : ` ${range}`}, got ${describeValue(value)}`,
      outOfRange: true,
    };
  }
  const { min, max, exclusiveMin, exclusiveMax } = constraints;
  const outside =
    (min !== undefined && value < min) ||
    (exclusiveMin !== undefined && value <= exclusiveMin) ||
    (max !== undefined && value > max) ||
    (exclusiveMax !== undefined && value >= exclusiveMax);
  if (outside) {
    const expected = [integerPrefix, range].filter((part) => part !== '').join(' ');
    return { problem: `must be ${expected}, got ${describeValue(value)}`, outOfRange: true };
  }
  return undefined;
}

/**
 * Checks `value` against an option descriptor. Returns what is wrong, or `undefined` when
 * the value is acceptable. Never converts or clamps.
 * @internal
 */
export function checkOptionValue(spec: OptionSpec, value: unknown): OptionProblem | undefined {
  switch (spec.type) {
    case 'number': {
      return checkNumber(spec, value);
    }
    case 'boolean':
      if (typeof value === 'boolean') return undefined;
      return {
        problem: typeMismatch('true or false', value, typeof value === 'string' ? parseHint : ''),
      };
    case 'string':
      if (typeof value !== 'string')
        return { problem: typeMismatch(describeExpectation(spec), value) };
      if (spec.minLength !== undefined && value.length < spec.minLength) {
        return {
          problem: `must have at least ${countOf(spec.minLength, 'character')}, got ${describeValue(value)}`,
        };
      }
      if (spec.pattern !== undefined && !matches(spec.pattern, value)) {
        return { problem: `must match ${String(spec.pattern)}, got ${describeValue(value)}` };
      }
      return undefined;
    case 'enum':
      if (typeof value === 'string' && spec.values.includes(value)) return undefined;
      if (typeof value !== 'string')
        return { problem: typeMismatch(describeExpectation(spec), value) };
      return {
        problem: withSuggestion(
          `must be ${describeExpectation(spec)}, got ${describeValue(value)}`,
          value,
          spec.values,
        ),
      };
    case 'numberList':
      return checkNumberList(spec, value);
    case 'custom':
      return spec.check(value) ? undefined : { problem: typeMismatch(spec.typeName, value) };
  }
}

function withSuggestion(problem: string, value: string, candidates: readonly string[]): string {
  const suggestion = didYouMean(value, candidates);
  return suggestion === '' ? problem : `${problem}.${suggestion}`;
}

function matches(pattern: RegExp, value: string): boolean {
  // A fresh RegExp so that a `g` or `y` flag's lastIndex never leaks between calls.
  return new RegExp(pattern.source, pattern.flags).test(value);
}

function checkNumberList(
  spec: Extract<OptionSpec, { type: 'numberList' }>,
  value: unknown,
): OptionProblem | undefined {
  if (!Array.isArray(value)) return { problem: typeMismatch(describeExpectation(spec), value) };
  const { minLength, maxLength } = spec;
  if (minLength !== undefined && value.length < minLength) {
    return {
      problem: `must have at least ${countOf(minLength, 'element')}, got ${value.length} (${describeValue(value)})`,
    };
  }
  if (maxLength !== undefined && value.length > maxLength) {
    return {
      problem: `must have at most ${countOf(maxLength, 'element')}, got ${value.length} (${describeValue(value)})`,
    };
  }
  for (let index = 0; index < value.length; index++) {
    const problem = checkNumber(spec, value[index]);
    if (problem !== undefined) return { ...problem, index };
  }
  return undefined;
}

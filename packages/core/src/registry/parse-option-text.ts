import { ConfigError } from '../errors/config-error.js';
import { describeValue } from '../format/describe-value.js';
import { describeExpectation } from './check-option-value.js';
import type { OptionSpec } from './option-schema.js';

/** A decimal number as people type it: `3`, `-0.5`, `1e-3`, `.5`. */
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function parseNumber(spec: OptionSpec, text: string, where: string): number {
  const trimmed = text.trim();
  if (!NUMBER_PATTERN.test(trimmed) && !/^[+-]?Infinity$/.test(trimmed)) {
    throw new ConfigError(
      `${where} must be ${describeExpectation(spec)}, got ${describeValue(text)}`,
    );
  }
  const value = Number(trimmed);
  if (value === 0 && /^[^e]*[1-9]/i.test(trimmed)) {
    // 1e-400 is not 0: refuse it rather than pass on a value nobody typed.
    throw new ConfigError(`${where} ${trimmed} is too small to represent (it rounds to 0)`);
  }
  // Out-of-range values (Infinity included) are left to validateOptions, which names them.
  return value;
}

/**
 * Converts an option value typed as text — a command-line flag, a URL parameter, an
 * environment variable — to the type its descriptor declares, for `validateOptions` (which
 * never converts). Numbers and number lists (`'0.9'`, `'1,0.5'`, `'none'` for an empty list)
 * are parsed, `'true'`/`'false'` become booleans, strings and enum values stay strings, and a
 * custom option gets a number when the text is one (a learning rate: a number or a schedule).
 * Only the syntax is checked here: ranges, enum values and required options are checked by
 * `validateOptions`, so an app and the library give the same message for a bad value.
 *
 * @param spec - the option's descriptor, e.g. `plugin.options.beta2`.
 * @param text - the text as typed, or `true` for a flag given without a value (a boolean
 *   option set to true).
 * @param where - how to name the value in messages, e.g. `'--optimizer.beta2'`.
 * @returns the value, ready for `validateOptions`.
 * @throws {@link ConfigError} naming `where` when the text is not of the option's type.
 *
 * @example
 * ```ts
 * const beta2 = option.number({ default: 0.999, min: 0, exclusiveMax: 1 });
 * parseOptionText(beta2, '0.98', '--beta2'); // 0.98
 * parseOptionText(beta2, '2', '--beta2'); // 2 (validateOptions then says it is out of range)
 * parseOptionText(beta2, 'high', '--beta2');
 * // ConfigError: --beta2 must be a number in [0, 1), got 'high'
 * ```
 */
export function parseOptionText(spec: OptionSpec, text: string | true, where: string): unknown {
  if (text === true) {
    if (spec.type === 'boolean') return true;
    throw new ConfigError(`${where} needs a value: ${describeExpectation(spec)}`);
  }
  switch (spec.type) {
    case 'number':
      return parseNumber(spec, text, where);
    case 'boolean':
      if (text === 'true' || text === 'false') return text === 'true';
      throw new ConfigError(`${where} must be true or false, got ${describeValue(text)}`);
    case 'string':
    case 'enum':
      return text;
    case 'numberList': {
      const trimmed = text.trim();
      if (trimmed === 'none') return [];
      return trimmed
        .split(',')
        .map((item, index) => parseNumber(spec, item, `${where} (item ${index + 1})`));
    }
    case 'custom':
      if (NUMBER_PATTERN.test(text.trim())) return parseNumber(spec, text, where);
      throw new ConfigError(
        `${where}: this option takes ${spec.typeName}, which cannot be given as text`,
      );
  }
}

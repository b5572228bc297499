import { formatRange } from './check-option-value.js';
import { describeValue } from '../format/describe-value.js';
import { countOf } from './count-of.js';
import type { OptionSpec, OptionsSchema } from './option-schema.js';

/** One row of option help, as {@link describeSchema} returns it. All fields are display text. */
export interface OptionDescription {
  /** The option name, e.g. `'learningRate'`. */
  readonly name: string;
  /** The value type: `'number'`, `'integer'`, `'boolean'`, `'string'`, `"'min' | 'max'"`, `'number[]'`, or a custom type name. */
  readonly type: string;
  /** Whether callers must give the option (it has no default and is not `optional`). */
  readonly required: boolean;
  /** The default as text (`'0.001'`, `"'min'"`, `'[1, 0.5]'`), or `undefined` when there is none. */
  readonly default: string | undefined;
  /** The accepted range or constraints (`'> 0'`, `'[0, 1)'`, `'each in (0, 1]; at least 1 element'`), or `undefined`. */
  readonly range: string | undefined;
  /** The search scale of a number option (`'linear'` or `'log'`), or `undefined` when unset or not a number option. */
  readonly scale: 'linear' | 'log' | undefined;
  /** The option's description, or `''` when it has none. */
  readonly description: string;
}

function typeOf(spec: OptionSpec): string {
  switch (spec.type) {
    case 'number':
      return spec.integer === true ? 'integer' : 'number';
    case 'numberList':
      return spec.integer === true ? 'integer[]' : 'number[]';
    case 'enum':
      return spec.values.map((value) => describeValue(value)).join(' | ');
    case 'custom':
      return spec.typeName;
    case 'boolean':
    case 'string':
      return spec.type;
  }
}

function rangeOf(spec: OptionSpec): string | undefined {
  const parts: string[] = [];
  switch (spec.type) {
    case 'number': {
      const range = formatRange(spec);
      if (range !== undefined) parts.push(range.text);
      else if (spec.allowInfinity !== true) parts.push('finite');
      break;
    }
    case 'numberList': {
      const range = formatRange(spec);
      if (range !== undefined) parts.push(`each ${range.interval ? 'in ' : ''}${range.text}`);
      const { minLength, maxLength } = spec;
      if (minLength !== undefined && maxLength !== undefined) {
        parts.push(
          minLength === maxLength
            ? `exactly ${countOf(minLength, 'element')}`
            : `${minLength} to ${countOf(maxLength, 'element')}`,
        );
      } else if (minLength !== undefined) parts.push(`at least ${countOf(minLength, 'element')}`);
      else if (maxLength !== undefined) parts.push(`at most ${countOf(maxLength, 'element')}`);
      break;
    }
    case 'string':
      if (spec.minLength !== undefined)
        parts.push(`at least ${countOf(spec.minLength, 'character')}`);
      if (spec.pattern !== undefined) parts.push(`matches ${String(spec.pattern)}`);
      break;
    case 'boolean':
    case 'enum':
    case 'custom':
      break;
  }
  return parts.length === 0 ? undefined : parts.join('; ');
}

/**
 * Describes each option of a schema as a row of display text, for help output and docs.
 *
 * Rows come in the schema's declaration order. The `range` column states the same
 * constraints that {@link validateOptions} enforces, in the same notation as its messages.
 *
 * @param schema - the options schema.
 * @returns one row per option: name, type, required, default, range, scale, description.
 *
 * @example
 * ```ts
 * describeSchema({ learningRate: option.number({ default: 0.01, exclusiveMin: 0 }) });
 * // [{ name: 'learningRate', type: 'number', required: false, default: '0.01',
 * //    range: '> 0', scale: undefined, description: '' }]
 * ```
 */
export function describeSchema(schema: OptionsSchema): OptionDescription[] {
  return Object.entries(schema).map(([name, spec]) => ({
    name,
    type: typeOf(spec),
    required: spec.default === undefined && spec.optional !== true,
    default: spec.default === undefined ? undefined : describeValue(spec.default),
    range: rangeOf(spec),
    scale: spec.type === 'number' ? spec.scale : undefined,
    description: spec.description ?? '',
  }));
}

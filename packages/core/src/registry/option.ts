import { assertOptionSpec } from './check-option-spec.js';
import type {
  BooleanOption,
  CustomOption,
  EnumOption,
  NumberListOption,
  NumberOption,
  OptionSpec,
  StringOption,
} from './option-schema.js';

/**
 * The presence part of a built descriptor's type: `{ default: T }` when settings gave a
 * default, `{ optional: true }` when they said so, nothing otherwise (a required option).
 */
type Presence<S, T> = S extends { readonly default: unknown }
  ? { readonly default: T }
  : S extends { readonly optional: true }
    ? { readonly optional: true }
    : unknown;

/** The settings of a descriptor: everything but its `type`. */
type Settings<O extends OptionSpec> = Omit<O, 'type'>;

function build<O extends OptionSpec>(where: string, spec: O): O {
  assertOptionSpec(where, spec);
  return Object.freeze(spec);
}

function frozenCopy<T>(values: readonly T[]): readonly T[] {
  return Object.freeze([...values]);
}

/**
 * Builders for option descriptors, the entries of a plugin's options schema.
 *
 * Each builder checks its settings at once (bounds consistent, default valid, no unknown
 * settings) and returns a frozen, plain-data descriptor whose type records the value type
 * and whether a default was given, so that `OptionsOf<typeof schema>` infers the options.
 * An option with a `default` is optional for callers and always present for the factory;
 * `optional: true` makes it optional and possibly absent; otherwise it is required.
 *
 * Validation never converts or clamps: `'0.1'` for a number option is an error, as is
 * `1.5` for an option with `max: 1`.
 *
 * @throws {@link ConfigError} when the settings are inconsistent (e.g. `min > max`, both
 * `min` and `exclusiveMin`, a default outside the range, `scale: 'log'` without a positive
 * lower bound).
 *
 * @example
 * ```ts
 * const schema = {
 *   learningRate: option.number({
 *     default: 0.001,
 *     exclusiveMin: 0,
 *     scale: 'log',
 *     description: 'Step size α.',
 *   }),
 *   units: option.number({ integer: true, min: 1, description: 'Output features.' }),
 *   mode: option.enum(['min', 'max'], { default: 'min' }),
 *   keepProb: option.numberList({ exclusiveMin: 0, max: 1, optional: true }),
 *   verbose: option.boolean({ default: false }),
 * };
 * type Options = OptionsOf<typeof schema>;
 * // { learningRate: number; units: number; mode: 'min' | 'max';
 * //   keepProb?: readonly number[]; verbose: boolean }
 * ```
 */
export const option = {
  /**
   * A number option, with optional bounds, `integer`, `allowInfinity` and a search `scale`.
   *
   * @param settings - `default`, `min`/`exclusiveMin`, `max`/`exclusiveMax`, `integer`,
   * `allowInfinity`, `scale` (`'linear'` or `'log'`), `description`, `optional`.
   */
  number<const S extends Settings<NumberOption>>(settings?: S): NumberOption & Presence<S, number> {
    return build('option.number', { ...settings, type: 'number' }) as NumberOption &
      Presence<S, number>;
  },

  /**
   * A boolean option (`true` or `false`; the strings `'true'`/`'false'` are rejected).
   *
   * @param settings - `default`, `description`, `optional`.
   */
  boolean<const S extends Settings<BooleanOption>>(
    settings?: S,
  ): BooleanOption & Presence<S, boolean> {
    return build('option.boolean', { ...settings, type: 'boolean' }) as BooleanOption &
      Presence<S, boolean>;
  },

  /**
   * A string option, optionally constrained by a `pattern` and a `minLength`.
   *
   * @param settings - `default`, `pattern`, `minLength`, `description`, `optional`.
   */
  string<const S extends Settings<StringOption>>(settings?: S): StringOption & Presence<S, string> {
    return build('option.string', { ...settings, type: 'string' }) as StringOption &
      Presence<S, string>;
  },

  /**
   * An option whose value is one of `values`; its type is their union.
   *
   * @param values - the allowed strings, non-empty and distinct, in help order.
   * @param settings - `default` (one of `values`), `description`, `optional`.
   */
  enum<const V extends string, const S extends Omit<EnumOption<V>, 'type' | 'values'>>(
    values: readonly V[],
    settings?: S & { readonly default?: NoInfer<V> },
  ): EnumOption<V> & Presence<S, V> {
    const spec = {
      ...settings,
      type: 'enum',
      values: Array.isArray(values) ? frozenCopy(values) : values,
    };
    return build('option.enum', spec as EnumOption<V>) as EnumOption<V> & Presence<S, V>;
  },

  /**
   * A list of numbers, e.g. one `keepProb` per layer. The element constraints are those of
   * `option.number`; `minLength`/`maxLength` bound the length. Validated lists are copies.
   *
   * @param settings - `default`, element bounds, `integer`, `allowInfinity`, `minLength`,
   * `maxLength`, `description`, `optional`.
   */
  numberList<const S extends Settings<NumberListOption>>(
    settings?: S,
  ): NumberListOption & Presence<S, readonly number[]> {
    const spec: NumberListOption = { ...settings, type: 'numberList' };
    const withFrozenDefault: NumberListOption = Array.isArray(spec.default)
      ? { ...spec, default: frozenCopy(spec.default) }
      : spec;
    return build('option.numberList', withFrozenDefault) as NumberListOption &
      Presence<S, readonly number[]>;
  },

  /**
   * An option of any other type, accepted when `check` returns true; `typeName` names the
   * expected type in messages and help. A default is shared by every call, so it should be
   * immutable.
   *
   * Let TypeScript infer the value type from the `check` type guard rather than writing
   * `option.custom<MyType>(…)`: an explicit type argument stops the inference of the
   * settings, so `optional` and `default` would no longer make the option optional in the
   * inferred options type.
   *
   * @param settings - `typeName`, `check` (a type guard), `default`, `description`,
   * `optional`.
   */
  custom<T, const S extends Settings<CustomOption<T>> = Settings<CustomOption<T>>>(
    settings: S & Settings<CustomOption<T>>,
  ): CustomOption<T> & Presence<S, T> {
    return build('option.custom', {
      ...settings,
      type: 'custom',
    } as CustomOption<T>) as CustomOption<T> & Presence<S, T>;
  },
} as const;

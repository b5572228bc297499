/**
 * Range constraints shared by number options and the elements of number-list options.
 *
 * Bounds are inclusive (`min`, `max`) or exclusive (`exclusiveMin`, `exclusiveMax`); give at
 * most one lower and one upper bound. `NaN` is always rejected and `±Infinity` unless
 * `allowInfinity` is set.
 */
export interface NumberConstraints {
  /** The smallest allowed value (inclusive). */
  readonly min?: number;
  /** The largest allowed value (inclusive). */
  readonly max?: number;
  /** Values must be strictly greater than this. */
  readonly exclusiveMin?: number;
  /** Values must be strictly less than this. */
  readonly exclusiveMax?: number;
  /**
   * Whether values must be integers.
   * @defaultValue false
   */
  readonly integer?: boolean;
  /**
   * Whether `Infinity` and `-Infinity` are accepted (for example "no limit" for a patience).
   * @defaultValue false
   */
  readonly allowInfinity?: boolean;
}

/**
 * Fields every option descriptor has: a description for help text, and either a default,
 * `optional: true`, or neither (then the option is required).
 *
 * @typeParam T - the type of the option's value.
 */
export interface OptionCommon<T> {
  /** One sentence for help output and generated docs. */
  readonly description?: string;
  /** The value used when the option is not given; makes the option optional on input. */
  readonly default?: T;
  /**
   * Whether the option may be left out without a default (it is then absent from the
   * validated options). Cannot be combined with `default`.
   * @defaultValue false
   */
  readonly optional?: boolean;
}

/** A number option, e.g. a learning rate; see `option.number`. */
export interface NumberOption extends NumberConstraints, OptionCommon<number> {
  /** The discriminant. */
  readonly type: 'number';
  /**
   * How a hyperparameter search should sample the range: evenly (`'linear'`) or evenly in
   * its logarithm (`'log'`, for learning rates and other scale parameters). A hint only;
   * validation ignores it. `'log'` needs a positive lower bound.
   * @defaultValue 'linear'
   */
  readonly scale?: 'linear' | 'log';
}

/** A `true`/`false` option; see `option.boolean`. */
export interface BooleanOption extends OptionCommon<boolean> {
  /** The discriminant. */
  readonly type: 'boolean';
}

/** A free-form string option; see `option.string`. */
export interface StringOption extends OptionCommon<string> {
  /** The discriminant. */
  readonly type: 'string';
  /** A pattern the whole value must match (anchor it with `^…$`). */
  readonly pattern?: RegExp;
  /** The minimum number of characters. */
  readonly minLength?: number;
}

/**
 * An option whose value is one of a fixed list of strings; see `option.enum`.
 *
 * @typeParam V - the union of allowed values.
 */
export interface EnumOption<V extends string = string> extends OptionCommon<V> {
  /** The discriminant. */
  readonly type: 'enum';
  /** The allowed values, in the order help output lists them. */
  readonly values: readonly V[];
}

/** A list of numbers, e.g. one `keepProb` per layer; see `option.numberList`. */
export interface NumberListOption extends NumberConstraints, OptionCommon<readonly number[]> {
  /** The discriminant. */
  readonly type: 'numberList';
  /** The minimum number of elements. */
  readonly minLength?: number;
  /** The maximum number of elements. */
  readonly maxLength?: number;
}

/**
 * An option of any other type, checked by a type guard; see `option.custom`.
 *
 * @typeParam T - the type the guard establishes.
 */
export interface CustomOption<T = unknown> extends OptionCommon<T> {
  /** The discriminant. */
  readonly type: 'custom';
  /** What the value must be, for messages and help, e.g. `'Rng'`. */
  readonly typeName: string;
  /** Returns whether `value` is acceptable; it must not throw or modify `value`. */
  readonly check: (value: unknown) => value is T;
}

/** Any option descriptor. Build them with the `option` helpers. */
export type OptionSpec =
  NumberOption | BooleanOption | StringOption | EnumOption | NumberListOption | CustomOption;

/** The name of an option descriptor type, e.g. `'number'` or `'numberList'`. */
export type OptionType = OptionSpec['type'];

/**
 * A plugin's options schema: option names (lowerCamelCase) mapped to descriptors.
 *
 * It is plain data, so apps validate flags and config files against it
 * (`validateOptions`), print help from it (`describeSchema`), and a tuner reads the
 * ranges and `scale` of number options as a search space.
 */
export type OptionsSchema = Readonly<Record<string, OptionSpec>>;

/** The type of the value of an option descriptor. */
export type OptionValue<O extends OptionSpec> = O extends NumberOption
  ? number
  : O extends BooleanOption
    ? boolean
    : O extends StringOption
      ? string
      : O extends EnumOption<infer V>
        ? V
        : O extends NumberListOption
          ? readonly number[]
          : O extends CustomOption<infer T>
            ? T
            : never;

type HasDefault<O> = O extends { readonly default: unknown } ? true : false;
type IsMarkedOptional<O> = O extends { readonly optional: true } ? true : false;
type IsOptionalInput<O> = HasDefault<O> extends true ? true : IsMarkedOptional<O>;
type Simplify<T> = { [K in keyof T]: T[K] } & unknown;

/**
 * The validated options of a schema, as a factory receives them.
 *
 * Options with a default are always present; `optional: true` options may be absent;
 * required options are present.
 *
 * @example
 * ```ts
 * const schema = {
 *   learningRate: option.number({ default: 0.001, exclusiveMin: 0 }),
 *   units: option.number({ integer: true, min: 1 }),
 * };
 * type Options = OptionsOf<typeof schema>;
 * // { readonly learningRate: number; readonly units: number }
 * ```
 */
export type OptionsOf<S extends OptionsSchema> = Simplify<
  {
    readonly [K in keyof S as IsMarkedOptional<S[K]> extends true ? never : K]: OptionValue<S[K]>;
  } & {
    readonly [K in keyof S as IsMarkedOptional<S[K]> extends true ? K : never]?: OptionValue<S[K]>;
  }
>;

/**
 * The options a caller may pass for a schema: options with a default and `optional: true`
 * options may be left out (or `undefined`); required options must be given.
 */
export type OptionsInputOf<S extends OptionsSchema> = Simplify<
  {
    readonly [K in keyof S as IsOptionalInput<S[K]> extends true ? never : K]: OptionValue<S[K]>;
  } & {
    readonly [K in keyof S as IsOptionalInput<S[K]> extends true ? K : never]?:
      OptionValue<S[K]> | undefined;
  }
>;

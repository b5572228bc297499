import { ConfigError } from '../errors/config-error.js';
import type { DType } from '../tensor/dtype.js';
import { assertOptionsSchema } from './check-option-spec.js';
import { assertApiVersion, assertKind, assertPluginName } from './check-plugin-entry.js';
import { describeValue } from '../format/describe-value.js';
import type { OptionsInputOf, OptionsOf, OptionsSchema } from './option-schema.js';
import { PLUGIN_API_VERSION } from './plugin-api-version.js';
import { pluginEntryBrand } from './plugin-entry-brand.js';
import type { PluginKind, PluginProduct } from './plugin-kinds.js';
import { validateOptions } from './validate-options.js';

/** The schema of plugins without options; shared so that identical entries stay identical. */
const noOptions: OptionsSchema = Object.freeze({});

/**
 * What `definePlugin` takes: the plugin's identity, its options schema and its factory.
 *
 * @typeParam K - the plugin kind.
 * @typeParam S - the options schema.
 * @typeParam P - what the factory returns; it must be a product of kind `K`.
 */
export interface PluginDefinition<
  K extends PluginKind,
  S extends OptionsSchema,
  P extends PluginProduct<K> = PluginProduct<K>,
> {
  /** The kind of product the factory creates, e.g. `'optimizer'`. */
  readonly kind: K;
  /**
   * The registry name: kebab-case for built-ins (`'time-decay'`), namespaced for
   * third-party plugins (`'acme:lion'`).
   */
  readonly name: string;
  /** One sentence for help output, e.g. `'Adam: adaptive moment estimation.'`. */
  readonly description: string;
  /** The options schema, built with `option`; omit it when the plugin takes no options. */
  readonly options?: S;
  /**
   * The factory. It receives validated options with defaults filled in, so it never checks
   * them again.
   */
  readonly create: (options: OptionsOf<S>) => P;
  /**
   * The plugin API version the plugin was written against.
   * @defaultValue {@link PLUGIN_API_VERSION}
   */
  readonly apiVersion?: number;
  /**
   * Layer plugins only, optional: the state (parameters and persistent buffers) the factory
   * will create from these options, by name relative to the layer, with shapes and dtypes,
   * computed without allocating anything (e.g. dense: `{ weight: { shape: [inputs, units],
   * dtype }, bias: { shape: [units], dtype } }`; `{}` for a layer without state).
   *
   * Loading a saved model compares these shapes with the weights file's header *before*
   * creating the layer, so a model directory cannot make a layer allocate more than the
   * file holds. It receives validated options with defaults filled in.
   */
  readonly stateShapes?: (options: OptionsOf<S>) => Readonly<
    Record<
      string,
      {
        /** The tensor's shape, e.g. `[inputs, units]`. */
        readonly shape: readonly number[];
        /** The tensor's dtype. */
        readonly dtype: DType;
      }
    >
  >;
}

/**
 * The arguments of {@link PluginEntry.create}: the options object is optional when every
 * option has a default or is optional.
 */
export type PluginCreateArguments<S extends OptionsSchema> =
  Record<never, never> extends OptionsInputOf<S>
    ? [options?: OptionsInputOf<S>]
    : [options: OptionsInputOf<S>];

/**
 * A plugin: a named, typed factory with an options schema, as {@link definePlugin} returns
 * it and a registry stores it.
 *
 * Entries are frozen plain data plus two functions. {@link PluginEntry.create} is the
 * public factory: it validates the options and fills defaults, then calls the factory from
 * the definition. `registry.create(kind, name, options)` calls exactly this function, so
 * importing a plugin directly and creating it by name behave the same.
 *
 * @typeParam K - the plugin kind.
 * @typeParam S - the options schema.
 * @typeParam P - what the factory returns: the exact type when known (so a directly
 * imported `create` is precisely typed), otherwise the kind's product type.
 */
export interface PluginEntry<
  K extends PluginKind = PluginKind,
  S extends OptionsSchema = OptionsSchema,
  P extends PluginProduct<K> = PluginProduct<K>,
> {
  /** The kind of product the factory creates. */
  readonly kind: K;
  /** The registry name, e.g. `'adam'` or `'acme:lion'`. */
  readonly name: string;
  /** One sentence for help output. */
  readonly description: string;
  /** The options schema (`{}` when the plugin takes no options). */
  readonly options: S;
  /** The plugin API version the plugin was written against. */
  readonly apiVersion: number;
  /**
   * Layer plugins only, when the definition declares it: the shapes and dtypes of the state
   * the factory creates from validated options (see {@link PluginDefinition.stateShapes}).
   */
  stateShapes?(options: OptionsOf<S>): Readonly<
    Record<
      string,
      {
        /** The tensor's shape, e.g. `[inputs, units]`. */
        readonly shape: readonly number[];
        /** The tensor's dtype. */
        readonly dtype: DType;
      }
    >
  >;
  /**
   * Validates `options` against the schema, fills defaults, and creates the product.
   *
   * It does not use `this`, so it can be exported on its own:
   * `export const adam = adamPlugin.create;`.
   *
   * @throws {@link ConfigError} when the options are invalid, naming the plugin, the
   * option, the given value and what was expected.
   */
  create(...args: PluginCreateArguments<S>): P;
  /**
   * The factory exactly as the definition gave it: it expects options that were already
   * validated and filled (by `validateOptions`) and checks nothing. Prefer
   * {@link PluginEntry.create}. Registries compare it to recognise an identical entry.
   */
  factory(options: OptionsOf<S>): P;
}

/**
 * Defines a plugin: checks its name and options schema, and returns its entry.
 *
 * Defining a plugin registers nothing; a registry adds it through `registry.register(entry)`
 * or, with the rest of its package, `registry.use(plugin)`. The options type of the
 * factory is inferred from the schema.
 *
 * @param definition - kind, name, description, options schema, factory and optional
 * `apiVersion`.
 * @returns the frozen entry, whose `create` validates options then calls the factory.
 * @throws {@link ConfigError} when the kind is unknown, the name is not kebab-case (or
 * `namespace:kebab-case`), the schema is malformed, or `create` is not a function.
 *
 * @example
 * ```ts
 * export const stepDecayPlugin = definePlugin({
 *   kind: 'schedule',
 *   name: 'step-decay',
 *   description: 'Multiplies the learning rate by decayRate every decaySteps steps.',
 *   options: {
 *     initialLearningRate: option.number({ exclusiveMin: 0 }),
 *     decayRate: option.number({ default: 0.5, exclusiveMin: 0, max: 1 }),
 *     decaySteps: option.number({ integer: true, min: 1 }),
 *   },
 *   create: ({ initialLearningRate, decayRate, decaySteps }) => (step: number) =>
 *     initialLearningRate * decayRate ** Math.floor(step / decaySteps),
 * });
 * export const stepDecay = stepDecayPlugin.create; // validates like registry.create
 *
 * const schedule = stepDecay({ initialLearningRate: 0.1, decaySteps: 1000 });
 * [1, 1000, 2000].map(schedule); // [0.1, 0.05, 0.025]
 * stepDecay({ initialLearningRate: 0.1, decaySteps: 0 });
 * // InvalidHyperparameterError: schedule 'step-decay': option 'decaySteps' must be an integer
 * // >= 1, got 0
 * ```
 */
export function definePlugin<
  K extends PluginKind,
  P extends PluginProduct<K>,
  S extends OptionsSchema = Record<never, never>,
>(definition: PluginDefinition<K, S, P>): PluginEntry<K, S, P> {
  if (typeof definition !== 'object' || definition === null) {
    throw new ConfigError(
      `definePlugin: expected a plugin definition object, got ${describeValue(definition)}`,
    );
  }
  const { kind, name, description, create } = definition;
  assertKind('definePlugin', kind);
  assertPluginName(`definePlugin (${kind})`, name);
  const where = `${kind} '${name}'`;
  if (typeof description !== 'string') {
    throw new ConfigError(
      `definePlugin: ${where}: 'description' must be a string, got ${describeValue(description)}`,
    );
  }
  const schema = definition.options ?? (noOptions as S);
  assertOptionsSchema(`definePlugin: ${where}`, schema);
  if (typeof create !== 'function') {
    throw new ConfigError(
      `definePlugin: ${where}: 'create' must be a function, got ${describeValue(create)}`,
    );
  }
  const apiVersion = definition.apiVersion ?? PLUGIN_API_VERSION;
  assertApiVersion(`definePlugin: ${where}`, apiVersion);
  const { stateShapes } = definition;
  if (stateShapes !== undefined && (kind !== 'layer' || typeof stateShapes !== 'function')) {
    throw new ConfigError(
      `definePlugin: ${where}: 'stateShapes' must be a function of a layer plugin, got ${describeValue(stateShapes)}${kind === 'layer' ? '' : ` on a ${kind} plugin`}`,
    );
  }
  const entry: PluginEntry<K, S, P> = {
    kind,
    name,
    description,
    options: schema,
    apiVersion,
    create: (...args: PluginCreateArguments<S>) => create(validateOptions(where, schema, args[0])),
    factory: create,
    ...(stateShapes === undefined ? {} : { stateShapes }),
  };
  pluginEntryBrand.mark(entry);
  return Object.freeze(entry);
}

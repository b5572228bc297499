import { ConfigError } from '../errors/config-error.js';
import type { DType } from '../tensor/dtype.js';
import { assertOptionsSchema } from './check-option-spec.js';
import { assertApiVersion, assertKind, assertPluginName } from './check-plugin-entry.js';
import { describeValue } from '../format/describe-value.js';
import type { OptionsInputOf, OptionsOf, OptionsSchema } from './option-schema.js';
import { PLUGIN_API_VERSION } from './plugin-api-version.js';
import { pluginContextFor, type PluginContext } from './plugin-context.js';
import { pluginEntryBrand } from './plugin-entry-brand.js';
import type { PluginKind, PluginProduct } from './plugin-kinds.js';
import { validateOptions } from './validate-options.js';

/** The schema of plugins without options; shared so that identical entries stay identical. */
const noOptions: OptionsSchema = Object.freeze({});

/** The `factory` of each definition `create` function, so identical entries share it. */
const factories = new WeakMap<object, unknown>();

/**
 * The entry's `factory` for a definition's `create`: the same function every time for the
 * same `create` (registries compare it), filling in the default context.
 */
function factoryOf<O, P>(
  create: (options: O, context: PluginContext) => P,
): (options: O, context?: PluginContext) => P {
  const known = factories.get(create) as ((options: O, context?: PluginContext) => P) | undefined;
  if (known !== undefined) return known;
  const factory = (options: O, context?: PluginContext): P =>
    create(options, pluginContextFor('plugin factory', context));
  factories.set(create, factory);
  return factory;
}

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
   * them again, and the {@link PluginContext} of the creation: `context.registry` is the
   * registry to create other plugins from by name (the one `registry.create` was called
   * on, or `getDefaultRegistry()` for a direct call). Leave `context` out when the factory
   * does not need it.
   */
  readonly create: (options: OptionsOf<S>, context: PluginContext) => P;
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
 * The arguments of {@link PluginEntry.create}: the options (optional when every option has
 * a default or is optional), then an optional {@link PluginContext} (by default the one of
 * `getDefaultRegistry()`).
 */
export type PluginCreateArguments<S extends OptionsSchema> =
  Record<never, never> extends OptionsInputOf<S>
    ? [options?: OptionsInputOf<S>, context?: PluginContext]
    : [options: OptionsInputOf<S>, context?: PluginContext];

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
   * `export const adam = adamPlugin.create;`. The factory gets `context` when it is given
   * (`registry.create` passes `{ registry: itself }`), otherwise `getDefaultRegistry()`.
   *
   * @throws {@link ConfigError} when the options are invalid, naming the plugin, the
   * option, the given value and what was expected, or when `context` is not `{ registry }`.
   */
  create(...args: PluginCreateArguments<S>): P;
  /**
   * The definition's factory without validation: it expects options that were already
   * validated and filled (by `validateOptions`) and checks nothing but `context`, which
   * defaults to `getDefaultRegistry()`'s as in {@link PluginEntry.create}. Prefer
   * {@link PluginEntry.create}. It is the same function for every entry defined with the
   * same `create`, so registries compare it to recognise an identical entry.
   */
  factory(options: OptionsOf<S>, context?: PluginContext): P;
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
  const factory = factoryOf(create);
  const entry: PluginEntry<K, S, P> = {
    kind,
    name,
    description,
    options: schema,
    apiVersion,
    create: (...args: PluginCreateArguments<S>) => {
      const options = validateOptions(where, schema, args[0]);
      return create(options, pluginContextFor(where, args[1]));
    },
    factory,
    ...(stateShapes === undefined ? {} : { stateShapes }),
  };
  pluginEntryBrand.mark(entry);
  return Object.freeze(entry);
}

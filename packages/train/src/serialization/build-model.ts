import {
  ConfigError,
  DataFormatError,
  InvalidHyperparameterError,
  Rng,
  StateDictError,
  validateOptions,
  type DType,
  type Registry,
  formatShape,
} from '@deeptune/core';
import { Module, Sequential } from '@deeptune/layers';
import type { ModelArchitecture } from './model-architecture.js';

/**
 * Options of {@link buildModel}.
 *
 * @category Save and load
 */
export interface BuildModelOptions {
  /**
   * The registry holding the layer plugins the architecture names, and the plugins they
   * create by name (e.g. the activation plugin of a `Dense` layer): every layer is created
   * with this registry as its plugin context, as `registry.create` would.
   */
  readonly registry: Registry;
  /** The file name to put in error messages. @defaultValue 'architecture' */
  readonly source?: string;
  /**
   * The state the model must have, by dotted path (`'dense1.weight'`), e.g. from a weights
   * file's header. When given, every layer's state is checked against it *before* the layer
   * is created (see {@link buildModel}), so an architecture cannot make a layer allocate more
   * than these tensors hold.
   */
  readonly weights?: ReadonlyMap<
    string,
    {
      /** The tensor's shape. */
      readonly shape: readonly number[];
      /** The tensor's dtype. */
      readonly dtype: DType;
    }
  >;
}

/** Layer names: identifiers, as `Module` requires, and never the prototype key. */
const LAYER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An own property of a parsed JSON object, never one inherited from `Object.prototype`. */
function own(record: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Checks that parsed JSON is a {@link ModelArchitecture}: format and version, and every
 * layer is `{ name, plugin, options }` with a unique identifier as its name (`'__proto__'`
 * is refused: records keyed by it lose it) and a plain object of options. Only own
 * properties count.
 *
 * @param value - parsed JSON.
 * @param source - the file name for messages.
 * @throws {@link @deeptune/core!DataFormatError} when it is not.
 * @category Save and load
 *
 * @example
 * ```ts
 * assertModelArchitecture(JSON.parse(text), 'architecture.json');
 * ```
 */
export function assertModelArchitecture(
  value: unknown,
  source = 'architecture',
): asserts value is ModelArchitecture {
  const fail = (what: string): never => {
    throw new DataFormatError(
      `${source}: ${what}; expected { format: 'deeptune-sequential', version: 1, layers: [{ name, plugin, options }] }.`,
    );
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('not a JSON object');
  }
  const candidate = value as Record<string, unknown>;
  const format = own(candidate, 'format');
  const version = own(candidate, 'version');
  const layers = own(candidate, 'layers');
  if (format !== 'deeptune-sequential') fail(`format is ${JSON.stringify(format)}`);
  if (version !== 1) fail(`version ${JSON.stringify(version)} is not supported`);
  if (!Array.isArray(layers) || layers.length === 0) fail('layers must be a non-empty array');
  const names = new Set<string>();
  for (const [index, layer] of (layers as unknown[]).entries()) {
    const entry =
      typeof layer === 'object' && layer !== null && !Array.isArray(layer)
        ? (layer as Record<string, unknown>)
        : undefined;
    const name = entry === undefined ? undefined : own(entry, 'name');
    const plugin = entry === undefined ? undefined : own(entry, 'plugin');
    const options = entry === undefined ? undefined : own(entry, 'options');
    if (
      typeof name !== 'string' ||
      typeof plugin !== 'string' ||
      typeof options !== 'object' ||
      options === null ||
      Array.isArray(options)
    ) {
      fail(`layers[${index}] is not { name, plugin, options }`);
    }
    if (!LAYER_NAME.test(name as string) || name === '__proto__') {
      fail(
        `layers[${index}] has the name ${JSON.stringify(name)}; layer names must be identifiers (letters, digits, _) other than '__proto__'`,
      );
    }
    if (names.has(name as string)) fail(`layers[${index}] repeats the name '${name as string}'`);
    names.add(name as string);
  }
}

/**
 * The largest product of an undeclared plugin's numeric options that the weights can
 * justify: a layer whose state grows with its options holds at least that many scalars.
 */
function numericProduct(options: Readonly<Record<string, unknown>>): number {
  let product = 1;
  const stack: unknown[] = Object.values(options);
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'number') {
      const size = Math.abs(value);
      if (!(size < 2)) product *= size; // NaN and Infinity make the product non-finite
    } else if (Array.isArray(value)) {
      stack.push(...(value as unknown[]));
    } else if (typeof value === 'object' && value !== null) {
      stack.push(...Object.values(value));
    }
  }
  return product;
}

/** The shape and dtype of one tensor of a layer's state. */
interface TensorSpec {
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/**
 * How the state a layer will have (`needs`, declared by its plugin) or has (`created`)
 * differs from what the weights hold under the layer's name, or `undefined` when it matches:
 * every tensor present with its shape and dtype, and no tensor of the layer left over.
 */
function stateDifference(
  name: string,
  state: readonly (readonly [string, TensorSpec])[],
  weights: ReadonlyMap<string, TensorSpec>,
  held: readonly string[],
  verb: 'needs' | 'created',
): string | undefined {
  for (const [local, spec] of state) {
    const path = `${name}.${local}`;
    const actual = weights.get(path);
    if (
      actual === undefined ||
      actual.dtype !== spec.dtype ||
      formatShape(actual.shape) !== formatShape(spec.shape)
    ) {
      const holds =
        actual === undefined ? 'no such tensor' : `${actual.dtype} ${formatShape(actual.shape)}`;
      return `${verb} '${path}' ${spec.dtype} ${formatShape(spec.shape)}, but the weights hold ${holds}`;
    }
  }
  const mine = new Set(state.map(([local]) => `${name}.${local}`));
  const extra = held.filter((path) => !mine.has(path));
  return extra.length > 0 ? `has no state named ${extra.join(', ')}` : undefined;
}

/**
 * Builds a fresh, initialised `Sequential` from an architecture by creating every layer
 * through its registry entry (the same validation and factory as
 * `registry.create('layer', plugin, options)`, with `registry` as the plugin context, so a
 * `Dense` layer's activation plugin and its `activationOptions` come from `registry` too).
 *
 * Layers whose plugin takes an `rng` option get a fresh `new Rng(0)`, so building a model
 * never advances the default generator; load weights into the result to restore a model.
 *
 * With `weights` (the tensors the model must hold, e.g. from a safetensors header), nothing
 * is allocated before it is checked against them:
 * - a layer plugin that declares `stateShapes` (the built-in `dense`, `batch-norm`,
 *   `dropout` and `activation` do) is created only when the shapes and dtypes it declares
 *   for its options are exactly the tensors under its name;
 * - a layer plugin that declares nothing is created only when the product of its numeric
 *   options (each number ≥ 2, in nested arrays too) is at most the number of scalars the
 *   weights hold, since a layer whose state grows with its options holds at least that many;
 *   declare `stateShapes` to be exact;
 * - after creating a layer, its actual parameters and persistent buffers must match too,
 *   and at the end no tensor of `weights` may be left over.
 *
 * @param architecture - the architecture (validated first).
 * @param options - `registry`, `source` and `weights`.
 * @returns the model, with the saved child names (so parameter paths match).
 * @throws {@link @deeptune/core!DataFormatError} when the architecture is malformed or a
 *   layer cannot be created (unknown layer plugin, invalid options, an activation option
 *   out of range), naming the source and layer.
 * @throws {@link @deeptune/core!DataFormatError} also when a layer's factory refuses its context,
 *   e.g. a `Dense` layer names an activation plugin that `registry` lacks: the message
 *   names the source, the layer and the activation, lists the known activations, and says
 *   to install the plugin (`registry.use(plugin)`, `--plugin <module>`).
 * @throws {@link @deeptune/core!StateDictError} when `weights` is given and a layer's state
 *   does not match it, or a tensor of `weights` belongs to no layer.
 * @category Save and load
 *
 * @example
 * ```ts
 * const model = buildModel(describeModel(original), { registry });
 * model.loadStateDict(original.stateDict());
 * ```
 */
export function buildModel(
  architecture: ModelArchitecture,
  options: BuildModelOptions,
): Sequential {
  const source = options.source ?? 'architecture';
  assertModelArchitecture(architecture, source);
  const { weights } = options;
  let scalars = 0;
  const byLayer = new Map<string, string[]>();
  if (weights !== undefined) {
    for (const [path, { shape }] of weights) {
      scalars += shape.reduce((product, size) => product * size, 1);
      const layer = path.includes('.') ? path.slice(0, path.indexOf('.')) : path;
      const paths = byLayer.get(layer);
      if (paths === undefined) byLayer.set(layer, [path]);
      else paths.push(path);
    }
  }
  const mismatch = (index: number, name: string, plugin: string, what: string): never => {
    throw new StateDictError(
      `${source}: layers[${index}] '${name}' (plugin '${plugin}') ${what}. Hint: the weights were not saved with this architecture; save the model again.`,
    );
  };
  // Null prototype: names from the file are plain keys (the checks above refuse '__proto__').
  const layers = Object.create(null) as Record<string, Module>;
  for (const [index, layer] of architecture.layers.entries()) {
    const { name, plugin } = layer;
    let entry;
    let validated: Readonly<Record<string, unknown>>;
    try {
      entry = options.registry.get('layer', plugin);
      const withRng = Object.hasOwn(entry.options, 'rng')
        ? { ...layer.options, rng: new Rng(0) }
        : layer.options;
      validated = validateOptions(`layer '${plugin}'`, entry.options, withRng);
    } catch (error) {
      throw new DataFormatError(
        `${source}: layers[${index}] '${name}' (plugin '${plugin}') cannot be created: ${(error as Error).message}`,
        { cause: error },
      );
    }
    if (weights !== undefined) {
      const held = byLayer.get(name) ?? [];
      if (entry.stateShapes !== undefined) {
        const declared = Object.entries(entry.stateShapes(validated));
        const difference = stateDifference(name, declared, weights, held, 'needs');
        if (difference !== undefined) mismatch(index, name, plugin, difference);
      } else {
        const product = numericProduct(layer.options);
        if (!(product <= Math.max(scalars, 1))) {
          mismatch(
            index,
            name,
            plugin,
            `has numeric options whose product (${product}) exceeds the ${scalars} scalars the weights hold, and its plugin does not declare stateShapes; refusing to create it. Hint: if the model is genuine, give the plugin a stateShapes declaration`,
          );
        }
      }
    }
    let created: unknown;
    try {
      created = entry.factory(validated, { registry: options.registry });
    } catch (error) {
      const what = `${source}: layers[${index}] '${name}' (plugin '${plugin}') cannot be created: ${(error as Error).message}`;
      // What the file names cannot be built: a bad value, or a plugin (an activation) this
      // registry lacks, as for an unknown layer plugin; the message says which, and how to
      // register a plugin.
      if (ConfigError.isInstance(error) || InvalidHyperparameterError.isInstance(error)) {
        throw new DataFormatError(what, { cause: error });
      }
      throw error;
    }
    if (!Module.isModule(created)) {
      throw new DataFormatError(
        `${source}: layers[${index}] plugin '${plugin}' did not create a Module.`,
      );
    }
    if (weights !== undefined) {
      const state: [string, TensorSpec][] = [
        ...created
          .namedParameters()
          .map((parameter): [string, TensorSpec] => [parameter.path, parameter.value]),
        ...created
          .namedBuffers()
          .filter((buffer) => buffer.persistent)
          .map((buffer): [string, TensorSpec] => [buffer.path, buffer.value]),
      ];
      const held = byLayer.get(name) ?? [];
      const difference = stateDifference(name, state, weights, held, 'created');
      if (difference !== undefined) mismatch(index, name, plugin, difference);
    }
    layers[name] = created;
  }
  if (weights !== undefined) {
    const names = new Set(architecture.layers.map((layer) => layer.name));
    const orphans = [...byLayer].filter(([layer]) => !names.has(layer)).flatMap(([, p]) => p);
    if (orphans.length > 0) {
      throw new StateDictError(
        `${source}: the weights hold tensors that belong to no layer: ${orphans.join(', ')}. Hint: the weights were not saved with this architecture; save the model again.`,
      );
    }
  }
  return new Sequential(layers);
}

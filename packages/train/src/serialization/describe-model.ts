import { ConfigError, describeValue } from '@deeptune/core';
import { Sequential, type Module } from '@deeptune/layers';
import type { LayerArchitecture, ModelArchitecture } from './model-architecture.js';

/**
 * Turns a layer into its registry plugin name and JSON options.
 *
 * @category Save and load
 */
export type LayerDescriber = (layer: Module) => Omit<LayerArchitecture, 'name'>;

/** Reads public fields of a layer, checking their types. */
function fields(
  layer: Module,
  spec: Readonly<Record<string, 'number' | 'string' | 'boolean'>>,
): Record<string, unknown> {
  const record = layer as unknown as Readonly<Record<string, unknown>>;
  const options: Record<string, unknown> = {};
  for (const [key, type] of Object.entries(spec)) {
    const value = record[key];
    if (typeof value !== type) {
      throw new ConfigError(
        `describeModel: ${layer.typeName}.${key} must be a ${type} to be saved, got ${describeValue(value)}.`,
      );
    }
    options[key] = value;
  }
  return options;
}

/** What JSON can hold exactly: finite numbers, strings and booleans, or lists of numbers. */
function isJsonOptionValue(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  return (
    Array.isArray(value) &&
    value.every((element) => typeof element === 'number' && Number.isFinite(element))
  );
}

/**
 * The `activationOptions` of a `Dense` or `Activation` layer as saved options: absent when
 * the activation uses its defaults (so such models save exactly as before the option
 * existed), otherwise a copy whose values JSON holds exactly.
 */
function activationOptionsOf(layer: Module): { activationOptions?: Record<string, unknown> } {
  const value = (layer as unknown as Readonly<Record<string, unknown>>)['activationOptions'];
  if (value === undefined) return {}; // a layer of a @deeptune/layers without the field
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(
      `describeModel: ${layer.typeName}.activationOptions must be an object to be saved, got ${describeValue(value)}.`,
    );
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return {};
  const activationOptions: Record<string, unknown> = {};
  for (const [key, option] of entries) {
    if (!isJsonOptionValue(option)) {
      throw new ConfigError(
        `describeModel: ${layer.typeName}.activationOptions.${key} must be a finite number, a string, true or false, or a list of finite numbers to be saved, got ${describeValue(option)}. Hint: architecture.json records the activation's options as JSON.`,
      );
    }
    activationOptions[key] = Array.isArray(option) ? [...(option as number[])] : option;
  }
  return { activationOptions };
}

/**
 * The built-in describers by `typeName`: the layers of `@deeptune/layers`, `@deeptune/batchnorm`
 * and `@deeptune/regularization`, read through their public fields (train imports none of the
 * last two).
 *
 * @category Save and load
 */
export const LAYER_DESCRIBERS: Readonly<Record<string, LayerDescriber>> = Object.freeze({
  Dense: (layer: Module) => {
    const { inputs, units, activation, useBias, dtype } = fields(layer, {
      inputs: 'number',
      units: 'number',
      activation: 'string',
      useBias: 'boolean',
      dtype: 'string',
    });
    return {
      plugin: 'dense',
      options: { inputs, units, activation, ...activationOptionsOf(layer), useBias, dtype },
    };
  },
  Activation: (layer: Module) => ({
    plugin: 'activation',
    options: { ...fields(layer, { activation: 'string' }), ...activationOptionsOf(layer) },
  }),
  BatchNorm: (layer: Module) => {
    const options = fields(layer, {
      features: 'number',
      epsilon: 'number',
      runningAverageDecay: 'number',
      runningVariance: 'string',
      dtype: 'string',
    });
    // The default is left out, so that a model saved with it still loads in a deeptune
    // from before the option existed.
    if (options['runningVariance'] === 'unbiased') delete options['runningVariance'];
    return { plugin: 'batch-norm', options };
  },
  Dropout: (layer: Module) => ({
    plugin: 'dropout',
    options: fields(layer, { keepProb: 'number' }),
  }),
});

/**
 * Options of {@link describeModel}.
 *
 * @category Save and load
 */
export interface DescribeModelOptions {
  /** Describers for other layer types, by `typeName`; they take precedence over the built-ins. */
  readonly describers?: Readonly<Record<string, LayerDescriber>>;
}

/**
 * Describes a `Sequential` model as JSON (plugin names + options) for `architecture.json`.
 *
 * Each layer is described from its public fields by the describer for its `typeName`
 * (`Dense`, `Activation`, `BatchNorm`, `Dropout` built in). Initializers and generators are
 * not saved: the weights are. A `Dense` or `Activation` layer records its activation by
 * name (`'relu'`, or a plugin's such as `'acme:swish'`) and, when it was given any, its
 * `activationOptions` (e.g. `{ beta: 1.5 }`), so {@link buildModel} with a registry holding
 * the plugin recreates the same activation.
 *
 * @param model - a `Sequential` of describable layers.
 * @param options - extra `describers`.
 * @returns the architecture.
 * @throws {@link @deeptune/core!ConfigError} when the model is not a `Sequential`, a layer
 *   has no describer, or an activation option is not a JSON value (a finite number, a
 *   string, a boolean or a list of finite numbers).
 * @category Save and load
 *
 * @example
 * ```ts
 * const architecture = describeModel(model);
 * // { format: 'deeptune-sequential', version: 1, layers: [{ name: 'dense1', plugin: 'dense', options: { inputs: 784, … } }, …] }
 * ```
 */
export function describeModel(
  model: Module,
  options: DescribeModelOptions = {},
): ModelArchitecture {
  if (!Sequential.isSequential(model)) {
    throw new ConfigError(
      `describeModel: only Sequential models can be described, got ${describeValue(model)}${typeof model === 'object' && model !== null && 'typeName' in model ? ` (${String(model.typeName)})` : ''}. Hint: wrap the layers in a Sequential, or pass the architecture yourself.`,
    );
  }
  const layers = model.namedChildren().map(([name, layer], index): LayerArchitecture => {
    const describer = options.describers?.[layer.typeName] ?? LAYER_DESCRIBERS[layer.typeName];
    if (describer === undefined) {
      throw new ConfigError(
        `describeModel: layer ${index} '${name}' (${layer.typeName}) has no describer; known types: ${Object.keys(LAYER_DESCRIBERS).join(', ')}. Hint: pass describers: { ${layer.typeName}: (layer) => ({ plugin, options }) }.`,
      );
    }
    return { name, ...describer(layer) };
  });
  return { format: 'deeptune-sequential', version: 1, layers };
}

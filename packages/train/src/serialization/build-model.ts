import { DataFormatError, Rng, type Registry } from '@deeptune/core';
import { Module, Sequential } from '@deeptune/layers';
import type { ModelArchitecture } from './model-architecture.js';

/**
 * Options of {@link buildModel}.
 *
 * @category Save and load
 */
export interface BuildModelOptions {
  /** The registry holding the layer plugins the architecture names. */
  readonly registry: Registry;
  /** The file name to put in error messages. @defaultValue 'architecture' */
  readonly source?: string;
}

/**
 * Checks that parsed JSON is a {@link ModelArchitecture}.
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
  if (typeof value !== 'object' || value === null) fail('not a JSON object');
  const candidate = value as Record<string, unknown>;
  if (candidate.format !== 'deeptune-sequential')
    fail(`format is ${JSON.stringify(candidate.format)}`);
  if (candidate.version !== 1)
    fail(`version ${JSON.stringify(candidate.version)} is not supported`);
  if (!Array.isArray(candidate.layers) || candidate.layers.length === 0)
    fail('layers must be a non-empty array');
  for (const [index, layer] of (candidate.layers as unknown[]).entries()) {
    const entry = layer as Record<string, unknown> | null;
    if (
      typeof entry !== 'object' ||
      entry === null ||
      typeof entry.name !== 'string' ||
      typeof entry.plugin !== 'string' ||
      typeof entry.options !== 'object' ||
      entry.options === null
    ) {
      fail(`layers[${index}] is not { name, plugin, options }`);
    }
  }
}

/**
 * Builds a fresh, initialised `Sequential` from an architecture by creating every layer
 * with `registry.create('layer', plugin, options)`.
 *
 * Layers whose plugin takes an `rng` option get a fresh `new Rng(0)`, so building a model
 * never advances the default generator; load weights into the result to restore a model.
 *
 * @param architecture - the architecture (validated first).
 * @param options - `registry` and `source`.
 * @returns the model, with the saved child names (so parameter paths match).
 * @throws {@link @deeptune/core!DataFormatError} when the architecture is malformed or a
 *   layer cannot be created (unknown plugin, invalid options), naming the source and layer.
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
  const layers: Record<string, Module> = {};
  for (const [index, layer] of architecture.layers.entries()) {
    let created: unknown;
    try {
      const schema = options.registry.get('layer', layer.plugin).options;
      const withRng = 'rng' in schema ? { ...layer.options, rng: new Rng(0) } : layer.options;
      created = options.registry.create('layer', layer.plugin, withRng);
    } catch (error) {
      throw new DataFormatError(
        `${source}: layers[${index}] '${layer.name}' (plugin '${layer.plugin}') cannot be created: ${(error as Error).message}`,
        { cause: error },
      );
    }
    if (!(created instanceof Module)) {
      throw new DataFormatError(
        `${source}: layers[${index}] plugin '${layer.plugin}' did not create a Module.`,
      );
    }
    layers[layer.name] = created;
  }
  return new Sequential(layers);
}

/**
 * One layer of a {@link ModelArchitecture}: its registry plugin name and its options as
 * plain JSON, so that `registry.create('layer', plugin, options)` recreates it.
 *
 * @category Save and load
 */
export interface LayerArchitecture {
  /** The child's name in the `Sequential` (it prefixes the layer's parameter paths). */
  readonly name: string;
  /** The layer plugin name, e.g. `'dense'`, `'batch-norm'`, `'dropout'`, `'activation'`. */
  readonly plugin: string;
  /** The plugin options, JSON values only (e.g. `{ inputs: 784, units: 64, activation: 'relu' }`). */
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * A model's architecture as JSON: a `Sequential` of registry layers. What `saveModel`
 * writes to `architecture.json` and `buildModel` turns back into a model.
 *
 * @category Save and load
 */
export interface ModelArchitecture {
  /** The format marker. */
  readonly format: 'deeptune-sequential';
  /** The format version. */
  readonly version: 1;
  /** The layers in order. */
  readonly layers: readonly LayerArchitecture[];
}

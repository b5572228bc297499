import type { Dataset } from '../dataset/dataset.js';

/**
 * The data a {@link DatasetLoader} provides.
 *
 * @category Plugins
 */
export interface LoadedDataset {
  /**
   * The training data; for a dataset without a predefined split (synthetic data, a CSV
   * file) all of the examples, to divide with `trainDevTestSplit`.
   */
  readonly train: Dataset;
  /** The predefined test set, when the dataset has one (MNIST). */
  readonly test?: Dataset;
  /** The number of classes, when the targets are class indices. */
  readonly classes?: number;
  /**
   * The name of each class index, when the source names its classes (a CSV file read with
   * `targets: 'class-name'`): `classNames[i]` is the label of class i.
   */
  readonly classNames?: readonly string[];
}

/**
 * What a `dataset` plugin creates: a named source of data that apps (the CLI, the web demo)
 * load by name and options, e.g. `registry.create('dataset', 'moons', { m: 500 })`.
 *
 * @category Plugins
 */
export interface DatasetLoader {
  /** The plugin name, e.g. `'moons'` or `'mnist'`. */
  readonly name: string;
  /** Loads the data; loaders of in-memory data resolve at once. */
  load(): Promise<LoadedDataset>;
}

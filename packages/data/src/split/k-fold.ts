import { ConfigError, InvalidHyperparameterError, Rng, describeValue } from '@deeptune/core';
import type { Dataset } from '../dataset/dataset.js';
import { resolveRng } from '../internal/resolve-rng.js';
import { subset } from '../internal/subset.js';

/**
 * Options of {@link kFold}.
 *
 * @category Splits
 */
export interface KFoldOptions {
  /**
   * The generator for the shuffle. Give `rng` or `seed`, not both.
   * @defaultValue `new Rng(0)`: the same folds every run
   */
  readonly rng?: Rng;
  /** A seed for a new generator `new Rng(seed)`, as an alternative to `rng`. */
  readonly seed?: number;
  /**
   * Whether to shuffle before dividing into folds.
   * @defaultValue `true`
   */
  readonly shuffle?: boolean;
}

/**
 * One fold of {@link kFold}: train on `train`, evaluate on `dev`.
 *
 * @category Splits
 */
export interface Fold {
  /** The position of this fold: 0 … k − 1. */
  readonly index: number;
  /** The examples of the other k − 1 folds. */
  readonly train: Dataset;
  /** The held-out examples of this fold. */
  readonly dev: Dataset;
}

/**
 * Divides a dataset into k folds for k-fold cross-validation.
 *
 * The examples are shuffled (unless `shuffle: false`) and cut into k contiguous folds whose
 * sizes differ by at most one (the first `m mod k` folds get one extra example). Fold `i`
 * holds out part `i` as its dev set and trains on the rest, so every example is in exactly
 * one dev set. Useful when data is too scarce for a fixed dev set.
 *
 * @param data - the dataset to divide.
 * @param k - the number of folds; an integer in [2, m].
 * @param options - see {@link KFoldOptions}.
 * @returns the k folds, in order.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `k` is not an integer in [2, m].
 * @throws {@link @deeptune/core!ConfigError} when both `rng` and `seed` are given.
 * @category Splits
 *
 * @example
 * ```ts
 * for (const { train, dev } of kFold(data, 5, { seed: 0 })) {
 *   // fit on train, measure on dev, average the 5 dev errors
 * }
 * ```
 */
export function kFold(data: Dataset, k: number, options: KFoldOptions = {}): Fold[] {
  const where = 'kFold';
  const m = data.size;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 2 || k > m) {
    throw new InvalidHyperparameterError(
      `${where}: k must be an integer in [2, m] = [2, ${m}], got ${describeValue(k)}.`,
    );
  }
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError(`${where}: options must be an object, got ${describeValue(options)}.`);
  }
  const shuffle = options.shuffle ?? true;
  const rng = resolveRng(where, options.rng, options.seed, () => new Rng(0));
  const order = shuffle ? rng.permutation(m) : Int32Array.from({ length: m }, (_, i) => i);
  const base = Math.floor(m / k);
  const extra = m % k;
  const folds: Fold[] = [];
  let start = 0;
  for (let index = 0; index < k; index++) {
    const size = base + (index < extra ? 1 : 0);
    const end = start + size;
    const trainIndices = new Int32Array(m - size);
    trainIndices.set(order.subarray(0, start));
    trainIndices.set(order.subarray(end), start);
    folds.push(
      Object.freeze({
        index,
        train: subset(data, trainIndices),
        dev: subset(data, order.slice(start, end)),
      }),
    );
    start = end;
  }
  return folds;
}

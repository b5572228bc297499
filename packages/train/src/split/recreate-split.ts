import { ConfigError, DataFormatError, describeValue } from '@deeptune/core';
import type { LoadedDataset, SplitRatios, Standardizer } from '@deeptune/data';
import { checkInteger } from '../internal/check-option.js';
import { splitAs, type TrainingSplit } from './split-for-training.js';

/**
 * Options of {@link recreateSplit}: what the training run recorded, and what was saved with
 * its model.
 *
 * @category Splits
 */
export interface RecreateSplitOptions {
  /**
   * The ratios of the run, as {@link TrainingSplit.ratios} reported them.
   * @defaultValue the default of {@link splitForTraining}: suggested by the size of the data
   */
  readonly ratios?: SplitRatios | readonly [train: number, dev: number];
  /** The seed of the run's split. */
  readonly seed: number;
  /**
   * Whether the run's split was stratified.
   * @defaultValue true
   */
  readonly stratify?: boolean;
  /**
   * The standardizer saved with the model (e.g. from `standardizer.json`), when the run
   * standardized its inputs; `undefined` when it did not.
   */
  readonly standardizer?: Standardizer | undefined;
  /** The number of input features the model takes, checked against the data when given. */
  readonly features?: number;
}

/** The statistics of two standardizers differ: where first, for the message. */
function firstDifference(refitted: Standardizer, saved: Standardizer): string {
  const fresh = refitted.toJSON();
  const kept = saved.toJSON();
  if (fresh.featureShape.join() !== kept.featureShape.join()) {
    return `feature shape [${fresh.featureShape.join(', ')}] vs [${kept.featureShape.join(', ')}] saved`;
  }
  for (const key of ['mean', 'variance'] as const) {
    const index = fresh[key].findIndex((value, i) => value !== kept[key][i]);
    if (index >= 0) {
      return `${key} of feature ${index} is ${fresh[key][index]} vs ${kept[key][index]} saved`;
    }
  }
  return 'the statistics differ';
}

/**
 * Re-creates the train, dev and test sets a saved model was trained on, from the settings
 * its run recorded, and checks that they are: the same number of features, and a training
 * set with exactly the statistics of the saved standardizer.
 *
 * This is {@link splitForTraining} with the run's `ratios`, `seed` and `stratify`, on data
 * loaded again with the run's dataset options, so the sets hold the very examples of the
 * run, in its order, and evaluating the model on them reproduces the numbers it reported.
 * When the run standardized its inputs, pass the saved `standardizer`: the statistics of the
 * re-created training set must equal it exactly (otherwise the data or the settings
 * changed, and the dev and test sets are not the run's), and all three sets are
 * standardized with it.
 *
 * @param loaded - the data, loaded again as the run loaded it (same dataset, options, dtype).
 * @param options - the run's `ratios`, `seed` and `stratify`; the saved `standardizer`; the
 *   model's input `features`.
 * @returns the sets, standardized with the saved standardizer when one is given.
 * @throws {@link @deeptune/core!DataFormatError} when the data has another number of
 *   features than `features`, or the re-created training set's statistics differ from the
 *   saved standardizer's.
 * @throws {@link @deeptune/core!ConfigError} when `seed` is missing or `ratios` do not fit the
 *   data (as for {@link splitForTraining}).
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `features` is not an
 *   integer ≥ 1.
 * @category Splits
 *
 * @example
 * ```ts
 * const loaded = await registry.create('dataset', 'moons', { m: 1000, seed: 0 }).load();
 * const { dev, test } = recreateSplit(loaded, {
 *   ratios: [0.6, 0.2, 0.2], // as recorded with the model
 *   seed: 0,
 *   standardizer, // Standardizer.fromJSON(...) of the saved model
 *   features: 2,
 * });
 * evaluate(model, test, { loss: softmaxCrossEntropy, metrics: ['accuracy'] });
 * ```
 */
export function recreateSplit(loaded: LoadedDataset, options: RecreateSplitOptions): TrainingSplit {
  const where = 'recreateSplit';
  if (typeof options !== 'object' || options === null || options.seed === undefined) {
    throw new ConfigError(
      `${where}: expected options with the seed of the run, e.g. { seed: 0, ratios: [0.6, 0.2, 0.2] }, got ${describeValue(options)}.`,
    );
  }
  if (options.features !== undefined) checkInteger(where, 'features', options.features, 1);
  const saved = options.standardizer;
  const split = splitAs(where, loaded, {
    seed: options.seed,
    ...(options.ratios === undefined ? {} : { ratios: options.ratios }),
    ...(options.stratify === undefined ? {} : { stratify: options.stratify }),
    standardize: saved !== undefined,
  });
  if (options.features !== undefined && split.features !== options.features) {
    throw new DataFormatError(
      `${where}: the data has ${split.features} features per example, but the model takes ${options.features}. Hint: the data changed since training.`,
    );
  }
  if (saved === undefined || split.standardizer === undefined) return split;
  if (JSON.stringify(split.standardizer.toJSON()) !== JSON.stringify(saved.toJSON())) {
    throw new DataFormatError(
      `${where}: the re-created training set is not the one the model was trained on: its statistics differ from the saved standardizer's (${firstDifference(split.standardizer, saved)}). Hint: the data changed since training, or the seed or ratios are not the run's.`,
    );
  }
  return { ...split, standardizer: saved };
}

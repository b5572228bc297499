import { ConfigError, describeValue } from '@deeptune/core';
import type { SplitRatios } from './split-ratios.js';

/** The number of examples a dev or test set needs to compare models reliably. */
const EVALUATION_SET_SIZE = 10_000;
/** The largest fraction of the data given to the dev set, and to the test set. */
const MAX_EVALUATION_FRACTION = 0.2;

/**
 * Suggests train/dev/test ratios for a dataset of m examples, as the course does.
 *
 * The dev and test sets only need to be big enough to tell models apart and to estimate
 * the final performance; about 10,000 examples each is plenty. So:
 *
 * ```text
 * dev = test = min(0.2, 10000 / m)        train = 1 − 2 · dev
 *
 * m ≤ 50,000        60% / 20% / 20%   (the classic split for small data: 100, 1,000, 10,000)
 * m = 100,000       80% / 10% / 10%
 * m = 1,000,000     98% /  1% /  1%
 * m = 10,000,000    99.8% / 0.1% / 0.1%   (still 10,000 each)
 * ```
 *
 * For small data the course also mentions 70/30 (train/test, no dev set) and 70/15/15;
 * 60/20/20 is chosen here because it gives dev and test sets large enough to be useful.
 *
 * @param m - the number of examples; an integer ≥ 1.
 * @returns `[train, dev, test]` summing to 1 (up to floating-point rounding).
 * @throws {@link @deeptune/core!ConfigError} when `m` is not an integer ≥ 1.
 * @category Splits
 *
 * @example
 * ```ts
 * suggestSplitRatios(1000); // [0.6, 0.2, 0.2]
 * suggestSplitRatios(1_000_000); // [0.98, 0.01, 0.01]
 * ```
 */
export function suggestSplitRatios(m: number): SplitRatios {
  if (typeof m !== 'number' || !Number.isInteger(m) || m < 1) {
    throw new ConfigError(
      `suggestSplitRatios: m must be the number of examples, an integer >= 1, got ${describeValue(m)}.`,
    );
  }
  const evaluation = Math.min(MAX_EVALUATION_FRACTION, EVALUATION_SET_SIZE / m);
  return [1 - 2 * evaluation, evaluation, evaluation];
}

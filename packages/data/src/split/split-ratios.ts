import { ConfigError, describeValue } from '@deeptune/core';

/**
 * The fractions of the examples that go to the train, dev and test sets, in that order;
 * non-negative and summing to 1 (for example `[0.6, 0.2, 0.2]` or `[0.98, 0.01, 0.01]`).
 *
 * @category Splits
 */
export type SplitRatios = readonly [train: number, dev: number, test: number];

/** How far the sum of the ratios may be from 1 (floating-point rounding of e.g. 0.7 + 0.15 + 0.15). */
const SUM_TOLERANCE = 1e-9;

/**
 * Throws a `ConfigError` unless `ratios` are three finite numbers in [0, 1], the train
 * ratio positive, summing to 1.
 * @internal
 */
export function checkSplitRatios(where: string, ratios: unknown): SplitRatios {
  if (!Array.isArray(ratios) || ratios.length !== 3) {
    throw new ConfigError(
      `${where}: ratios must be [train, dev, test], got ${describeValue(ratios)}. Hint: e.g. [0.6, 0.2, 0.2].`,
    );
  }
  const names = ['train', 'dev', 'test'];
  ratios.forEach((ratio: unknown, i) => {
    if (typeof ratio !== 'number' || !Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
      throw new ConfigError(
        `${where}: the ${names[i]} ratio must be a number in [0, 1], got ${describeValue(ratio)}.`,
      );
    }
  });
  const [train, dev, test] = ratios as [number, number, number];
  if (train === 0) {
    throw new ConfigError(`${where}: the train ratio must be > 0, got 0.`);
  }
  const total = train + dev + test;
  if (Math.abs(total - 1) > SUM_TOLERANCE) {
    throw new ConfigError(
      `${where}: ratios [${ratios.join(', ')}] sum to ${total}; expected 1. ` +
        'Hint: suggestSplitRatios(m) gives ratios for m examples.',
    );
  }
  return [train, dev, test];
}

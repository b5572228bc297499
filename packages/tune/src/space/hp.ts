import { ConfigError, describeValue } from '@deeptune/core';
import type {
  ChoiceDistribution,
  Distribution,
  IntDistribution,
  LogDistribution,
  OneMinusLogDistribution,
  ParamValue,
  UniformDistribution,
} from './distribution.js';

/**
 * A distribution as its builder call, for messages and reports.
 *
 * @category Search spaces
 *
 * @example
 * ```ts
 * formatDistribution(hp.log(1e-4, 1)); // 'log(0.0001, 1)'
 * formatDistribution(hp.choice(['adam', 'sgd'])); // 'choice(["adam", "sgd"])'
 * ```
 */
export function formatDistribution(distribution: Distribution): string {
  if (distribution.scale === 'choice') {
    return `choice([${distribution.values.map((value) => JSON.stringify(value)).join(', ')}])`;
  }
  return `${distribution.scale}(${distribution.low}, ${distribution.high})`;
}

function fail(where: string, call: string, problem: string): never {
  throw new ConfigError(`${where}: ${call}: ${problem}`);
}

function checkBounds(where: string, scale: string, low: unknown, high: unknown): void {
  const call = `${scale}(${describeValue(low)}, ${describeValue(high)})`;
  for (const [name, value] of [
    ['low', low],
    ['high', high],
  ] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      fail(where, call, `${name} must be a finite number, got ${describeValue(value)}`);
    }
  }
  const lo = low as number;
  const hi = high as number;
  if (scale === 'int') {
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi)) {
      fail(where, call, 'the bounds must be integers');
    }
    if (hi < lo) fail(where, call, `the range is inverted (${hi} < ${lo})`);
    return;
  }
  if (!(hi > lo)) {
    fail(
      where,
      call,
      hi === lo
        ? `the range is empty (low = high = ${lo})`
        : `the range is inverted (${hi} < ${lo})`,
    );
  }
  if (scale === 'log' && !(lo > 0)) {
    fail(where, call, `a log scale needs a lower bound > 0, got ${lo}`);
  }
  if (scale === 'oneMinusLog' && !(lo > 0 && hi < 1)) {
    fail(
      where,
      call,
      `a 1 − β scale needs 0 < low < high < 1 (1 − β = 10^r must be positive), got [${lo}, ${hi}]`,
    );
  }
}

/**
 * Checks a distribution given as data (from a space file, a journal, or code) and returns a
 * frozen copy.
 *
 * @param where - what to name in errors, e.g. `search space key 'lr'`.
 * @throws {@link @deeptune/core!ConfigError} naming `where` when the scale is unknown or the
 * range is empty, inverted, or outside the scale's domain.
 * @category Search spaces
 *
 * @example
 * ```ts
 * checkDistribution("key 'lr'", { scale: 'log', low: 1e-4, high: 1 }); // ok
 * checkDistribution("key 'lr'", { scale: 'log', low: 0, high: 1 });
 * // ConfigError: key 'lr': log(0, 1): a log scale needs a lower bound > 0, got 0
 * ```
 */
export function checkDistribution(where: string, distribution: unknown): Distribution {
  if (typeof distribution !== 'object' || distribution === null) {
    throw new ConfigError(
      `${where}: expected a distribution such as { scale: 'log', low: 0.0001, high: 1 }, got ${describeValue(distribution)}`,
    );
  }
  const { scale } = distribution as { scale?: unknown };
  if (scale === 'choice') {
    const { values } = distribution as { values?: unknown };
    if (!Array.isArray(values) || values.length === 0) {
      throw new ConfigError(
        `${where}: choice needs a non-empty list of values, got ${describeValue(values)}`,
      );
    }
    const seen = new Set<ParamValue>();
    for (const value of values as unknown[]) {
      const ok =
        typeof value === 'string' ||
        typeof value === 'boolean' ||
        (typeof value === 'number' && Number.isFinite(value));
      if (!ok) {
        throw new ConfigError(
          `${where}: choice values must be finite numbers, strings or booleans, got ${describeValue(value)}`,
        );
      }
      if (seen.has(value)) {
        throw new ConfigError(`${where}: choice lists ${JSON.stringify(value)} twice`);
      }
      seen.add(value);
    }
    return Object.freeze({ scale, values: Object.freeze([...(values as ParamValue[])]) });
  }
  if (scale === 'uniform' || scale === 'int' || scale === 'log' || scale === 'oneMinusLog') {
    const { low, high } = distribution as { low?: unknown; high?: unknown };
    checkBounds(where, scale, low, high);
    return Object.freeze({ scale, low: low as number, high: high as number });
  }
  throw new ConfigError(
    `${where}: unknown scale ${describeValue(scale)}; expected one of 'uniform', 'int', 'choice', 'log', 'oneMinusLog'`,
  );
}

/**
 * Builders of the distributions a search space declares, one per scale: `hp.log(1e-4, 1)`
 * for a learning rate, `hp.oneMinusLog(0.9, 0.999)` for a β, `hp.int(32, 256)` for hidden
 * units, `hp.choice(['adam', 'momentum'])`, `hp.uniform(0.5, 1)` for a keep probability.
 *
 * Each builder checks its bounds at once.
 *
 * @throws {@link @deeptune/core!ConfigError} for an empty or inverted range, `log` with a
 * bound ≤ 0, `oneMinusLog` outside (0, 1), non-integer `int` bounds, an empty `choice`.
 * @category Search spaces
 *
 * @example
 * ```ts
 * const space = searchSpace({
 *   learningRate: hp.log(1e-4, 1),
 *   beta: hp.oneMinusLog(0.9, 0.999),
 *   hiddenUnits: hp.int(32, 256),
 * });
 * ```
 */
export const hp = Object.freeze({
  /** A real number uniform in [low, high]. */
  uniform(low: number, high: number): UniformDistribution {
    return checkDistribution('hp.uniform', { scale: 'uniform', low, high }) as UniformDistribution;
  },
  /** An integer uniform in {low, …, high}. */
  int(low: number, high: number): IntDistribution {
    return checkDistribution('hp.int', { scale: 'int', low, high }) as IntDistribution;
  },
  /** α = 10^r with r uniform in [log10 low, log10 high]. */
  log(low: number, high: number): LogDistribution {
    return checkDistribution('hp.log', { scale: 'log', low, high }) as LogDistribution;
  },
  /** β with 1 − β = 10^r, r uniform in [log10(1 − high), log10(1 − low)]. */
  oneMinusLog(low: number, high: number): OneMinusLogDistribution {
    return checkDistribution('hp.oneMinusLog', {
      scale: 'oneMinusLog',
      low,
      high,
    }) as OneMinusLogDistribution;
  },
  /** One of `values`, each equally likely. */
  choice<const V extends ParamValue>(values: readonly V[]): ChoiceDistribution {
    return checkDistribution('hp.choice', { scale: 'choice', values }) as ChoiceDistribution;
  },
});

import type { Distribution, ParamValue } from './distribution.js';

/**
 * The interval a distribution is uniform on, in its own scale: [low, high] for `uniform`,
 * [log10 low, log10 high] for `log`, [log10(1 − high), log10(1 − low)] for `oneMinusLog`,
 * [low, high + 1) for `int` (the value is the floor), [0, n) for a choice of n values (the
 * value is the one at the floor's index).
 *
 * @category Search spaces
 *
 * @example
 * ```ts
 * internalRange(hp.oneMinusLog(0.9, 0.999)); // [-3, -1]
 * ```
 */
export function internalRange(distribution: Distribution): readonly [number, number] {
  switch (distribution.scale) {
    case 'uniform':
      return [distribution.low, distribution.high];
    case 'int':
      return [distribution.low, distribution.high + 1];
    case 'log':
      return [Math.log10(distribution.low), Math.log10(distribution.high)];
    case 'oneMinusLog':
      return [Math.log10(1 - distribution.high), Math.log10(1 - distribution.low)];
    case 'choice':
      return [0, distribution.values.length];
  }
}

/**
 * A value's coordinate in its distribution's own scale (see {@link internalRange}); the
 * inverse of {@link fromInternal} (for `int` and `choice`, the left end of the value's cell).
 *
 * @throws RangeError when a choice value is not one of the distribution's values.
 * @category Search spaces
 *
 * @example
 * ```ts
 * toInternal(hp.log(1e-4, 1), 0.01); // -2
 * toInternal(hp.oneMinusLog(0.9, 0.999), 0.99); // -2
 * ```
 */
export function toInternal(distribution: Distribution, value: ParamValue): number {
  switch (distribution.scale) {
    case 'uniform':
    case 'int':
      return value as number;
    case 'log':
      return Math.log10(value as number);
    case 'oneMinusLog':
      return Math.log10(1 - (value as number));
    case 'choice': {
      const index = distribution.values.indexOf(value);
      if (index < 0) throw new RangeError(`${JSON.stringify(value)} is not one of the choices`);
      return index;
    }
  }
}

function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}

/**
 * The value at coordinate `x` of a distribution's own scale, kept inside its bounds
 * (rounding can put 10^(log10 high) a hair above `high`).
 *
 * @category Search spaces
 *
 * @example
 * ```ts
 * fromInternal(hp.log(1e-4, 1), -2); // 0.01
 * fromInternal(hp.int(32, 256), 100.7); // 100
 * ```
 */
export function fromInternal(distribution: Distribution, x: number): ParamValue {
  switch (distribution.scale) {
    case 'uniform':
      return clamp(x, distribution.low, distribution.high);
    case 'int':
      return clamp(Math.floor(x), distribution.low, distribution.high);
    case 'log':
      return clamp(10 ** x, distribution.low, distribution.high);
    case 'oneMinusLog':
      return clamp(1 - 10 ** x, distribution.low, distribution.high);
    case 'choice': {
      const index = clamp(Math.floor(x), 0, distribution.values.length - 1);
      return distribution.values[index]!;
    }
  }
}

/**
 * The value at fraction `u` ∈ [0, 1) of a distribution's interval in its own scale: how
 * every sampler turns a uniform number into a hyperparameter value, so a uniform `u` gives
 * the distribution's density (log-uniform for `log`, and so on).
 *
 * @category Search spaces
 *
 * @example
 * ```ts
 * fromUnit(hp.log(1e-4, 1), 0.5); // 0.01
 * fromUnit(hp.oneMinusLog(0.9, 0.999), 0.5); // 0.99
 * fromUnit(hp.choice(['adam', 'momentum']), 0.7); // 'momentum'
 * ```
 */
export function fromUnit(distribution: Distribution, u: number): ParamValue {
  const [low, high] = internalRange(distribution);
  return fromInternal(distribution, low + u * (high - low));
}

/**
 * A value's fraction of its distribution's interval in its own scale, in [0, 1]; the inverse
 * of {@link fromUnit} (for `int` and `choice`, the left end of the value's cell).
 *
 * @category Search spaces
 *
 * @example
 * ```ts
 * toUnit(hp.log(1e-4, 1), 0.01); // 0.5
 * ```
 */
export function toUnit(distribution: Distribution, value: ParamValue): number {
  const [low, high] = internalRange(distribution);
  return (toInternal(distribution, value) - low) / (high - low);
}

/**
 * Whether `value` lies in the distribution (inside its bounds, an integer for `int`, one of
 * the values for `choice`).
 *
 * @category Search spaces
 *
 * @example
 * ```ts
 * contains(hp.int(32, 256), 64); // true
 * contains(hp.int(32, 256), 64.5); // false
 * ```
 */
export function contains(distribution: Distribution, value: ParamValue): boolean {
  if (distribution.scale === 'choice') return distribution.values.includes(value);
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (distribution.scale === 'int' && !Number.isInteger(value)) return false;
  return value >= distribution.low && value <= distribution.high;
}

import type { Distribution, ParamValue } from '../space/distribution.js';
import { fromInternal, internalRange, toInternal } from '../space/unit-interval.js';

/**
 * The box around some good values of a hyperparameter, in the distribution's own scale: the
 * smallest interval of the scale holding all of them, widened on each side by `margin` times
 * the current interval's width and kept inside it (log10 space for `log`, log10(1 − β) for
 * `oneMinusLog`); for a `choice`, the values that occur. This is how each coarse-to-fine
 * round zooms in.
 *
 * @param distribution - the current round's distribution.
 * @param values - the good trials' values (at least one, all inside `distribution`).
 * @param margin - the widening, a fraction of the current width (> 0).
 * @category Samplers
 *
 * @example
 * ```ts
 * narrowDistribution(hp.log(1e-4, 1), [0.001, 0.01], 0.1);
 * // log(0.000398, 0.0251): [-3, -2] widened by 0.4 decades (0.1 × 4) each side
 * narrowDistribution(hp.oneMinusLog(0.9, 0.999), [0.99], 0.25);
 * // oneMinusLog(0.9684, 0.9968): 1 − β in 10^[-2.5, -1.5]
 * ```
 */
export function narrowDistribution(
  distribution: Distribution,
  values: readonly ParamValue[],
  margin: number,
): Distribution {
  if (distribution.scale === 'choice') {
    const kept = distribution.values.filter((value) => values.includes(value));
    return Object.freeze({
      scale: 'choice',
      values: Object.freeze(kept.length > 0 ? kept : [...distribution.values]),
    });
  }
  const [low, high] = internalRange(distribution);
  const width = high - low;
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    const x = toInternal(distribution, value);
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (distribution.scale === 'int') max += 1; // a value v occupies the cell [v, v + 1)
  const newLow = Math.max(low, min - margin * width);
  const newHigh = Math.min(high, max + margin * width);
  switch (distribution.scale) {
    case 'uniform':
      return Object.freeze({ scale: 'uniform', low: newLow, high: newHigh });
    case 'int': {
      const intLow = Math.max(distribution.low, Math.floor(newLow));
      const intHigh = Math.min(distribution.high, Math.ceil(newHigh) - 1);
      return Object.freeze({ scale: 'int', low: intLow, high: Math.max(intLow, intHigh) });
    }
    case 'log':
      return Object.freeze({
        scale: 'log',
        low: fromInternal(distribution, newLow) as number,
        high: fromInternal(distribution, newHigh) as number,
      });
    case 'oneMinusLog':
      // x = log10(1 − β) decreases as β grows: the box's low x is its high β.
      return Object.freeze({
        scale: 'oneMinusLog',
        low: fromInternal(distribution, newHigh) as number,
        high: fromInternal(distribution, newLow) as number,
      });
  }
}

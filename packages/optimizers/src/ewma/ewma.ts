import { InvalidHyperparameterError, NumericError, describeValue } from '@deeptune/core';
import { biasCorrection } from './bias-correction.js';

/**
 * An exponentially weighted moving average with bias correction, as {@link ewma} creates it.
 *
 * @category EWMA
 */
export interface Ewma {
  /** The averaging weight β. */
  readonly beta: number;
  /** How many values were added (t). */
  readonly count: number;
  /** The raw average v_t (biased towards 0 while t is small); 0 before the first value. */
  readonly value: number;
  /**
   * The bias-corrected average v_t / (1 − β^t).
   * @throws {@link @deeptune/core!NumericError} before the first value (there is nothing to average).
   */
  readonly corrected: number;
  /**
   * Adds a value and returns the bias-corrected average.
   * @throws {@link @deeptune/core!NumericError} when `x` is not a finite number.
   */
  update(x: number): number;
  /** Forgets every value (t = 0, v = 0). */
  reset(): void;
}

/**
 * Creates an exponentially weighted moving average (EWMA) with bias correction, for
 * smoothing curves such as a noisy mini-batch loss.
 *
 * The optimizers keep the same kind of averages per parameter element (momentum's v,
 * RMSprop's S, Adam's m and v) and use {@link biasCorrection} for Adam's correction.
 *
 * @remarks
 * ```text
 * v_0 = 0
 * v_t = β·v_(t−1) + (1 − β)·x_t
 * corrected_t = v_t / (1 − β^t)
 * ```
 * v_t averages roughly the last 1/(1 − β) values (β = 0.9: about 10; β = 0.98: about 50).
 * @see https://en.wikipedia.org/wiki/Exponential_smoothing
 *
 * @param beta - the averaging weight β, in [0, 1).
 * @returns a fresh average with t = 0.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `beta` is not in [0, 1).
 *
 * @example
 * ```ts
 * const smooth = ewma(0.98);
 * smooth.update(1); // 1 (v_1 = 0.02, corrected by 1 − 0.98 = 0.02)
 * smooth.update(1); // 1 (v_2 = 0.0396, corrected by 1 − 0.98² = 0.0396)
 * smooth.value; // 0.0396
 * ```
 * @category EWMA
 */
export function ewma(beta: number): Ewma {
  if (typeof beta !== 'number' || !(beta >= 0 && beta < 1)) {
    throw new InvalidHyperparameterError(
      `ewma: beta must be in [0, 1), got ${describeValue(beta)}. Hint: β = 0.9 averages about the last 10 values.`,
    );
  }
  let count = 0;
  let value = 0;
  return {
    beta,
    get count() {
      return count;
    },
    get value() {
      return value;
    },
    get corrected() {
      if (count === 0) {
        throw new NumericError('ewma: no value was added yet, so there is no corrected average');
      }
      return value / biasCorrection(beta, count);
    },
    update(x: number): number {
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        throw new NumericError(`ewma.update: x must be a finite number, got ${describeValue(x)}`);
      }
      value = beta * value + (1 - beta) * x;
      count += 1;
      return value / biasCorrection(beta, count);
    },
    reset(): void {
      count = 0;
      value = 0;
    },
  };
}

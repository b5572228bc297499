import { portablePow } from '@deeptune/core';

/**
 * The bias-correction divisor 1 − β^t of an exponentially weighted average started at 0.
 *
 * An average v_t = β·v_(t−1) + (1 − β)·x_t with v_0 = 0 is biased towards 0 in its first
 * steps; v_t / (1 − β^t) removes the bias. Adam divides its moments by these divisors.
 * β^t is `portablePow` from `@deeptune/core`, not `**`, so the result is bit-identical on
 * every JavaScript engine.
 *
 * @remarks
 * ```text
 * biasCorrection(β, t) = 1 − β^t
 * e.g. β = 0.98, t = 2:  1 − 0.98² = 1 − 0.9604 = 0.0396
 * ```
 * @see https://arxiv.org/abs/1412.6980 (Adam, Kingma & Ba, section 3)
 *
 * @param beta - the averaging weight β, in [0, 1).
 * @param t - the number of values averaged so far, an integer ≥ 1.
 * @returns 1 − β^t, in (0, 1].
 * @category EWMA
 *
 * @example
 * ```ts
 * biasCorrection(0.9, 1); // ≈ 0.1
 * biasCorrection(0.98, 2); // ≈ 0.0396 (1 − 0.98²)
 * // a corrected moving average of a constant signal is the constant from the first step
 * const beta = 0.9;
 * const average = (1 - beta) * 5; // v_1 = β·0 + (1 − β)·5
 * average / biasCorrection(beta, 1); // 5
 * ```
 */
export function biasCorrection(beta: number, t: number): number {
  return 1 - portablePow(beta, t);
}

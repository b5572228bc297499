import { ewma } from 'deeptune';

/** An exponentially weighted average of a series, with and without bias correction. */
export interface EwmaCurves {
  /** v_t = β·v_(t−1) + (1 − β)·θ_t with v_0 = 0, for t = 1 … n. */
  readonly raw: Float64Array;
  /** v_t / (1 − β^t), for t = 1 … n. */
  readonly corrected: Float64Array;
  /** About how many of the last values the average covers: 1 / (1 − β). */
  readonly window: number;
}

/**
 * Smooths `values` with deeptune's `ewma(beta)`: the raw average `value` (biased towards 0
 * while t is small) and the bias-corrected one that `update` returns.
 */
export function ewmaCurves(values: Float64Array, beta: number): EwmaCurves {
  const average = ewma(beta);
  const raw = new Float64Array(values.length);
  const corrected = new Float64Array(values.length);
  for (let index = 0; index < values.length; index++) {
    corrected[index] = average.update(values[index]!);
    raw[index] = average.value;
  }
  return { raw, corrected, window: 1 / (1 - beta) };
}

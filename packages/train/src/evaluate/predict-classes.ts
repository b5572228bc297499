import type { Model, Tensor } from '@deeptune/core';
import { predictIn, type PredictOptions } from './predict.js';

/**
 * Predicts a class index per example: the arg-max of the outputs for `[m, C]` outputs with
 * C ≥ 2, and `output > 0` (a positive logit) for a single output column.
 *
 * @param model - a classifier returning logits.
 * @param inputs - a batch-first tensor `[m, …]`.
 * @param options - `batchSize`.
 * @returns the m predicted class indices.
 * @throws {@link @deeptune/core!ConfigError} when `inputs` is not a batch-first tensor, or
 *   an option is unknown or has the wrong type.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `batchSize` is not an
 *   integer ≥ 1 (`predictClasses: option 'batchSize' must be an integer >= 1, got 0`).
 * @category Evaluation
 *
 * @example
 * ```ts
 * const classes = predictClasses(model, test.inputs); // Int32Array of length m
 * ```
 */
export function predictClasses(
  model: Model,
  inputs: Tensor,
  options: PredictOptions = {},
): Int32Array {
  const outputs = predictIn('predictClasses', model, inputs, options);
  const m = outputs.shape[0]!;
  const columns = outputs.rank === 2 ? outputs.shape[1]! : 1;
  const values = outputs.data;
  const classes = new Int32Array(m);
  for (let row = 0; row < m; row++) {
    if (columns === 1) {
      classes[row] = values[row]! > 0 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let column = 1; column < columns; column++) {
      if (values[row * columns + column]! > values[row * columns + best]!) best = column;
    }
    classes[row] = best;
  }
  return classes;
}

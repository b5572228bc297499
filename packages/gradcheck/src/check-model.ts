import {
  DETERMINISTIC_TRAINING_MODE,
  computeCost,
  type Loss,
  type Model,
  type Regularizer,
  type Tensor,
} from '@deeptune/core';
import { gradcheck, type GradcheckOptions, type GradcheckReport } from './gradcheck.js';

/** A batch to check a model on. */
export interface CheckBatch {
  /** The inputs, batch-first. */
  readonly inputs: Tensor;
  /** The targets the loss compares the outputs with. */
  readonly targets: Tensor;
}

/** Options of {@link checkModel}. */
export interface CheckModelOptions extends GradcheckOptions {
  /**
   * Penalties included in both the cost and its gradient, e.g. `[l2({ lambda: 0.7 })]` from
   * `@deeptune/regularization`.
   * @defaultValue []
   */
  readonly regularizers?: readonly Regularizer[];
}

/**
 * Gradient-checks a whole model: the cost J = loss + regularization on one batch, with
 * respect to every parameter, reported per parameter path (`dense2.bias`).
 *
 * The model runs in a deterministic training mode — `{ training: true, stochastic: false }`:
 * dropout is off without editing the model, and batch norm uses the statistics of the
 * fixed batch, as in training. The model's state (parameters and buffers such as batch
 * norm's running averages, which every forward pass in training mode updates) is saved
 * before the check and restored afterwards, so checking does not disturb training.
 *
 * Build the model in float64 for the check (see {@link gradcheck}). For a big network, pass
 * `sample` (e.g. 20) to check a seeded random handful of coordinates per parameter instead of
 * every one.
 *
 * @param model - any model with named parameters and a state dictionary (a `Module`).
 * @param loss - the data term, e.g. softmax cross-entropy.
 * @param batch - the fixed batch.
 * @returns the gradcheck report; `report.worst.name` names the most suspicious parameter.
 * @throws {@link @deeptune/core!GradcheckError} for float32 parameters or non-finite costs,
 *   and with `throwOnFailure` for a failed check.
 *
 * @example
 * ```ts
 * const report = checkModel(model, softmaxCrossEntropy, { inputs, targets }, {
 *   regularizers: [l2({ lambda: 0.7 })],
 *   sample: 20,
 * });
 * console.log(formatGradcheckReport(report));
 * ```
 */
export function checkModel(
  model: Model,
  loss: Loss,
  batch: CheckBatch,
  options: CheckModelOptions = {},
): GradcheckReport {
  const { regularizers = [], ...gradcheckOptions } = options;
  const snapshot = model.stateDict();
  try {
    const parameters: Record<string, Tensor> = {};
    for (const parameter of model.namedParameters()) parameters[parameter.path] = parameter.value;
    const cost = (): Tensor =>
      computeCost({
        model,
        loss,
        regularizers,
        inputs: batch.inputs,
        targets: batch.targets,
        mode: DETERMINISTIC_TRAINING_MODE,
      }).cost;
    return gradcheck(cost, parameters, gradcheckOptions);
  } finally {
    model.loadStateDict(snapshot);
  }
}

import type { Tensor } from '../tensor/tensor.js';
import { add } from '../ops/add.js';
import { scalarTensor } from '../ops/internal/operands.js';
import type { ForwardMode } from './forward-mode.js';
import type { Loss } from './loss.js';
import type { Model } from './model.js';
import type { Regularizer } from './regularizer.js';

/** The inputs of {@link computeCost}. */
export interface CostInputs {
  /** The model to evaluate. */
  readonly model: Model;
  /** The data term. */
  readonly loss: Loss;
  /** The penalties to add. @defaultValue [] */
  readonly regularizers?: readonly Regularizer[];
  /** The batch. */
  readonly inputs: Tensor;
  /** The batch's targets. */
  readonly targets: Tensor;
  /** The forward mode; the model's own mode when omitted. */
  readonly mode?: Partial<ForwardMode>;
}

/** The cost J and its two parts. */
export interface CostParts {
  /** J = data term + regularization term: the quantity being minimised. */
  readonly cost: Tensor;
  /** The loss on the batch. */
  readonly data: Tensor;
  /** The sum of the regularizers' penalties (0 without regularizers). */
  readonly regularization: Tensor;
}

/**
 * Computes the cost J of a model on a batch: the loss (data term) plus every
 * regularizer's penalty, each part kept so it can be reported separately.
 *
 * @example
 * ```ts
 * const { cost, data, regularization } = computeCost({ model, loss, regularizers: [l2({ lambda: 0.1 })], inputs, targets });
 * cost.backward();
 * ```
 */
export function computeCost(inputs: CostInputs): CostParts {
  const { model, loss, regularizers = [], mode } = inputs;
  const outputs = model.forward(inputs.inputs, mode);
  const data = loss(outputs, inputs.targets);
  const batchSize = inputs.inputs.shape[0] ?? 1;
  const parameters = regularizers.length > 0 ? model.namedParameters() : [];
  let regularization: Tensor = scalarTensor(0, data.dtype);
  for (const regularizer of regularizers) {
    regularization = add(regularization, regularizer.penalty(parameters, batchSize));
  }
  return { cost: regularizers.length > 0 ? add(data, regularization) : data, data, regularization };
}

import type { Tensor } from '@deeptune/core';
import { assertSameShapeAndDType, assertTensorArgument } from './check-loss-inputs.js';

const WHERE = 'meanSquaredError';

/**
 * Mean squared error: the mean over every element of `(ŷ − y)²`, the loss of a regression
 * with a linear output layer.
 *
 * ```text
 * J      = (1/N) Σ (ŷ − y)²        (N = number of elements: m·n for [m, n] outputs)
 * ∂J/∂ŷ  = 2 (ŷ − y) / N
 * ```
 *
 * Convention: no ½ factor, as PyTorch's `MSELoss` and Keras's `mean_squared_error`. Courses
 * often write `J = 1/(2m) Σ (ŷ − y)²` so that the gradient is `(ŷ − y)/m`; that J is half of
 * this one (same minimiser, gradients and effective learning rate differ by a factor 2).
 * Shapes must match exactly: a `[m]` target against `[m, 1]` outputs is an error rather than
 * a silent broadcast to `[m, m]`. It is a `Loss` and the `'mean-squared-error'` loss plugin.
 *
 * @param outputs - the predictions ŷ.
 * @param targets - the targets y, same shape and dtype.
 * @returns the mean, a scalar tensor; differentiable with respect to both arguments.
 * @throws {@link @deeptune/core!ShapeError} when the shapes differ or are empty.
 * @throws {@link @deeptune/core!DTypeError} when the dtypes differ.
 * @category Losses
 *
 * @example
 * ```ts
 * meanSquaredError(tensor([[1, 2], [3, 4]]), tensor([[1, 1], [1, 1]])).item(); // 3.5
 * ```
 */
export function meanSquaredError(outputs: Tensor, targets: Tensor): Tensor {
  assertTensorArgument(WHERE, 'outputs', outputs);
  assertTensorArgument(WHERE, 'targets', targets);
  assertSameShapeAndDType(WHERE, 'outputs', outputs, targets);
  return outputs.sub(targets).square().mean();
}

import { zeros } from '@deeptune/core';
import type { InitializerContext, Tensor } from '@deeptune/core';

/**
 * Fills with zeros: the right start for biases (the random weights already break the
 * symmetry), and the wrong one for the weights of a hidden layer.
 *
 * With zero weights every unit of a layer computes the same function and receives the same
 * gradient, so they stay identical however long you train (the course's "symmetry"
 * argument). Logistic regression, which has no hidden layer, can start from zeros.
 *
 * @param shape - the shape of the tensor to create.
 * @param context - only `dtype` is used.
 * @returns a new tensor of zeros.
 * @category Initializers
 *
 * @example
 * ```ts
 * // logistic regression (no hidden layer) may start from zero weights
 * const logistic = new Dense({ inputs: 2, units: 1, activation: 'sigmoid', initializer: 'zeros' });
 * logistic.weight.toArray(); // [[0], [0]]
 * ```
 */
export function zerosInitializer(shape: readonly number[], context: InitializerContext): Tensor {
  return zeros(shape, { dtype: context.dtype });
}

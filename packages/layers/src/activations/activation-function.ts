import type { Tensor } from '@deeptune/core';

/**
 * An activation: an element-wise (or, for softmax, row-wise) function applied to a layer's
 * pre-activations `Z` to give its activations `A = g(Z)`.
 *
 * It must be differentiable through autograd (built from core ops) and keep the input's
 * shape and dtype. Registry entries of kind `'activation'` create one.
 *
 * @category Activations
 */
export type ActivationFunction = (x: Tensor) => Tensor;

import type { Tensor } from '../tensor/tensor.js';

/**
 * A loss: the data term of the cost, averaged over the batch.
 *
 * Takes the model's outputs (e.g. logits, `[m, classes]`) and the targets, and returns a
 * one-element tensor. Regularization terms are not part of a loss; the cost J adds them
 * (see {@link computeCost}).
 */
export type Loss = (outputs: Tensor, targets: Tensor) => Tensor;

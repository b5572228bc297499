import { abs, customOp, exp, log1p, relu, sigmoid } from '@deeptune/core';
import type { Tensor } from '@deeptune/core';
import {
  assertSameShapeAndDType,
  assertBinaryTargets,
  assertTensorArgument,
} from './check-loss-inputs.js';

const WHERE = 'binaryCrossEntropy';

/**
 * Binary cross-entropy from logits (sigmoid fused in): the loss of a binary or multi-label
 * classifier whose last layer is linear.
 *
 * Each element of `logits` is a pre-sigmoid output z and the matching target y ∈ [0, 1] is
 * the probability of the positive class. The loss is computed in the form that never
 * overflows (the logits ±800 give exact, finite values, where `log(sigmoid(z))` would give
 * −∞) and keeps full precision at large |z| (`log1p`, so z = 40 with y = 1 gives
 * log1p(e^(−40)) ≈ 4.248e-18 rather than 0), and averaged over all elements:
 *
 * ```text
 * ℓ(z, y) = −y·log σ(z) − (1 − y)·log(1 − σ(z))
 *         = max(z, 0) − z·y + log1p(e^(−|z|))
 * J       = mean of ℓ over every element
 * ∂J/∂z   = (σ(z) − y) / N                 (N = number of elements)
 * ∂J/∂y   = −z / N                         (only when targets require gradients)
 * ```
 *
 * The backward rule is written out (a custom op) rather than differentiated through
 * `max` and `|z|`, whose kinks at z = 0 would give a wrong gradient there — exactly where
 * zero-initialized logistic regression starts. It is a `Loss` and the
 * `'binary-cross-entropy'` loss plugin. For outputs that already went through a sigmoid, see
 * {@link binaryCrossEntropyFromProbabilities} (less stable: prefer logits when you can).
 *
 * @param logits - the pre-sigmoid outputs, typically `[m, 1]` or `[m, labels]`.
 * @param targets - probabilities in [0, 1], the same shape and dtype as `logits`.
 * @returns the mean loss, a scalar tensor in the logits' dtype.
 * @throws {@link @deeptune/core!ShapeError} when the shapes differ or are empty.
 * @throws {@link @deeptune/core!DTypeError} when the dtypes differ.
 * @throws {@link @deeptune/core!ConfigError} when a target is outside [0, 1] (or NaN).
 * @category Losses
 *
 * @example
 * ```ts
 * const logits = tensor([[800], [-800], [0]]);
 * binaryCrossEntropy(logits, tensor([[1], [1], [0]])).item(); // (0 + 800 + log 2) / 3
 * ```
 */
export function binaryCrossEntropy(logits: Tensor, targets: Tensor): Tensor {
  assertTensorArgument(WHERE, 'logits', logits);
  assertTensorArgument(WHERE, 'targets', targets);
  assertSameShapeAndDType(WHERE, 'logits', logits, targets);
  assertBinaryTargets(WHERE, targets);
  const count = logits.size;
  return customOp({
    name: WHERE,
    inputs: [logits, targets],
    // max(z, 0) − z·y + log1p(e^(−|z|)), averaged.
    forward: ([z, y]) =>
      relu(z!)
        .sub(z!.mul(y!))
        .add(log1p(exp(abs(z!).neg())))
        .mean(),
    backward: (gradOutput, [z, y]) => [
      sigmoid(z!).sub(y!).mul(gradOutput).div(count),
      y!.requiresGrad ? z!.mul(gradOutput).div(-count) : null,
    ],
  });
}

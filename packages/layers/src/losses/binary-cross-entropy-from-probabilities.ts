import { customOp, log, log1p, maximum } from '@deeptune/core';
import type { Tensor } from '@deeptune/core';
import {
  assertSameShapeAndDType,
  assertBinaryTargets,
  assertUnitInterval,
  assertTensorArgument,
} from './check-loss-inputs.js';

const WHERE = 'binaryCrossEntropyFromProbabilities';

/** The floor on each log term, as PyTorch's `BCELoss`: log(0) counts as −100. */
const LOG_FLOOR = -100;
/** The floor on a·(1 − a) in the gradient's denominator, as PyTorch's `BCELoss` backward. */
const GRADIENT_EPSILON = 1e-12;

/**
 * Binary cross-entropy on probabilities, as the course writes it: the loss of a classifier
 * whose last layer already applies the sigmoid, A = σ(Z).
 *
 * Each element of `probabilities` is an activation a ∈ [0, 1] and the matching target
 * y ∈ [0, 1] the probability of the positive class. The loss is averaged over all elements
 * (for `[m, 1]` outputs that is the course's 1/m):
 *
 * ```text
 * J       = −(1/N) Σ ( y·max(log a, −100) + (1 − y)·max(log1p(−a), −100) )
 * ∂J/∂a   = (a − y) / max(a·(1 − a), 1e-12) / N
 * ∂J/∂y   = (max(log1p(−a), −100) − max(log a, −100)) / N   (only when targets require gradients)
 * ```
 *
 * (N = number of elements.) The numerics are PyTorch's `BCELoss`: each log is floored at
 * −100, so a = 0 or a = 1 gives a finite loss (at most 100 per element) instead of ∞, and
 * the gradient is the analytic `(a − y)/(a(1 − a))` with its denominator floored at 1e-12
 * (finite at a = 0 and a = 1; where a log is floored it is PyTorch's value, not the zero
 * slope of the floor). `log(1 − a)` is computed as `log1p(−a)`, exact for small a. Keras's
 * `BinaryCrossentropy(from_logits=False)` differs near 0 and 1: it clips a to
 * [1e-7, 1 − 1e-7] (so at most about 16.1 per element).
 *
 * A sigmoid followed by this loss loses precision when σ(z) rounds to 0 or 1; prefer
 * {@link binaryCrossEntropy} on logits when the model can output them. It is a `Loss` and the
 * `'binary-cross-entropy-from-probabilities'` loss plugin.
 *
 * @param probabilities - the post-sigmoid activations A in [0, 1], typically `[m, 1]`.
 * @param targets - probabilities in [0, 1], the same shape and dtype as `probabilities`.
 * @returns the mean loss, a scalar tensor in the probabilities' dtype.
 * @throws {@link @deeptune/core!ShapeError} when the shapes differ or are empty.
 * @throws {@link @deeptune/core!DTypeError} when the dtypes differ.
 * @throws {@link @deeptune/core!ConfigError} when a probability or a target is outside
 *   [0, 1] (or NaN).
 * @see {@link https://pytorch.org/docs/stable/generated/torch.nn.BCELoss.html | PyTorch BCELoss}
 * @category Losses
 *
 * @example
 * ```ts
 * const activations = tensor([[0.9], [0.2], [0]]);
 * binaryCrossEntropyFromProbabilities(activations, tensor([[1], [0], [1]])).item();
 * // (−log 0.9 − log 0.8 + 100) / 3 ≈ 33.4428
 * ```
 */
export function binaryCrossEntropyFromProbabilities(
  probabilities: Tensor,
  targets: Tensor,
): Tensor {
  assertTensorArgument(WHERE, 'probabilities', probabilities);
  assertTensorArgument(WHERE, 'targets', targets);
  assertSameShapeAndDType(WHERE, 'probabilities', probabilities, targets);
  assertUnitInterval(
    WHERE,
    'probabilities',
    probabilities,
    'expected activations in [0, 1]',
    'for pre-sigmoid outputs (logits) use binaryCrossEntropy.',
  );
  assertBinaryTargets(WHERE, targets);
  const count = probabilities.size;
  // max(log a, −100) and max(log(1 − a), −100), element-wise.
  const logs = (a: Tensor): [Tensor, Tensor] => [
    maximum(log(a), LOG_FLOOR),
    maximum(log1p(a.neg()), LOG_FLOOR),
  ];
  return customOp({
    name: WHERE,
    inputs: [probabilities, targets],
    forward: ([a, y]) => {
      const [logA, logOneMinusA] = logs(a!);
      return y!.mul(logA).add(y!.neg().add(1).mul(logOneMinusA)).mean().neg();
    },
    backward: (gradOutput, [a, y]) => {
      const scale = gradOutput.div(count);
      const gradA = a!
        .sub(y!)
        .div(maximum(a!.mul(a!.neg().add(1)), GRADIENT_EPSILON))
        .mul(scale);
      if (!y!.requiresGrad) return [gradA, null];
      const [logA, logOneMinusA] = logs(a!);
      return [gradA, logOneMinusA.sub(logA).mul(scale)];
    },
  });
}

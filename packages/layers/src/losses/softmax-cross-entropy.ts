import type { Tensor } from '@deeptune/core';
import {
  ConfigError,
  DTypeError,
  ShapeError,
  customOp,
  logSoftmax,
  softmax,
  tensor,
  zeros,
} from '@deeptune/core';
import { assertTensorArgument, shapeText } from './check-loss-inputs.js';

const WHERE = 'softmaxCrossEntropy';

/** How far a row of probability targets may sum from 1, by dtype. */
const ROW_SUM_TOLERANCE = { float32: 1e-4, float64: 1e-6 } as const;

/**
 * Softmax cross-entropy from logits, fused with the softmax: the loss of a multi-class
 * classifier whose last layer is linear.
 *
 * `logits` are the model's pre-softmax outputs Z, `[m, C]` (do not end the model with a
 * softmax activation). `targets` are either class indices `[m]` (integers in `[0, C)`) or
 * one-hot / probability rows `[m, C]` (entries in [0, 1], each row summing to 1 within
 * 1e-4 in float32 and 1e-6 in float64).
 *
 * The forward pass uses `logSoftmax`, so logits of ±1e4 give exact, finite losses, and the
 * backward pass is the textbook gradient, exactly:
 *
 * ```text
 * J      = −(1/m) Σᵢ Σⱼ Yᵢⱼ · log softmax(Zᵢ)ⱼ          (mean over the batch)
 * ∂J/∂Z  = (softmax(Z) − Y) / m
 * ∂J/∂Y  = −log softmax(Z) / m                       (only when targets require gradients)
 * ```
 *
 * Column-wise (the course's `Z` is `C × m`) this is the same `dZ = A − Y` divided by m.
 * It is a `Loss` and the `'softmax-cross-entropy'` loss plugin.
 *
 * @param logits - the pre-softmax outputs, `[m, C]` with m ≥ 1.
 * @param targets - class indices `[m]` or probability rows `[m, C]` of the same dtype.
 * @returns the mean loss, a scalar tensor in the logits' dtype.
 * @throws {@link @deeptune/core!ShapeError} when logits are not `[m, C]`, the targets'
 *   shape does not fit, or a class index is outside `[0, C)`.
 * @throws {@link @deeptune/core!ConfigError} when a class index is not an integer, or a
 *   target row has entries outside [0, 1] or does not sum to 1.
 * @throws {@link @deeptune/core!DTypeError} when probability targets have another dtype.
 * @category Losses
 *
 * @example
 * ```ts
 * const logits = tensor([[2, 1, 0.1], [0.5, 2.5, 0.3]], { requiresGrad: true });
 * const loss = softmaxCrossEntropy(logits, tensor([0, 1])); // class indices
 * loss.backward(); // logits.grad = (softmax(logits) − oneHot) / 2
 * ```
 */
export function softmaxCrossEntropy(logits: Tensor, targets: Tensor): Tensor {
  assertTensorArgument(WHERE, 'logits', logits);
  assertTensorArgument(WHERE, 'targets', targets);
  if (logits.rank !== 2 || logits.shape[0] === 0 || logits.shape[1] === 0) {
    throw new ShapeError(
      `${WHERE}: expected logits [m, classes] with m ≥ 1 and classes ≥ 1, got ${shapeText(logits.shape)}.` +
        (logits.rank === 1 ? ` Hint: a single example is [1, ${logits.shape[0]}].` : ''),
    );
  }
  const [m, classes] = logits.shape as [number, number];
  const indexTargets = targets.rank === 1;
  const probabilities = indexTargets
    ? oneHotFromIndices(targets, m, classes, logits)
    : checkedProbabilities(targets, m, classes, logits);
  const inputs = indexTargets ? [logits] : [logits, targets];
  return customOp({
    name: WHERE,
    inputs,
    forward: ([z]) => {
      const logProbabilities = logSoftmax(z!, -1).data;
      const y = probabilities.data;
      let total = 0;
      for (let i = 0; i < y.length; i++) {
        // Skip zero targets: 0 · log p must be 0 even where p underflows to log 0 = −∞.
        if (y[i] !== 0) total -= y[i]! * logProbabilities[i]!;
      }
      return tensor(total / m, { dtype: logits.dtype });
    },
    backward: (gradOutput, [z, y]) => {
      const gradLogits = softmax(z!, -1).sub(probabilities).mul(gradOutput).div(m);
      if (y === undefined) return [gradLogits];
      const gradTargets = y.requiresGrad ? logSoftmax(z!, -1).mul(gradOutput).div(-m) : null;
      return [gradLogits, gradTargets];
    },
  });
}

function oneHotFromIndices(targets: Tensor, m: number, classes: number, logits: Tensor): Tensor {
  if (targets.shape[0] !== m) {
    throw new ShapeError(
      `${WHERE}: targets ${shapeText(targets.shape)} hold ${targets.shape[0]} class indices but logits ${shapeText(logits.shape)} have ${m} rows; expected targets [${m}].`,
    );
  }
  const oneHot = zeros([m, classes], { dtype: logits.dtype });
  for (let i = 0; i < m; i++) {
    const label = targets.data[i]!;
    if (!Number.isInteger(label)) {
      throw new ConfigError(
        `${WHERE}: targets[${i}] is ${label}; class indices must be integers in [0, ${classes}).`,
      );
    }
    if (label < 0 || label >= classes) {
      throw new ShapeError(
        `${WHERE}: targets[${i}] is ${label}, outside [0, ${classes}) for logits ${shapeText(logits.shape)} with ${classes} classes. ` +
          'Hint: class indices start at 0.',
      );
    }
    oneHot.data[i * classes + label] = 1;
  }
  return oneHot;
}

function checkedProbabilities(targets: Tensor, m: number, classes: number, logits: Tensor): Tensor {
  if (targets.rank !== 2 || targets.shape[0] !== m || targets.shape[1] !== classes) {
    const hint =
      targets.rank === 2 && targets.shape[0] === m && targets.shape[1] === 1
        ? ` Hint: class indices go in a [${m}] tensor: targets.reshape([${m}]).`
        : '';
    throw new ShapeError(
      `${WHERE}: targets ${shapeText(targets.shape)} fit neither logits ${shapeText(logits.shape)}; expected class indices [${m}] or one-hot rows [${m}, ${classes}].${hint}`,
    );
  }
  if (targets.dtype !== logits.dtype) {
    throw new DTypeError(
      `${WHERE}: logits are ${logits.dtype} but one-hot targets are ${targets.dtype}. ` +
        `Hint: convert the targets with targets.cast('${logits.dtype}').`,
    );
  }
  const tolerance = ROW_SUM_TOLERANCE[targets.dtype];
  const y = targets.data;
  for (let i = 0; i < m; i++) {
    let rowSum = 0;
    for (let j = 0; j < classes; j++) {
      const value = y[i * classes + j]!;
      if (!(value >= 0 && value <= 1)) {
        throw new ConfigError(
          `${WHERE}: targets[${i}][${j}] is ${value}; one-hot or probability targets must lie in [0, 1].`,
        );
      }
      rowSum += value;
    }
    if (!(Math.abs(rowSum - 1) <= tolerance)) {
      throw new ConfigError(
        `${WHERE}: target row ${i} sums to ${rowSum}; one-hot or probability rows must sum to 1 (within ${tolerance}). ` +
          'Hint: for several labels per example use binaryCrossEntropy.',
      );
    }
  }
  return targets;
}

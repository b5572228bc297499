import type { Tensor } from '../tensor/tensor.js';
import { softmaxAlong } from './softmax.js';

/**
 * Log-softmax along `axis`: `xᵢ − log Σⱼ exp(xⱼ)`, computed stably; use it (not
 * `log(softmax(x))`) for cross-entropy with large logits.
 *
 * @param axis - the axis to normalise over (negative counts from the end).
 * @defaultValue axis = -1
 * @throws {@link ShapeError} when the axis is out of range.
 * @category Ops/Activation
 *
 * @example
 * ```ts
 * logSoftmax(tensor([[0, 0]], { dtype: 'float64' })).toArray(); // ≈ [[-0.6931, -0.6931]]
 * logSoftmax(tensor([1000, 0])).toArray(); // [0, -1000] (log(softmax(x)) gives [0, -Infinity])
 * ```
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  return softmaxAlong('logSoftmax', x, axis, true);
}

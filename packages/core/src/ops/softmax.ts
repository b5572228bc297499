import { Tensor } from '../tensor/tensor.js';
import { runKernel } from '../backend/default-backend.js';
import { allocateStorage } from '../backend/allocate-storage.js';
import { normalizeAxis } from '../tensor/shape.js';
import { assertTensor } from './internal/operands.js';
import { record } from './internal/record.js';
import { transpose } from './transpose.js';

/**
 * Softmax along `axis`: `exp(xᵢ − max x) / Σⱼ exp(xⱼ − max x)`, stable for huge logits.
 *
 * @param axis - the axis whose entries sum to 1 (negative counts from the end).
 * @defaultValue axis = -1 (the last axis, the classes of a batch-first `[m, classes]` tensor)
 * @throws {@link ShapeError} when the axis is out of range.
 * @category Ops/Activation
 *
 * @example
 * ```ts
 * softmax(tensor([5, 2, -1, 3])).toArray(); // ≈ [0.842, 0.042, 0.002, 0.114]
 * ```
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  return softmaxAlong('softmax', x, axis, false);
}

/**
 * Runs the row-wise softmax kernel along any axis by moving that axis last.
 * @internal
 */
export function softmaxAlong(op: string, x: Tensor, axis: number, log: boolean): Tensor {
  assertTensor(op, 'x', x);
  if (x.rank === 0) return softmaxAlong(op, x.reshape([1]), 0, log).reshape([]);
  const along = normalizeAxis(op, axis, x.rank);
  if (along !== x.rank - 1) {
    const permutation = Array.from({ length: x.rank }, (_, i) => i);
    permutation[along] = x.rank - 1;
    permutation[x.rank - 1] = along;
    return transpose(softmaxAlong(op, transpose(x, permutation), -1, log), permutation);
  }
  const columns = x.shape[x.rank - 1]!;
  const rows = columns === 0 ? 0 : x.size / columns;
  const storage = allocateStorage(op, x.dtype, x.shape);
  runKernel(log ? 'logSoftmax' : 'softmax', { x: x.data, out: storage, rows, cols: columns });
  const output: Tensor = record(op, storage, x.shape, [x], (gradOutput) => {
    const gradient = allocateStorage(op, x.dtype, x.shape);
    runKernel(log ? 'logSoftmaxBackward' : 'softmaxBackward', {
      y: output.data,
      dy: gradOutput.data,
      out: gradient,
      rows,
      cols: columns,
    });
    return [new Tensor(gradient, x.shape)];
  });
  return output;
}

import type { Tensor } from '../../tensor/tensor.js';
import type { ReduceKernelName } from '../../backend/kernels.js';
import { runKernel } from '../../backend/default-backend.js';
import { allocateStorage } from '../../backend/allocate-storage.js';
import type { Storage } from '../../tensor/dtype.js';
import { normalizeAxes } from '../../tensor/shape.js';
import { assertTensor } from './operands.js';

/** The result of running a reduction kernel. @internal */
export interface Reduction {
  /** The reduced values. */
  readonly storage: Storage;
  /** The sorted, unique axes that were reduced. */
  readonly axes: number[];
  /** The output shape as requested (with or without the reduced axes). */
  readonly shape: number[];
  /** The output shape with each reduced axis kept as size 1 (for broadcasting back). */
  readonly keptShape: number[];
}

/**
 * Validates the axes and runs a reduction kernel over them.
 * @internal
 */
export function runReduction(
  op: string,
  kind: ReduceKernelName,
  x: Tensor,
  axis: number | readonly number[] | undefined,
  keepDims: boolean,
): Reduction {
  assertTensor(op, 'x', x);
  const axes = normalizeAxes(op, axis, x.rank);
  const keptShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const reducedShape = x.shape.filter((_, i) => !axes.includes(i));
  const storage = allocateStorage(op, x.dtype, reducedShape);
  runKernel(kind, { x: x.data, shape: x.shape, axes, out: storage });
  return { storage, axes, shape: keepDims ? keptShape : reducedShape, keptShape };
}

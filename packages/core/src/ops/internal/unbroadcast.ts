import type { Tensor } from '../../tensor/tensor.js';
import type { Shape } from '../../tensor/shape.js';
import { shapesEqual } from '../../tensor/shape.js';
import { sum } from '../sum.js';
import { reshape } from '../reshape.js';

/**
 * Sums a gradient over the axes along which its input was broadcast, so that it gets the
 * input's shape back (the adjoint of broadcasting).
 * @internal
 */
export function unbroadcast(gradient: Tensor, shape: Shape): Tensor {
  if (shapesEqual(gradient.shape, shape)) return gradient;
  const offset = gradient.rank - shape.length;
  const axes: number[] = [];
  for (let axis = 0; axis < gradient.rank; axis++) {
    if (axis < offset || (shape[axis - offset] === 1 && gradient.shape[axis] !== 1))
      axes.push(axis);
  }
  const reduced = axes.length > 0 ? sum(gradient, axes, true) : gradient;
  return reshape(reduced, shape);
}

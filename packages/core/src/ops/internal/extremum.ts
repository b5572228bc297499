import { Tensor } from '../../tensor/tensor.js';
import { ShapeError } from '../../errors/shape-error.js';
import { formatShape, normalizeAxis } from '../../tensor/shape.js';
import { assertTensor, type TensorLike } from './operands.js';
import { binaryOp } from './binary-op.js';
import { runReduction } from './reduce-op.js';
import { record } from './record.js';
import { unbroadcast } from './unbroadcast.js';
import { reshape } from '../reshape.js';
import { add } from '../add.js';
import { div } from '../div.js';
import { mul } from '../mul.js';
import { sum } from '../sum.js';
import { equal, greater, less } from '../compare.js';

/**
 * `max` or `min` over axes; the gradient goes to the elements equal to the result, shared
 * evenly between ties.
 * @internal
 */
export function reduceExtremum(
  op: 'max' | 'min',
  x: Tensor,
  axis: number | readonly number[] | undefined,
  keepDims: boolean,
): Tensor {
  const { storage, shape, keptShape, axes } = runReduction(op, op, x, axis, keepDims);
  const output: Tensor = record(op, storage, shape, [x], (gradOutput) => {
    const mask = equal(x, reshape(output, keptShape));
    const share = div(reshape(gradOutput, keptShape), sum(mask, axes, true));
    return [mul(mask, share)];
  });
  return output;
}

/**
 * `argmax` or `argmin` along one axis (or over the flattened tensor); not differentiable.
 * @internal
 */
export function argExtremum(
  op: 'argmax' | 'argmin',
  x: Tensor,
  axis: number | undefined,
  keepDims: boolean,
): Tensor {
  assertTensor(op, 'x', x);
  const along = axis === undefined ? undefined : normalizeAxis(op, axis, x.rank);
  const length = along === undefined ? x.size : x.shape[along]!;
  if (length === 0) {
    throw new ShapeError(
      `${op}: ${along === undefined ? 'the tensor' : `axis ${along}`} of ${formatShape(x.shape)} is empty, so there is no index to return.`,
    );
  }
  if (along === undefined) {
    const { storage } = runReduction(op, op, reshape(x, [x.size]), 0, false);
    return new Tensor(storage, keepDims ? x.shape.map(() => 1) : []);
  }
  const { storage, shape } = runReduction(op, op, x, along, keepDims);
  return new Tensor(storage, shape);
}

/**
 * Element-wise `maximum` or `minimum` with broadcasting; the gradient goes to the chosen
 * operand and is split evenly on ties.
 * @internal
 */
export function elementwiseExtremum(
  op: 'maximum' | 'minimum',
  a: TensorLike,
  b: TensorLike,
): Tensor {
  const wins = op === 'maximum' ? greater : less;
  return binaryOp(op, op, a, b, (gradOutput, left, right) => {
    const ties = mul(equal(left, right), 0.5);
    return [
      left.requiresGrad
        ? unbroadcast(mul(gradOutput, add(wins(left, right), ties)), left.shape)
        : null,
      right.requiresGrad
        ? unbroadcast(mul(gradOutput, add(wins(right, left), ties)), right.shape)
        : null,
    ];
  });
}

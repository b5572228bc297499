import type { Tensor } from '../tensor/tensor.js';
import { runKernel } from '../backend/default-backend.js';
import { allocateStorage } from '../backend/allocate-storage.js';
import { ShapeError } from '../errors/shape-error.js';
import { formatShape } from '../tensor/shape.js';
import { assertSameDType, assertTensor } from './internal/operands.js';
import { record } from './internal/record.js';
import { matmul } from './matmul.js';
import { reshape } from './reshape.js';
import { sum } from './sum.js';

/**
 * The affine map of a fully connected layer, `x · weight + bias`, as one operation (PyTorch's
 * `F.linear`, with the weight stored `[inputs, units]` as in `Dense`): the bias is added to
 * every row once the product is summed, so the result is bit for bit `x.matmul(weight).add(bias)`,
 * without the intermediate product, and a backend adds the bias where it computed the product.
 *
 * `x` is `[..., inputs]` (any leading axes, or a single vector), `weight` `[inputs, units]` and
 * `bias` `[units]`; the result is `[..., units]`. Without a bias it is a matrix product.
 * Gradients flow to all three.
 *
 * @throws {@link ShapeError} when `weight` is not a matrix, `x`'s last axis is not `weight`'s
 * first, or `bias` is not a vector of `weight`'s columns.
 * @throws {@link DTypeError} when the dtypes differ.
 * @category Ops/Linear algebra
 *
 * @example
 * ```ts
 * const x = randn([32, 784]);
 * const w = randn([784, 128]);
 * const b = zeros([128]);
 * linear(x, w, b).shape; // [32, 128]
 * ```
 */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  assertTensor('linear', 'x', x);
  assertTensor('linear', 'weight', weight);
  assertSameDType('linear', x, weight);
  if (weight.rank !== 2) {
    throw new ShapeError(
      `linear: weight must be a matrix [inputs, units], got shape ${formatShape(weight.shape)}.`,
    );
  }
  const [k, n] = weight.shape as [number, number];
  if (x.rank === 0 || x.shape[x.rank - 1] !== k) {
    throw new ShapeError(
      `linear: x ${formatShape(x.shape)} must end in weight's ${k} inputs (weight ${formatShape(weight.shape)}); ` +
        `expected [..., ${k}].`,
    );
  }
  const leading = x.shape.slice(0, -1);
  const m = leading.reduce((rows, size) => rows * size, 1);
  const outShape = [...leading, n];
  if (bias === undefined || bias === null) {
    return reshape(matmul(reshape(x, [m, k]), weight), outShape);
  }
  assertTensor('linear', 'bias', bias);
  assertSameDType('linear', x, bias);
  if (bias.rank !== 1 || bias.shape[0] !== n) {
    throw new ShapeError(
      `linear: bias must be a vector of weight's ${n} units, got shape ${formatShape(bias.shape)}; expected [${n}].`,
    );
  }
  const storage = allocateStorage('linear', x.dtype, outShape);
  runKernel('linear', { x: x.data, w: weight.data, bias: bias.data, out: storage, m, k, n });
  return record('linear', storage, outShape, [x, weight, bias], (gradOutput) => {
    // The gradients of matmul followed by add, computed the same way.
    const dy = reshape(gradOutput, [m, n]);
    return [
      x.requiresGrad ? reshape(matmul(dy, weight, { transposeB: true }), x.shape) : null,
      weight.requiresGrad ? matmul(reshape(x, [m, k]), dy, { transposeA: true }) : null,
      bias.requiresGrad ? sum(dy, 0) : null,
    ];
  });
}

import { Tensor } from '../tensor/tensor.js';
import { runKernel } from '../backend/default-backend.js';
import { allocateStorage } from '../backend/allocate-storage.js';
import { ConfigError } from '../errors/config-error.js';
import { describeValue } from '../format/describe-value.js';
import { ShapeError } from '../errors/shape-error.js';
import { formatShape } from '../tensor/shape.js';
import { assertSameDType, assertTensor } from './internal/operands.js';
import { record } from './internal/record.js';
import { matmul } from './matmul.js';
import { relu } from './relu.js';
import { reshape } from './reshape.js';

/**
 * Options of {@link linear}.
 *
 * @category Ops/Linear algebra
 */
export interface LinearOptions {
  /**
   * Apply `relu` to the result, fused into the same operation: bit for bit
   * `relu(linear(x, weight, bias))`, with one array fewer in the forward pass and, in the
   * backward pass, the masked gradient never materialised (`Dense` with
   * `activation: 'relu'` uses this).
   * @defaultValue false
   */
  readonly relu?: boolean;
}

/**
 * The affine map of a fully connected layer, `x · weight + bias`, as one operation (PyTorch's
 * `F.linear`, with the weight stored `[inputs, units]` as in `Dense`): the bias is added to
 * every row once the product is summed, so the result is bit for bit `x.matmul(weight).add(bias)`,
 * without the intermediate product, and a backend adds the bias where it computed the product.
 *
 * `x` is `[..., inputs]` (any leading axes, or a single vector), `weight` `[inputs, units]` and
 * `bias` `[units]`; the result is `[..., units]`. Without a bias it is a matrix product.
 * Gradients flow to all three. With `{ relu: true }` the result is `relu(x · weight + bias)`,
 * computed as one operation (see {@link LinearOptions}).
 *
 * @throws {@link ShapeError} when `weight` is not a matrix, `x`'s last axis is not `weight`'s
 * first, or `bias` is not a vector of `weight`'s columns.
 * @throws {@link DTypeError} when the dtypes differ.
 * @throws {@link ConfigError} when `options` is not an object or `options.relu` not a boolean.
 * @category Ops/Linear algebra
 *
 * @example
 * ```ts
 * const x = randn([32, 784]);
 * const w = randn([784, 128]);
 * const b = zeros([128]);
 * linear(x, w, b).shape; // [32, 128]
 * linear(x, w, b, { relu: true }); // relu(x · w + b), fused
 * ```
 */
export function linear(
  x: Tensor,
  weight: Tensor,
  bias?: Tensor | null,
  options: LinearOptions = {},
): Tensor {
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
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError(
      `linear: options must be an object such as { relu: true }, got ${describeValue(options)}.`,
    );
  }
  const fuseRelu = options.relu ?? false;
  if (typeof fuseRelu !== 'boolean') {
    throw new ConfigError(
      `linear: options.relu must be true or false, got ${describeValue(fuseRelu)}.`,
    );
  }
  if (bias === undefined || bias === null) {
    const product = reshape(matmul(reshape(x, [m, k]), weight), outShape);
    return fuseRelu ? relu(product) : product;
  }
  assertTensor('linear', 'bias', bias);
  assertSameDType('linear', x, bias);
  if (bias.rank !== 1 || bias.shape[0] !== n) {
    throw new ShapeError(
      `linear: bias must be a vector of weight's ${n} units, got shape ${formatShape(bias.shape)}; expected [${n}].`,
    );
  }
  const op = fuseRelu ? 'linearRelu' : 'linear';
  const storage = allocateStorage(op, x.dtype, outShape);
  runKernel(op, { x: x.data, w: weight.data, bias: bias.data, out: storage, m, k, n });
  return record(op, storage, outShape, [x, weight, bias], (gradOutput) => {
    // The gradients of matmul followed by add (and relu), computed the same way in one kernel.
    const dx = x.requiresGrad ? allocateStorage(op, x.dtype, x.shape) : null;
    const dw = weight.requiresGrad ? allocateStorage(op, x.dtype, weight.shape) : null;
    const db = bias.requiresGrad ? allocateStorage(op, x.dtype, bias.shape) : null;
    runKernel('linearBackward', {
      x: x.data,
      w: weight.data,
      dy: gradOutput.data,
      y: fuseRelu ? storage : null,
      dx,
      dw,
      db,
      m,
      k,
      n,
    });
    return [
      dx === null ? null : new Tensor(dx, x.shape),
      dw === null ? null : new Tensor(dw, weight.shape),
      db === null ? null : new Tensor(db, bias.shape),
    ];
  });
}

import type { GradNode } from '../autograd/grad-node.js';
import { backward as runBackward } from '../autograd/backward.js';
import { ShapeError } from '../errors/shape-error.js';
import { ConfigError } from '../errors/config-error.js';
import { dtypeOfStorage, type DType, type Storage } from './dtype.js';
import { formatShape, shapeSize, type Shape } from './shape.js';
import { add } from '../ops/add.js';
import { sub } from '../ops/sub.js';
import { mul } from '../ops/mul.js';
import { div } from '../ops/div.js';
import { pow } from '../ops/pow.js';
import { maximum } from '../ops/maximum.js';
import { minimum } from '../ops/minimum.js';
import { neg } from '../ops/neg.js';
import { exp } from '../ops/exp.js';
import { log } from '../ops/log.js';
import { log1p } from '../ops/log1p.js';
import { sqrt } from '../ops/sqrt.js';
import { abs } from '../ops/abs.js';
import { square } from '../ops/square.js';
import { clip } from '../ops/clip.js';
import { relu } from '../ops/relu.js';
import { leakyRelu } from '../ops/leaky-relu.js';
import { sigmoid } from '../ops/sigmoid.js';
import { tanh } from '../ops/tanh.js';
import { matmul, type MatmulOptions } from '../ops/matmul.js';
import { transpose } from '../ops/transpose.js';
import { reshape } from '../ops/reshape.js';
import { slice } from '../ops/slice.js';
import { gather } from '../ops/gather.js';
import { sum } from '../ops/sum.js';
import { mean } from '../ops/mean.js';
import { max } from '../ops/max.js';
import { min } from '../ops/min.js';
import { argmax } from '../ops/argmax.js';
import { argmin } from '../ops/argmin.js';
import { variance } from '../ops/variance.js';
import { logSumExp } from '../ops/log-sum-exp.js';
import { softmax } from '../ops/softmax.js';
import { logSoftmax } from '../ops/log-softmax.js';
import { equal, greater, greaterEqual, less, lessEqual, notEqual } from '../ops/compare.js';
import { cast } from '../ops/cast.js';
import { broadcastTo } from '../ops/broadcast-to.js';
import type { TensorLike } from '../ops/internal/operands.js';
import { isTensor, tensorBrand } from './is-tensor.js';

/** Nested arrays of numbers, as returned by {@link Tensor.toArray}. */
export type NestedArray = number | NestedArray[];

/**
 * An n-dimensional array of `float32` or `float64` numbers that can take part in automatic
 * differentiation.
 *
 * Storage is a row-major, contiguous typed array (`data`). Every operation exists both as a
 * function (`add(a, b)`) and as a method (`a.add(b)`); both share one implementation.
 * Tensors are garbage-collected like any JavaScript object: there is nothing to dispose.
 *
 * Set `requiresGrad` on the leaves you want gradients for (parameters); operations on them
 * record a graph, and `backward()` on a scalar result fills each leaf's `grad`.
 *
 * @example
 * ```ts
 * const w = tensor([[1, 2], [3, 4]], { requiresGrad: true });
 * const x = tensor([[1], [1]]);
 * const loss = w.matmul(x).square().sum();
 * loss.backward();
 * w.grad!.toArray(); // [[6, 6], [14, 14]]
 * ```
 */
export class Tensor {
  /** The size of each axis, outermost first; `[]` for a scalar. */
  readonly shape: Shape;
  /** The element type. */
  readonly dtype: DType;
  /** The elements, row-major and contiguous. Writing to it changes the tensor in place. */
  readonly data: Storage;
  /** The number of elements. */
  readonly size: number;
  /** The gradient accumulated by `backward()`, with this tensor's shape; `null` until then. */
  grad: Tensor | null = null;
  /**
   * The operation that produced this tensor, when it was recorded for autograd.
   * @internal
   */
  gradNode: GradNode | null = null;
  #requiresGrad = false;

  static {
    tensorBrand.mark(this.prototype);
  }

  /**
   * Whether `value` is a tensor of this or of a compatible copy of `@deeptune/core`; the
   * same as {@link isTensor}.
   *
   * Tensors are recognised by a `Symbol.for('deeptune.core.Tensor')` brand on the prototype
   * rather than by the prototype itself, because a plugin with its own install of deeptune
   * makes tensors of another copy of this class. The brand costs no memory per tensor and
   * one property lookup per check; deeptune's ops, layers and optimizers all check this
   * way. A recognised tensor of another copy is safe to use: code only touches a tensor's
   * public members, never the `#private` fields of another copy's instance.
   *
   * @throws {@link IncompatibleCopyError} when `value` is a tensor of an incompatible copy.
   */
  static isTensor(value: unknown): value is Tensor {
    return isTensor(value);
  }

  /**
   * Makes `value instanceof Tensor` recognise tensors of every compatible copy of
   * `@deeptune/core` too (through the brand, see {@link Tensor.isTensor}), so that code
   * written with `instanceof` keeps working in a plugin. Subclasses keep the ordinary
   * prototype check.
   *
   * @throws {@link IncompatibleCopyError} when `value` is a tensor of an incompatible copy.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return this === Tensor
      ? isTensor(value)
      : Function.prototype[Symbol.hasInstance].call(this, value);
  }

  /**
   * Wraps existing storage; most code uses `tensor()`, `zeros()` and the ops instead.
   *
   * @param data - row-major elements; its type fixes the dtype. Not copied.
   * @param shape - the shape; its sizes must multiply to `data.length`.
   * @throws {@link ShapeError} when the shape does not match the number of elements.
   */
  constructor(data: Storage, shape: Shape) {
    const size = shapeSize(shape);
    if (size !== data.length) {
      throw new ShapeError(
        `Tensor: shape ${formatShape(shape)} holds ${size} elements but the data has ${data.length}.`,
      );
    }
    this.data = data;
    this.shape = Object.freeze(shape.slice());
    this.dtype = dtypeOfStorage(data);
    this.size = size;
  }

  /** The number of axes (0 for a scalar). */
  get rank(): number {
    return this.shape.length;
  }

  /**
   * Whether gradients flow to this tensor. Settable on leaves (tensors not produced by a
   * recorded operation); results of recorded operations require gradients automatically.
   */
  get requiresGrad(): boolean {
    return this.#requiresGrad;
  }

  /** @throws {@link ConfigError} when turning off gradients of a recorded result. */
  set requiresGrad(value: boolean) {
    if (!value && this.gradNode !== null) {
      throw new ConfigError(
        'Tensor.requiresGrad: cannot turn off gradients of a tensor produced by a recorded ' +
          `operation ('${this.gradNode.op}'). Hint: use detach() to get a tensor outside the graph.`,
      );
    }
    this.#requiresGrad = value;
  }

  /** Whether this tensor is a leaf of the graph (not produced by a recorded operation). */
  get isLeaf(): boolean {
    return this.gradNode === null;
  }

  /**
   * Back-propagates from this tensor and accumulates gradients into the `grad` of every
   * leaf that requires one (as PyTorch does: call `zeroGrad()` or use `valueAndGrad` to
   * start fresh).
   *
   * @param gradient - the gradient of the final objective with respect to this tensor;
   *   defaults to 1 and may be omitted only for scalars.
   */
  backward(gradient?: Tensor): void {
    runBackward(this, gradient);
  }

  /** Sets `grad` back to `null`. */
  zeroGrad(): void {
    this.grad = null;
  }

  /** A tensor that shares this tensor's storage but is outside the autograd graph. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape);
  }

  /** A copy with its own storage, outside the autograd graph. */
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape);
  }

  /**
   * The value of a tensor with exactly one element.
   * @throws {@link ShapeError} when the tensor has more or fewer elements.
   */
  item(): number {
    if (this.size !== 1) {
      throw new ShapeError(
        `Tensor.item: the tensor has shape ${formatShape(this.shape)} (${this.size} elements); expected exactly 1.`,
      );
    }
    return this.data[0]!;
  }

  /**
   * The element at the given indices (one per axis; negative counts from the end).
   * @throws {@link ShapeError} when the number of indices or an index is out of range.
   */
  get(...indices: number[]): number {
    if (indices.length !== this.rank) {
      throw new ShapeError(
        `Tensor.get: got ${indices.length} indices for a tensor of shape ${formatShape(this.shape)}; expected ${this.rank}.`,
      );
    }
    let offset = 0;
    for (let axis = 0; axis < indices.length; axis++) {
      const dim = this.shape[axis]!;
      const raw = indices[axis]!;
      const index = raw < 0 ? raw + dim : raw;
      if (!Number.isInteger(index) || index < 0 || index >= dim) {
        throw new ShapeError(
          `Tensor.get: index ${raw} is out of range for axis ${axis} of size ${dim}.`,
        );
      }
      offset = offset * dim + index;
    }
    return this.data[offset]!;
  }

  /** The elements as nested arrays (a plain number for a scalar). */
  toArray(): NestedArray {
    if (this.rank === 0) return this.data[0]!;
    const build = (axis: number, offset: number): NestedArray[] => {
      const dim = this.shape[axis]!;
      const result: NestedArray[] = new Array<NestedArray>(dim);
      if (axis === this.rank - 1) {
        for (let i = 0; i < dim; i++) result[i] = this.data[offset + i]!;
        return result;
      }
      const stride = shapeSize(this.shape.slice(axis + 1));
      for (let i = 0; i < dim; i++) result[i] = build(axis + 1, offset + i * stride);
      return result;
    };
    return build(0, 0);
  }

  /** A short description: `Tensor(float32, [2, 3])` followed by the values (abridged). */
  toString(): string {
    const preview =
      this.size <= 100
        ? JSON.stringify(this.toArray())
        : `[${this.data.slice(0, 10).join(', ')}, …]`;
    return `Tensor(${this.dtype}, ${formatShape(this.shape)}${this.requiresGrad ? ', requiresGrad' : ''}) ${preview}`;
  }

  /** Element-wise `this + other`, broadcasting. See {@link add}. */
  add(other: TensorLike): Tensor {
    return add(this, other);
  }
  /** Element-wise `this − other`, broadcasting. See {@link sub}. */
  sub(other: TensorLike): Tensor {
    return sub(this, other);
  }
  /** Element-wise `this · other`, broadcasting. See {@link mul}. */
  mul(other: TensorLike): Tensor {
    return mul(this, other);
  }
  /** Element-wise `this / other`, broadcasting. See {@link div}. */
  div(other: TensorLike): Tensor {
    return div(this, other);
  }
  /** Element-wise `this ^ exponent`, broadcasting. See {@link pow}. */
  pow(exponent: TensorLike): Tensor {
    return pow(this, exponent);
  }
  /** Element-wise maximum, broadcasting. See {@link maximum}. */
  maximum(other: TensorLike): Tensor {
    return maximum(this, other);
  }
  /** Element-wise minimum, broadcasting. See {@link minimum}. */
  minimum(other: TensorLike): Tensor {
    return minimum(this, other);
  }
  /** Element-wise negation. See {@link neg}. */
  neg(): Tensor {
    return neg(this);
  }
  /** Element-wise `eˣ`. See {@link exp}. */
  exp(): Tensor {
    return exp(this);
  }
  /** Element-wise natural logarithm. See {@link log}. */
  log(): Tensor {
    return log(this);
  }
  /** Element-wise `log(1 + x)`, accurate for small x. See {@link log1p}. */
  log1p(): Tensor {
    return log1p(this);
  }
  /** Element-wise square root. See {@link sqrt}. */
  sqrt(): Tensor {
    return sqrt(this);
  }
  /** Element-wise absolute value. See {@link abs}. */
  abs(): Tensor {
    return abs(this);
  }
  /** Element-wise `x²`. See {@link square}. */
  square(): Tensor {
    return square(this);
  }
  /** Element-wise clamp to `[low, high]`. See {@link clip}. */
  clip(low: number, high: number): Tensor {
    return clip(this, low, high);
  }
  /** Element-wise `max(x, 0)`. See {@link relu}. */
  relu(): Tensor {
    return relu(this);
  }
  /** Element-wise leaky ReLU. See {@link leakyRelu}. */
  leakyRelu(alpha?: number): Tensor {
    return leakyRelu(this, alpha);
  }
  /** Element-wise logistic sigmoid. See {@link sigmoid}. */
  sigmoid(): Tensor {
    return sigmoid(this);
  }
  /** Element-wise hyperbolic tangent. See {@link tanh}. */
  tanh(): Tensor {
    return tanh(this);
  }
  /** Matrix product (batched over leading axes). See {@link matmul}. */
  matmul(other: Tensor, options?: MatmulOptions): Tensor {
    return matmul(this, other, options);
  }
  /** Permutes the axes (reverses them by default). See {@link transpose}. */
  transpose(permutation?: readonly number[]): Tensor {
    return transpose(this, permutation);
  }
  /** The transpose of a matrix (all axes reversed). */
  get T(): Tensor {
    return transpose(this);
  }
  /** The same elements with another shape (one size may be -1). See {@link reshape}. */
  reshape(shape: Shape): Tensor {
    return reshape(this, shape);
  }
  /** A block of the tensor. See {@link slice}. */
  slice(begin: number | readonly number[], size?: number | readonly number[]): Tensor {
    return slice(this, begin, size);
  }
  /** Selects rows (entries of axis 0). See {@link gather}. */
  gather(indices: Int32Array | readonly number[] | Tensor): Tensor {
    return gather(this, indices);
  }
  /** Sum over axes (all by default). See {@link sum}. */
  sum(axis?: number | readonly number[], keepDims?: boolean): Tensor {
    return sum(this, axis, keepDims);
  }
  /** Mean over axes (all by default). See {@link mean}. */
  mean(axis?: number | readonly number[], keepDims?: boolean): Tensor {
    return mean(this, axis, keepDims);
  }
  /** Maximum over axes (all by default). See {@link max}. */
  max(axis?: number | readonly number[], keepDims?: boolean): Tensor {
    return max(this, axis, keepDims);
  }
  /** Minimum over axes (all by default). See {@link min}. */
  min(axis?: number | readonly number[], keepDims?: boolean): Tensor {
    return min(this, axis, keepDims);
  }
  /** Index of the maximum along an axis. See {@link argmax}. */
  argmax(axis?: number, keepDims?: boolean): Tensor {
    return argmax(this, axis, keepDims);
  }
  /** Index of the minimum along an axis. See {@link argmin}. */
  argmin(axis?: number, keepDims?: boolean): Tensor {
    return argmin(this, axis, keepDims);
  }
  /** Population variance (divides by n) over axes. See {@link variance}. */
  var(axis?: number | readonly number[], keepDims?: boolean): Tensor {
    return variance(this, axis, keepDims);
  }
  /** Stable `log Σ exp(x)` over axes. See {@link logSumExp}. */
  logSumExp(axis?: number | readonly number[], keepDims?: boolean): Tensor {
    return logSumExp(this, axis, keepDims);
  }
  /** Stable softmax along an axis (the last by default). See {@link softmax}. */
  softmax(axis?: number): Tensor {
    return softmax(this, axis);
  }
  /** Stable log-softmax along an axis (the last by default). See {@link logSoftmax}. */
  logSoftmax(axis?: number): Tensor {
    return logSoftmax(this, axis);
  }
  /** Element-wise `this == other` as 1/0. See {@link equal}. */
  equal(other: TensorLike): Tensor {
    return equal(this, other);
  }
  /** Element-wise `this != other` as 1/0. See {@link notEqual}. */
  notEqual(other: TensorLike): Tensor {
    return notEqual(this, other);
  }
  /** Element-wise `this < other` as 1/0. See {@link less}. */
  less(other: TensorLike): Tensor {
    return less(this, other);
  }
  /** Element-wise `this <= other` as 1/0. See {@link lessEqual}. */
  lessEqual(other: TensorLike): Tensor {
    return lessEqual(this, other);
  }
  /** Element-wise `this > other` as 1/0. See {@link greater}. */
  greater(other: TensorLike): Tensor {
    return greater(this, other);
  }
  /** Element-wise `this >= other` as 1/0. See {@link greaterEqual}. */
  greaterEqual(other: TensorLike): Tensor {
    return greaterEqual(this, other);
  }
  /** A copy converted to another dtype. See {@link cast}. */
  cast(dtype: DType): Tensor {
    return cast(this, dtype);
  }
  /** The tensor repeated along broadcast axes to `shape`. See {@link broadcastTo}. */
  broadcastTo(shape: Shape): Tensor {
    return broadcastTo(this, shape);
  }
}

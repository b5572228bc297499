import type { DType, Storage } from '../tensor/dtype.js';
import type { Shape } from '../tensor/shape.js';

/**
 * Element-wise kernels with one input. Kinds that take parameters read them from the
 * kernel's `a` and `b` arguments:
 *
 * - `leakyRelu`: `x > 0 ? x : a·x`; `leakyReluGrad`: `x > 0 ? 1 : a`
 * - `powScalar`: `x^a`
 * - `clip`: `min(max(x, a), b)`; `clipGrad`: `a ≤ x ≤ b ? 1 : 0`
 * - `affine`: `a·x + b`
 * - `step`: `x > 0 ? 1 : 0` (the derivative of `relu`)
 * - `sign`: `-1`, `0` or `1`
 * - `sigmoidGrad` and `tanhGrad` take the forward *output* `y`: `y(1 − y)` and `1 − y²`.
 */
export type UnaryKernelKind =
  | 'neg'
  | 'exp'
  | 'log'
  | 'log1p'
  | 'sqrt'
  | 'abs'
  | 'square'
  | 'reciprocal'
  | 'sign'
  | 'step'
  | 'relu'
  | 'leakyRelu'
  | 'leakyReluGrad'
  | 'sigmoid'
  | 'sigmoidGrad'
  | 'tanh'
  | 'tanhGrad'
  | 'powScalar'
  | 'clip'
  | 'clipGrad'
  | 'affine';

/**
 * Element-wise kernels with two inputs, broadcast NumPy-style. Comparisons produce `1` for
 * true and `0` for false in the output's dtype.
 */
export type BinaryKernelKind =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'pow'
  | 'maximum'
  | 'minimum'
  | 'equal'
  | 'notEqual'
  | 'less'
  | 'lessEqual'
  | 'greater'
  | 'greaterEqual';

/** Reductions over a set of axes. `argmax`/`argmin` reduce exactly one axis. */
export type ReduceKernelKind = 'sum' | 'max' | 'min' | 'argmax' | 'argmin';

/**
 * A compute backend: storage allocation plus the kernels every operation is built from.
 *
 * Kernels trust their inputs: shapes, dtypes and axes were validated by the public op that
 * calls them. Every kernel writes into an `out` array allocated by {@link Backend.allocate}
 * and allocates nothing else in its inner loops. All arrays are row-major and contiguous.
 * Inputs and `out` never alias unless a kernel says so.
 *
 * The pure-TypeScript `cpu` backend is the normative definition of every kernel; a faster
 * backend (WASM SIMD, worker threads, WebGPU) implements the same interface — typically by
 * spreading the cpu backend and overriding the kernels it accelerates — and must pass the
 * same conformance tests. Tensors are garbage-collected: a backend must never require users
 * to free memory.
 */
export interface Backend {
  /** The backend's registry name, e.g. `'cpu'`. */
  readonly name: string;

  /** Allocates zero-filled storage for `size` elements of `dtype`. */
  allocate(dtype: DType, size: number): Storage;

  /**
   * Batched matrix product `out[b] = op(A[b]) · op(B[b])` where `op` transposes when asked.
   *
   * `op(A)` is `m × k` and `op(B)` is `k × n`; `A` is stored `m × k` (or `k × m` when
   * `transposeA`), `B` is stored `k × n` (or `n × k` when `transposeB`). Matrix `b` of each
   * operand starts at `b · strideA` / `b · strideB` (a stride of 0 broadcasts one matrix over
   * the batch); `out` holds `batch` contiguous `m × n` matrices and is overwritten.
   */
  matmul(
    a: Storage,
    b: Storage,
    out: Storage,
    m: number,
    k: number,
    n: number,
    transposeA: boolean,
    transposeB: boolean,
    batch: number,
    strideA: number,
    strideB: number,
  ): void;

  /** `out[i] = f(x[i])`; `a` and `b` are the kind's parameters (see {@link UnaryKernelKind}). `out` may alias `x`. */
  unary(kind: UnaryKernelKind, x: Storage, out: Storage, a: number, b: number): void;

  /**
   * `out = f(a, b)` with NumPy broadcasting of `aShape` and `bShape` to `outShape`. `out` may
   * be the very array of an input whose shape equals `outShape` (for in-place updates).
   */
  binary(
    kind: BinaryKernelKind,
    a: Storage,
    aShape: Shape,
    b: Storage,
    bShape: Shape,
    out: Storage,
    outShape: Shape,
  ): void;

  /** `out = condition ≠ 0 ? a : b`, all three broadcast to `outShape`. */
  where(
    condition: Storage,
    conditionShape: Shape,
    a: Storage,
    aShape: Shape,
    b: Storage,
    bShape: Shape,
    out: Storage,
    outShape: Shape,
  ): void;

  /**
   * Reduces `x` (of `shape`) over the sorted, unique `axes`; `out` has the shape with those
   * axes removed. `argmax`/`argmin` get exactly one axis and write indices (first occurrence
   * wins ties; the first NaN wins over numbers, as in NumPy). NaN propagates through `max`
   * and `min`. Over an empty set `sum` gives 0, `max` −∞ and `min` +∞; `argmax`/`argmin` are
   * never called on an empty axis (the public ops reject it).
   */
  reduce(
    kind: ReduceKernelKind,
    x: Storage,
    shape: Shape,
    axes: readonly number[],
    out: Storage,
  ): void;

  /**
   * Row-wise softmax (or log-softmax when `log`) of `x` viewed as `rows × cols`, computed
   * stably by subtracting each row's maximum.
   */
  softmax(x: Storage, out: Storage, rows: number, cols: number, log: boolean): void;

  /**
   * The backward pass of a row-wise softmax, given its output `y` and the incoming gradient
   * `dy`: `dx = y ⊙ (dy − Σ dy⊙y)` (or `dx = dy − softmax ⊙ Σ dy` for log-softmax, where `y`
   * is the log-softmax output).
   */
  softmaxBackward(
    y: Storage,
    dy: Storage,
    out: Storage,
    rows: number,
    cols: number,
    log: boolean,
  ): void;

  /** Permutes the axes of `x` (of `shape`): axis `i` of `out` is axis `permutation[i]` of `x`. */
  transpose(x: Storage, shape: Shape, permutation: readonly number[], out: Storage): void;

  /** Copies the block of `x` (of `shape`) that starts at `begin` and has `outShape` into `out`. */
  slice(x: Storage, shape: Shape, begin: readonly number[], out: Storage, outShape: Shape): void;

  /**
   * Writes all of `x` (of `xShape`) into the block of `out` (of `outShape`) that starts at
   * `begin`; the rest of `out` is left as it is. The adjoint of {@link Backend.slice}.
   */
  sliceAssign(
    x: Storage,
    xShape: Shape,
    begin: readonly number[],
    out: Storage,
    outShape: Shape,
  ): void;

  /** `out[i, :] = x[indices[i], :]` where rows have `rowSize` elements. */
  gatherRows(x: Storage, rowSize: number, indices: Int32Array, out: Storage): void;

  /** `out[indices[i], :] += x[i, :]`, the adjoint of {@link Backend.gatherRows}. */
  scatterAddRows(x: Storage, rowSize: number, indices: Int32Array, out: Storage): void;
}

/**
 * The names of the kernels (and `allocate`) every {@link Backend} must provide, in the
 * order the interface declares them. `setBackend` checks a new backend against this list.
 */
export const BACKEND_KERNELS = [
  'allocate',
  'matmul',
  'unary',
  'binary',
  'where',
  'reduce',
  'softmax',
  'softmaxBackward',
  'transpose',
  'slice',
  'sliceAssign',
  'gatherRows',
  'scatterAddRows',
] as const satisfies readonly (keyof Backend)[];

import type { Storage } from '../tensor/dtype.js';
import type { Shape } from '../tensor/shape.js';

/** The arguments of every element-wise kernel with one input: `out[i] = f(x[i])`. `out` may alias `x`. */
export interface UnaryKernelArgs {
  /** The input. */
  readonly x: Storage;
  /** The output: same length and dtype as `x`; may be `x` itself. */
  readonly out: Storage;
}

/** `leakyRelu`: `x > 0 ? x : alpha·x`; `leakyReluGrad`: `x > 0 ? 1 : alpha`. */
export interface LeakyReluKernelArgs extends UnaryKernelArgs {
  /** The slope for negative inputs. */
  readonly alpha: number;
}

/** `powScalar`: `x^exponent`. */
export interface PowScalarKernelArgs extends UnaryKernelArgs {
  /** The exponent. */
  readonly exponent: number;
}

/** `clip`: `min(max(x, min), max)`; `clipGrad`: `min ≤ x ≤ max ? 1 : 0`. */
export interface ClipKernelArgs extends UnaryKernelArgs {
  /** The lower bound. */
  readonly min: number;
  /** The upper bound. */
  readonly max: number;
}

/** `affine`: `scale·x + shift`. */
export interface AffineKernelArgs extends UnaryKernelArgs {
  /** The factor. */
  readonly scale: number;
  /** The offset added after scaling. */
  readonly shift: number;
}

/**
 * The arguments of every element-wise kernel with two inputs: `out = f(a, b)` with NumPy
 * broadcasting of `aShape` and `bShape` to `outShape`. `out` may be the very array of an
 * input whose shape equals `outShape` (for in-place updates).
 */
export interface BinaryKernelArgs {
  /** The first operand. */
  readonly a: Storage;
  /** Its shape. */
  readonly aShape: Shape;
  /** The second operand. */
  readonly b: Storage;
  /** Its shape. */
  readonly bShape: Shape;
  /** The output. */
  readonly out: Storage;
  /** The broadcast shape of the output. */
  readonly outShape: Shape;
}

/**
 * The arguments of a reduction of `x` (of `shape`) over the sorted, unique `axes`; `out` has
 * the shape with those axes removed. `argmax`/`argmin` get exactly one axis and write indices
 * (first occurrence wins ties; the first NaN wins over numbers, as in NumPy). NaN propagates
 * through `max` and `min`. Over an empty set `sum` gives 0, `max` −∞ and `min` +∞;
 * `argmax`/`argmin` are never called on an empty axis (the public ops reject it).
 */
export interface ReduceKernelArgs {
  /** The input. */
  readonly x: Storage;
  /** Its shape. */
  readonly shape: Shape;
  /** The axes reduced, sorted and unique. */
  readonly axes: readonly number[];
  /** The output, of `shape` without `axes`. */
  readonly out: Storage;
}

/**
 * Batched matrix product `out[b] = op(A[b]) · op(B[b])` where `op` transposes when asked.
 *
 * `op(A)` is `m × k` and `op(B)` is `k × n`; `A` is stored `m × k` (or `k × m` when
 * `transposeA`), `B` is stored `k × n` (or `n × k` when `transposeB`). Matrix `b` of each
 * operand starts at `b · strideA` / `b · strideB` (a stride of 0 broadcasts one matrix over
 * the batch); `out` holds `batch` contiguous `m × n` matrices and is overwritten.
 */
export interface MatmulKernelArgs {
  /** The left operand(s). */
  readonly a: Storage;
  /** The right operand(s). */
  readonly b: Storage;
  /** The product(s), overwritten. */
  readonly out: Storage;
  /** Rows of `op(A)` and of the product. */
  readonly m: number;
  /** Columns of `op(A)`, rows of `op(B)`. */
  readonly k: number;
  /** Columns of `op(B)` and of the product. */
  readonly n: number;
  /** Whether `A` is stored `k × m`. */
  readonly transposeA: boolean;
  /** Whether `B` is stored `n × k`. */
  readonly transposeB: boolean;
  /** The number of products. */
  readonly batch: number;
  /** Elements between consecutive matrices of `A` (0 broadcasts one matrix). */
  readonly strideA: number;
  /** Elements between consecutive matrices of `B` (0 broadcasts one matrix). */
  readonly strideB: number;
}

/** `out = condition ≠ 0 ? a : b`, all three broadcast to `outShape`. */
export interface WhereKernelArgs {
  /** The condition: non-zero picks `a`. */
  readonly condition: Storage;
  /** Its shape. */
  readonly conditionShape: Shape;
  /** The values where the condition holds. */
  readonly a: Storage;
  /** Its shape. */
  readonly aShape: Shape;
  /** The values where it does not. */
  readonly b: Storage;
  /** Its shape. */
  readonly bShape: Shape;
  /** The output. */
  readonly out: Storage;
  /** The broadcast shape of the output. */
  readonly outShape: Shape;
}

/**
 * Row-wise softmax (or log-softmax) of `x` viewed as `rows × cols`, computed stably by
 * subtracting each row's maximum.
 */
export interface SoftmaxKernelArgs {
  /** The logits. */
  readonly x: Storage;
  /** The result, `rows × cols`. */
  readonly out: Storage;
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns (the softmax axis). */
  readonly cols: number;
}

/**
 * The backward pass of a row-wise softmax, given its output `y` and the incoming gradient
 * `dy`: `dx = y ⊙ (dy − Σ dy⊙y)`; for log-softmax (where `y` is the log-softmax output)
 * `dx = dy − exp(y) ⊙ Σ dy`.
 */
export interface SoftmaxBackwardKernelArgs {
  /** The forward output. */
  readonly y: Storage;
  /** The gradient with respect to `y`. */
  readonly dy: Storage;
  /** The gradient with respect to the logits. */
  readonly out: Storage;
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
}

/**
 * `linear`: `out (m×n) = x (m×k) · w (k×n) + bias`, the `n` bias values added to every row
 * once the product is summed: bit for bit a `matmul` followed by an `add`, in one kernel (no
 * intermediate array, and a backend adds the bias where the product already is).
 */
export interface LinearKernelArgs {
  /** The input rows, m×k. */
  readonly x: Storage;
  /** The weights, k×n. */
  readonly w: Storage;
  /** The bias, n values. */
  readonly bias: Storage;
  /** The result, m×n. */
  readonly out: Storage;
  /** Rows of `x` and `out`. */
  readonly m: number;
  /** Columns of `x`, rows of `w`. */
  readonly k: number;
  /** Columns of `w` and `out`; the length of `bias`. */
  readonly n: number;
}

/**
 * The backward pass of `linear` (and of `linearRelu`), fused: with `g = dy`, or
 * `g = dy · (y > 0 ? 1 : 0)` when the forward output `y` of `linearRelu` is given,
 * `dx (m×k) = g · wᵀ`, `dw (k×n) = xᵀ · g` and `db (n) = Σ_rows g`. Bit for bit the
 * `reluBackward`, `matmul` and `sum` kernels it replaces; a backend keeps `g` where it computed
 * it (one array and two copies fewer) and writes only the outputs that are not null.
 */
export interface LinearBackwardKernelArgs {
  /** The forward input rows, m×k. */
  readonly x: Storage;
  /** The weights, k×n. */
  readonly w: Storage;
  /** The gradient with respect to the forward output, m×n. */
  readonly dy: Storage;
  /** The forward output of `linearRelu` (its zeros mask `dy`), m×n; null for `linear`. */
  readonly y: Storage | null;
  /** The gradient with respect to `x`, m×k; null when not needed. */
  readonly dx: Storage | null;
  /** The gradient with respect to `w`, k×n; null when not needed. */
  readonly dw: Storage | null;
  /** The gradient with respect to the bias, n values; null when not needed. */
  readonly db: Storage | null;
  /** Rows of `x` and `dy`. */
  readonly m: number;
  /** Columns of `x`, rows of `w`. */
  readonly k: number;
  /** Columns of `w` and `dy`. */
  readonly n: number;
}

/**
 * The backward pass of `relu`, fused: `out = dy · (x > 0 ? 1 : 0)` for the forward input `x`
 * (a NaN gradient stays NaN, as in a multiplication). All three have one length.
 */
export interface ReluBackwardKernelArgs {
  /** The forward input. */
  readonly x: Storage;
  /** The gradient with respect to relu's output. */
  readonly dy: Storage;
  /** The gradient with respect to `x`; may be `dy` itself. */
  readonly out: Storage;
}

/** Permutes the axes of `x` (of `shape`): axis `i` of `out` is axis `permutation[i]` of `x`. */
export interface TransposeKernelArgs {
  /** The input. */
  readonly x: Storage;
  /** Its shape. */
  readonly shape: Shape;
  /** The permutation of its axes. */
  readonly permutation: readonly number[];
  /** The output. */
  readonly out: Storage;
}

/** Copies the block of `x` (of `shape`) that starts at `begin` and has `outShape` into `out`. */
export interface SliceKernelArgs {
  /** The input. */
  readonly x: Storage;
  /** Its shape. */
  readonly shape: Shape;
  /** The first index of the block on every axis. */
  readonly begin: readonly number[];
  /** The block. */
  readonly out: Storage;
  /** The block's shape. */
  readonly outShape: Shape;
}

/**
 * Writes all of `x` (of `xShape`) into the block of `out` (of `outShape`) that starts at
 * `begin`; the rest of `out` is left as it is. The adjoint of `slice`.
 */
export interface SliceAssignKernelArgs {
  /** The block written. */
  readonly x: Storage;
  /** Its shape. */
  readonly xShape: Shape;
  /** Where the block starts in `out`, on every axis. */
  readonly begin: readonly number[];
  /** The array written into. */
  readonly out: Storage;
  /** Its shape. */
  readonly outShape: Shape;
}

/**
 * `gatherRows`: `out[i, :] = x[indices[i], :]`; `scatterAddRows`: `out[indices[i], :] += x[i, :]`
 * (its adjoint). Rows have `rowSize` elements.
 */
export interface RowsKernelArgs {
  /** The rows read. */
  readonly x: Storage;
  /** Elements per row. */
  readonly rowSize: number;
  /** The row indices, already validated. */
  readonly indices: Int32Array;
  /** The rows written. */
  readonly out: Storage;
}

/**
 * `adam`: one Adam step, in place on `param`, `m` and `v` (all of one length and dtype):
 * `m ← β₁·m + (1 − β₁)·g`, `v ← β₂·v + (1 − β₂)·g²`,
 * `param ← param − stepSize · m / (√v / correction2Sqrt + ε)`, in that order (the order of
 * torch.optim.Adam's single-tensor path). The caller folds the bias corrections into
 * `stepSize = α / (1 − β₁ᵗ)` and `correction2Sqrt = √(1 − β₂ᵗ)`.
 */
export interface AdamKernelArgs {
  /** The parameter, updated in place. */
  readonly param: Storage;
  /** Its gradient. */
  readonly grad: Storage;
  /** The first-moment average, updated in place. */
  readonly m: Storage;
  /** The second-moment average, updated in place. */
  readonly v: Storage;
  /** Weight β₁ of the first-moment average. */
  readonly beta1: number;
  /** Weight β₂ of the second-moment average. */
  readonly beta2: number;
  /** ε, added after the square root. */
  readonly epsilon: number;
  /** The learning rate divided by the first bias correction: `α / (1 − β₁ᵗ)`. */
  readonly stepSize: number;
  /** The square root of the second bias correction: `√(1 − β₂ᵗ)`. */
  readonly correction2Sqrt: number;
}

/**
 * Every kernel by name, with the typed arguments (inputs, output and attributes) it takes.
 *
 * Element-wise kernels with one input (see {@link UnaryKernelArgs}): `neg`, `exp`, `log`,
 * `log1p`, `sqrt`, `abs`, `square`, `reciprocal`, `sign` (−1, 0 or 1), `step`
 * (`x > 0 ? 1 : 0`, the derivative of `relu`), `relu`, `sigmoid`, `tanh`, and the backward
 * helpers `sigmoidGrad` and `tanhGrad`, which take the forward *output* `y`: `y(1 − y)` and
 * `1 − y²`. With attributes: `leakyRelu`, `leakyReluGrad`, `powScalar`, `clip`, `clipGrad`,
 * `affine`.
 *
 * Element-wise kernels with two broadcast inputs ({@link BinaryKernelArgs}): `add`, `sub`,
 * `mul`, `div`, `pow`, `maximum`, `minimum`, and the comparisons `equal`, `notEqual`,
 * `less`, `lessEqual`, `greater`, `greaterEqual`, which write 1 for true and 0 for false.
 *
 * Reductions ({@link ReduceKernelArgs}): `sum`, `max`, `min`, `argmax`, `argmin`. Then
 * `matmul`, `where`, `softmax`, `logSoftmax` and their backward kernels, `reluBackward`, `linear`, `linearRelu`, `linearBackward`, `transpose`,
 * `slice`, `sliceAssign`, `gatherRows` and `scatterAddRows`. Then the fused optimizer step
 * `adam` ({@link AdamKernelArgs}).
 *
 * Kernels trust their arguments: shapes, dtypes and axes were validated by the public op
 * that calls them. All arrays are row-major and contiguous; inputs and `out` never alias
 * unless the arguments say so. A kernel allocates nothing in its inner loops.
 */
export interface KernelSignatures {
  /** `−x`. */
  neg: UnaryKernelArgs;
  /** `eˣ`. */
  exp: UnaryKernelArgs;
  /** Natural logarithm. */
  log: UnaryKernelArgs;
  /** `log(1 + x)`, exact for small x. */
  log1p: UnaryKernelArgs;
  /** Square root. */
  sqrt: UnaryKernelArgs;
  /** `|x|`. */
  abs: UnaryKernelArgs;
  /** `x²`. */
  square: UnaryKernelArgs;
  /** `1 / x`. */
  reciprocal: UnaryKernelArgs;
  /** −1, 0 or 1. */
  sign: UnaryKernelArgs;
  /** `x > 0 ? 1 : 0`, the derivative of `relu`. */
  step: UnaryKernelArgs;
  /** `max(x, 0)`. */
  relu: UnaryKernelArgs;
  /** `x > 0 ? x : alpha·x`. */
  leakyRelu: LeakyReluKernelArgs;
  /** `x > 0 ? 1 : alpha`. */
  leakyReluGrad: LeakyReluKernelArgs;
  /** `1 / (1 + e⁻ˣ)`. */
  sigmoid: UnaryKernelArgs;
  /** `y(1 − y)` of the sigmoid output `y`. */
  sigmoidGrad: UnaryKernelArgs;
  /** Hyperbolic tangent. */
  tanh: UnaryKernelArgs;
  /** `1 − y²` of the tanh output `y`. */
  tanhGrad: UnaryKernelArgs;
  /** `x^exponent`. */
  powScalar: PowScalarKernelArgs;
  /** `min(max(x, min), max)`. */
  clip: ClipKernelArgs;
  /** `min ≤ x ≤ max ? 1 : 0`. */
  clipGrad: ClipKernelArgs;
  /** `scale·x + shift`. */
  affine: AffineKernelArgs;
  /** `a + b`. */
  add: BinaryKernelArgs;
  /** `a − b`. */
  sub: BinaryKernelArgs;
  /** `a · b`. */
  mul: BinaryKernelArgs;
  /** `a / b`. */
  div: BinaryKernelArgs;
  /** `a^b`. */
  pow: BinaryKernelArgs;
  /** The larger of `a` and `b` (NaN propagates). */
  maximum: BinaryKernelArgs;
  /** The smaller of `a` and `b` (NaN propagates). */
  minimum: BinaryKernelArgs;
  /** `a = b`: 1 or 0. */
  equal: BinaryKernelArgs;
  /** `a ≠ b`: 1 or 0. */
  notEqual: BinaryKernelArgs;
  /** `a < b`: 1 or 0. */
  less: BinaryKernelArgs;
  /** `a ≤ b`: 1 or 0. */
  lessEqual: BinaryKernelArgs;
  /** `a > b`: 1 or 0. */
  greater: BinaryKernelArgs;
  /** `a ≥ b`: 1 or 0. */
  greaterEqual: BinaryKernelArgs;
  /** Sum over the axes. */
  sum: ReduceKernelArgs;
  /** Maximum over the axes. */
  max: ReduceKernelArgs;
  /** Minimum over the axes. */
  min: ReduceKernelArgs;
  /** Index of the maximum along one axis. */
  argmax: ReduceKernelArgs;
  /** Index of the minimum along one axis. */
  argmin: ReduceKernelArgs;
  /** Batched matrix product. */
  matmul: MatmulKernelArgs;
  /** Element-wise selection. */
  where: WhereKernelArgs;
  /** Row-wise softmax. */
  softmax: SoftmaxKernelArgs;
  /** Row-wise log-softmax. */
  logSoftmax: SoftmaxKernelArgs;
  /** Backward pass of softmax. */
  softmaxBackward: SoftmaxBackwardKernelArgs;
  /** Backward pass of log-softmax. */
  logSoftmaxBackward: SoftmaxBackwardKernelArgs;
  /** The backward pass of `relu`: `dy · (x > 0)`. */
  reluBackward: ReluBackwardKernelArgs;
  /** A matrix product plus a bias row: `x · w + bias`. */
  linear: LinearKernelArgs;
  /** `relu(x · w + bias)`: `linear` followed by `relu`, in one kernel. */
  linearRelu: LinearKernelArgs;
  /** The gradients of `linear` or `linearRelu` with respect to x, w and the bias. */
  linearBackward: LinearBackwardKernelArgs;
  /** Axis permutation. */
  transpose: TransposeKernelArgs;
  /** Block copy out. */
  slice: SliceKernelArgs;
  /** Block copy in. */
  sliceAssign: SliceAssignKernelArgs;
  /** Row gather. */
  gatherRows: RowsKernelArgs;
  /** Row scatter-add. */
  scatterAddRows: RowsKernelArgs;
  /** One Adam step, in place. */
  adam: AdamKernelArgs;
}

/** The name of a kernel: a key of {@link KernelSignatures}. */
export type KernelName = keyof KernelSignatures;

/** A kernel: computes into the output named in its arguments and returns nothing. */
export type KernelFunction<N extends KernelName> = (args: KernelSignatures[N]) => void;

/** A backend's kernels by name; a backend provides any subset of them. */
export type KernelTable = { readonly [N in KernelName]?: KernelFunction<N> };

/** Every kernel, by name. The `cpu` backend provides exactly this. */
export type CompleteKernelTable = { readonly [N in KernelName]: KernelFunction<N> };

/** The element-wise kernels with one input (and maybe attributes). */
export type UnaryKernelName =
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

/** The element-wise kernels with two broadcast inputs. */
export type BinaryKernelName =
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

/** The reductions. `argmax`/`argmin` reduce exactly one axis. */
export type ReduceKernelName = 'sum' | 'max' | 'min' | 'argmax' | 'argmin';

/** The names of the kernels with one input, in declaration order. */
export const UNARY_KERNELS = [
  'neg',
  'exp',
  'log',
  'log1p',
  'sqrt',
  'abs',
  'square',
  'reciprocal',
  'sign',
  'step',
  'relu',
  'leakyRelu',
  'leakyReluGrad',
  'sigmoid',
  'sigmoidGrad',
  'tanh',
  'tanhGrad',
  'powScalar',
  'clip',
  'clipGrad',
  'affine',
] as const satisfies readonly UnaryKernelName[];

/** The names of the kernels with two broadcast inputs, in declaration order. */
export const BINARY_KERNELS = [
  'add',
  'sub',
  'mul',
  'div',
  'pow',
  'maximum',
  'minimum',
  'equal',
  'notEqual',
  'less',
  'lessEqual',
  'greater',
  'greaterEqual',
] as const satisfies readonly BinaryKernelName[];

/** The names of the reductions, in declaration order. */
export const REDUCE_KERNELS = [
  'sum',
  'max',
  'min',
  'argmax',
  'argmin',
] as const satisfies readonly ReduceKernelName[];

/**
 * The name of every kernel, in the order {@link KernelSignatures} declares them. A backend's
 * kernel table may use only these names.
 */
export const KERNEL_NAMES: readonly KernelName[] = [
  ...UNARY_KERNELS,
  ...BINARY_KERNELS,
  ...REDUCE_KERNELS,
  'matmul',
  'where',
  'softmax',
  'logSoftmax',
  'softmaxBackward',
  'logSoftmaxBackward',
  'reluBackward',
  'linear',
  'linearRelu',
  'linearBackward',
  'transpose',
  'slice',
  'sliceAssign',
  'gatherRows',
  'scatterAddRows',
  'adam',
];

import { cpuKernels } from '../backend/cpu/cpu-backend.js';
import {
  BINARY_KERNELS,
  REDUCE_KERNELS,
  UNARY_KERNELS,
  type KernelName,
  type KernelSignatures,
  type UnaryKernelName,
} from '../backend/kernels.js';
import type { DType, Storage } from '../tensor/dtype.js';
import { broadcastShapes, formatShape, shapeSize, type Shape } from '../tensor/shape.js';
import {
  emptyStorage,
  poisoned,
  randomIndices,
  randomOfShape,
  randomStorage,
  withSpecialValues,
} from './conformance-data.js';

/** The arguments of one conformance run, and the array the kernel writes. */
export interface ConformanceRun {
  /** The kernel's arguments. */
  readonly args: object;
  /** The array the kernel writes (the `out` of `args`). */
  readonly out: Storage;
  /**
   * Per element, the magnitude the error is measured against (e.g. `|A|·|B|` for a matrix
   * product); `undefined` measures against the reference value itself.
   */
  readonly scale?: Float64Array | undefined;
  /**
   * Arrays of `args` other than `out` that the kernel writes in place (the moments of `adam`):
   * each is compared with the reference like `out`, and none counts as an input that must
   * stay untouched.
   */
  readonly inPlace?: readonly InPlaceResult[] | undefined;
}

/** An array a kernel writes in place besides its `out`; see {@link ConformanceRun.inPlace}. */
export interface InPlaceResult {
  /** Its name in the kernel's arguments, e.g. `'m'`. */
  readonly name: string;
  /** The array. */
  readonly array: Storage;
  /** Per element, the magnitude its error is measured against, as for `out`. */
  readonly scale?: Float64Array | undefined;
}

/** One conformance case: a kernel, a dtype and a reproducible way to build its arguments. */
export interface ConformanceCase {
  /** The kernel under test. */
  readonly kernel: KernelName;
  /** The dtype of every array. */
  readonly dtype: DType;
  /** What the case covers, e.g. `'7×13 with 13 (broadcast)'`. */
  readonly description: string;
  /** Whether the result must equal the reference exactly (data movement, comparisons). */
  readonly exact: boolean;
  /** Builds fresh arguments: the same values on every call. */
  readonly build: () => ConformanceRun;
}

const DTYPES: readonly DType[] = ['float32', 'float64'];

/** Kernels whose results are copies, selections or comparisons: no rounding is allowed. */
const EXACT_KERNELS: ReadonlySet<KernelName> = new Set<KernelName>([
  'neg',
  'reluBackward',
  'abs',
  'sign',
  'step',
  'relu',
  'clip',
  'clipGrad',
  'maximum',
  'minimum',
  'equal',
  'notEqual',
  'less',
  'lessEqual',
  'greater',
  'greaterEqual',
  'max',
  'min',
  'argmax',
  'argmin',
  'where',
  'transpose',
  'slice',
  'sliceAssign',
  'gatherRows',
]);

function caseOf<N extends KernelName>(
  kernel: N,
  dtype: DType,
  description: string,
  build: () => { args: KernelSignatures[N]; out: Storage; scale?: Float64Array | undefined },
): ConformanceCase {
  return { kernel, dtype, description, exact: EXACT_KERNELS.has(kernel), build };
}

/** Inputs a one-input kernel is defined on: positive for log, sqrt and reciprocal. */
function unaryDomain(kernel: UnaryKernelName): [number, number] {
  switch (kernel) {
    case 'log':
    case 'sqrt':
    case 'reciprocal':
      return [0.01, 5];
    case 'log1p':
      return [-0.99, 5];
    case 'sigmoidGrad':
      return [0, 1];
    case 'tanhGrad':
      return [-1, 1];
    default:
      return [-3, 3];
  }
}

function unaryAttributes(kernel: UnaryKernelName): Record<string, number> {
  switch (kernel) {
    case 'leakyRelu':
    case 'leakyReluGrad':
      return { alpha: 0.1 };
    case 'powScalar':
      return { exponent: 2.5 };
    case 'clip':
    case 'clipGrad':
      return { min: -0.5, max: 0.75 };
    case 'affine':
      return { scale: -1.5, shift: 0.25 };
    default:
      return {};
  }
}

function unaryCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const kernel of UNARY_KERNELS) {
    const [low, high] = unaryDomain(kernel);
    const attributes = unaryAttributes(kernel);
    for (const dtype of DTYPES) {
      for (const size of [0, 1, 7, 33, 1031]) {
        cases.push(
          caseOf(kernel, dtype, `${size} elements`, () => {
            const x = randomStorage(dtype, size, 11 + size, low, high);
            const out = poisoned(dtype, size);
            return { args: { ...attributes, x, out } as KernelSignatures[typeof kernel], out };
          }),
        );
      }
      cases.push(
        caseOf(kernel, dtype, '0, −0, NaN, ±∞ and ±1e30 among 19 elements', () => {
          const x = withSpecialValues(randomStorage(dtype, 19, 5, low, high), 1e30);
          const out = poisoned(dtype, 19);
          return { args: { ...attributes, x, out } as KernelSignatures[typeof kernel], out };
        }),
        caseOf(kernel, dtype, 'in place (out is x), 33 elements', () => {
          const x = randomStorage(dtype, 33, 7, low, high);
          return { args: { ...attributes, x, out: x } as KernelSignatures[typeof kernel], out: x };
        }),
      );
    }
  }
  return cases;
}

const BROADCAST_PAIRS: readonly (readonly [Shape, Shape])[] = [
  [
    [7, 13],
    [7, 13],
  ],
  [[7, 13], [13]],
  [
    [7, 1],
    [1, 13],
  ],
  [[], [5]],
  [[5], []],
  [
    [2, 3, 4],
    [3, 1],
  ],
  [
    [3, 1, 5],
    [1, 4, 1],
  ],
  [[0, 5], [5]],
  [[1], [1]],
  [[1031], [1031]],
];

const COMPARISONS: ReadonlySet<KernelName> = new Set<KernelName>([
  'equal',
  'notEqual',
  'less',
  'lessEqual',
  'greater',
  'greaterEqual',
  'maximum',
  'minimum',
]);

/** Small integers, so that comparisons see equal elements as well as different ones. */
function roundedOfShape(dtype: DType, shape: Shape, seed: number): Storage {
  const values = randomOfShape(dtype, shape, seed, -1.5, 1.5);
  for (let i = 0; i < values.length; i++) values[i] = Math.round(values[i]!);
  return values;
}

function binaryCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const kernel of BINARY_KERNELS) {
    const positiveB = kernel === 'div' || kernel === 'pow';
    for (const dtype of DTYPES) {
      for (const [aShape, bShape] of BROADCAST_PAIRS) {
        const outShape = broadcastShapes('conformance', aShape, bShape);
        const operand = (shape: Shape, seed: number, positive: boolean): Storage =>
          COMPARISONS.has(kernel)
            ? roundedOfShape(dtype, shape, seed)
            : randomOfShape(dtype, shape, seed, positive ? 0.5 : -2, 2);
        cases.push(
          caseOf(kernel, dtype, `${formatShape(aShape)} with ${formatShape(bShape)}`, () => {
            const out = poisoned(dtype, shapeSize(outShape));
            const args = {
              a: operand(aShape, 3, kernel === 'pow'),
              aShape,
              b: operand(bShape, 4, positiveB),
              bShape,
              out,
              outShape,
            };
            return { args, out };
          }),
        );
      }
      cases.push(
        caseOf(kernel, dtype, 'in place (out is a), [7, 13] with [13]', () => {
          const a = COMPARISONS.has(kernel)
            ? roundedOfShape(dtype, [7, 13], 3)
            : randomOfShape(dtype, [7, 13], 3, kernel === 'pow' ? 0.5 : -2, 2);
          const b = COMPARISONS.has(kernel)
            ? roundedOfShape(dtype, [13], 4)
            : randomOfShape(dtype, [13], 4, positiveB ? 0.5 : -2, 2);
          return {
            args: { a, aShape: [7, 13], b, bShape: [13], out: a, outShape: [7, 13] },
            out: a,
          };
        }),
        caseOf(kernel, dtype, '0, −0, NaN, ±∞ against 1 and against each other', () => {
          const a = withSpecialValues(emptyStorage(dtype, 7), 1e30);
          const b = withSpecialValues(emptyStorage(dtype, 7), 1e30).reverse();
          const out = poisoned(dtype, 7);
          return { args: { a, aShape: [7], b, bShape: [7], out, outShape: [7] }, out };
        }),
      );
    }
  }
  return cases;
}

const REDUCTIONS: readonly (readonly [Shape, readonly number[]])[] = [
  [[7, 13], [0]],
  [[7, 13], [1]],
  [
    [7, 13],
    [0, 1],
  ],
  [[3, 4, 5], [1]],
  [
    [3, 4, 5],
    [0, 2],
  ],
  [[3, 4, 5], [2]],
  [[1031], [0]],
  [[1], [0]],
  [[0, 4], [0]],
  [[4, 0], [0]],
];

/** `Σ|x|` over the reduced axes, the error scale of a sum. */
function absoluteSum(
  x: Storage,
  shape: Shape,
  axes: readonly number[],
  size: number,
): Float64Array {
  const magnitudes = Float64Array.from(x, Math.abs);
  const scale = new Float64Array(size);
  cpuKernels.sum({ x: magnitudes, shape, axes, out: scale });
  return scale;
}

function reduceCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const kernel of REDUCE_KERNELS) {
    const indexing = kernel === 'argmax' || kernel === 'argmin';
    for (const dtype of DTYPES) {
      for (const [shape, axes] of REDUCTIONS) {
        const outShape = shape.filter((_, axis) => !axes.includes(axis));
        if (indexing && (axes.length !== 1 || shape[axes[0]!] === 0)) continue;
        cases.push(
          caseOf(kernel, dtype, `${formatShape(shape)} over axes [${axes.join(', ')}]`, () => {
            const x = indexing ? roundedOfShape(dtype, shape, 9) : randomOfShape(dtype, shape, 9);
            const out = poisoned(dtype, shapeSize(outShape));
            const scale = kernel === 'sum' ? absoluteSum(x, shape, axes, out.length) : undefined;
            return { args: { x, shape, axes, out }, out, scale };
          }),
        );
      }
      cases.push(
        caseOf(kernel, dtype, 'NaN and ±∞ in rows of [3, 7] over axis 1', () => {
          const x = randomOfShape(dtype, [3, 7], 2);
          x[2] = Number.NaN;
          x[7 + 3] = Number.POSITIVE_INFINITY;
          x[14 + 5] = Number.NEGATIVE_INFINITY;
          const out = poisoned(dtype, 3);
          return { args: { x, shape: [3, 7], axes: [1], out }, out };
        }),
      );
    }
  }
  return cases;
}

/** `(m, k, n)` sizes: degenerate, odd, and larger than any plausible block. */
const MATMUL_SIZES: readonly (readonly [number, number, number])[] = [
  [1, 1, 1],
  [0, 3, 4],
  [3, 0, 4],
  [3, 4, 0],
  [2, 3, 2],
  [7, 13, 5],
  [5, 1, 9],
  [33, 65, 17],
  [129, 257, 65],
  [64, 64, 64],
  [37, 800, 29], // a depth that crosses blocks of 128, 256 and 384 several times
];

function matmulCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  const run = (
    dtype: DType,
    m: number,
    k: number,
    n: number,
    transposeA: boolean,
    transposeB: boolean,
    batch: number,
    broadcastA: boolean,
  ): { args: KernelSignatures['matmul']; out: Storage; scale: Float64Array } => {
    const strideA = broadcastA ? 0 : m * k;
    const strideB = k * n;
    const a = randomStorage(dtype, m * k * (broadcastA ? 1 : batch), 21 + m, -1, 1);
    const b = randomStorage(dtype, k * n * batch, 22 + n, -1, 1);
    const out = poisoned(dtype, m * n * batch);
    const args = { a, b, out, m, k, n, transposeA, transposeB, batch, strideA, strideB };
    const scale = new Float64Array(out.length);
    cpuKernels.matmul({
      ...args,
      a: Float64Array.from(a, Math.abs),
      b: Float64Array.from(b, Math.abs),
      out: scale,
    });
    return { args, out, scale };
  };
  for (const dtype of DTYPES) {
    for (const [m, k, n] of MATMUL_SIZES) {
      for (const transposeA of [false, true]) {
        for (const transposeB of [false, true]) {
          const form = `${transposeA ? 'Aᵀ' : 'A'}·${transposeB ? 'Bᵀ' : 'B'}`;
          cases.push(
            caseOf('matmul', dtype, `${form}, m=${m} k=${k} n=${n}`, () =>
              run(dtype, m, k, n, transposeA, transposeB, 1, false),
            ),
          );
        }
      }
    }
    cases.push(
      caseOf('matmul', dtype, 'A·B, a batch of 3 (m=5 k=6 n=7)', () =>
        run(dtype, 5, 6, 7, false, false, 3, false),
      ),
      caseOf('matmul', dtype, 'Aᵀ·B, one A broadcast over a batch of 4 (stride 0)', () =>
        run(dtype, 9, 10, 11, true, false, 4, true),
      ),
    );
  }
  return cases;
}

/**
 * `linear` and `linearRelu` at the matrix product's sizes (with k = 0 the result is the bias
 * rows), measured against `|x|·|w| + |bias|` (relu never adds error).
 */
function linearCases(kernel: 'linear' | 'linearRelu'): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const dtype of DTYPES) {
    for (const [m, k, n] of MATMUL_SIZES) {
      cases.push(
        caseOf(kernel, dtype, `m=${m} k=${k} n=${n}`, () => {
          const x = randomStorage(dtype, m * k, 23 + m, -1, 1);
          const w = randomStorage(dtype, k * n, 24 + n, -1, 1);
          const bias = randomStorage(dtype, n, 25 + k, -1, 1);
          const out = poisoned(dtype, m * n);
          const scale = new Float64Array(m * n);
          cpuKernels.linear({
            x: Float64Array.from(x, Math.abs),
            w: Float64Array.from(w, Math.abs),
            bias: Float64Array.from(bias, Math.abs),
            out: scale,
            m,
            k,
            n,
          });
          return { args: { x, w, bias, out, m, k, n }, out, scale };
        }),
      );
    }
  }
  return cases;
}

/** Which gradients a `linearBackward` case asks for. */
interface LinearBackwardForm {
  readonly name: string;
  readonly relu: boolean;
  readonly dx: boolean;
  readonly db: boolean;
}

const LINEAR_BACKWARD_FORMS: readonly LinearBackwardForm[] = [
  { name: 'linear, dx dw db', relu: false, dx: true, db: true },
  { name: 'linearRelu, dx dw db', relu: true, dx: true, db: true },
  { name: 'linearRelu, dw db (a first layer)', relu: true, dx: false, db: true },
  { name: 'linear, dw only', relu: false, dx: false, db: false },
];

/**
 * `linearBackward` at the matrix product's sizes, in four forms (with and without the relu
 * mask, with and without `dx` and `db`); the mask `y` holds +0, −0 and NaN (all masking).
 * `dw` is measured against `|x|ᵀ·|g|`, `dx` against `|g|·|w|ᵀ`, `db` against `Σ|g|`.
 */
function linearBackwardCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const dtype of DTYPES) {
    for (const [m, k, n] of MATMUL_SIZES) {
      for (const form of LINEAR_BACKWARD_FORMS) {
        cases.push({
          kernel: 'linearBackward',
          dtype,
          description: `${form.name}, m=${m} k=${k} n=${n}`,
          exact: false,
          build: () => {
            const x = randomStorage(dtype, m * k, 29 + m, -1, 1);
            const w = randomStorage(dtype, k * n, 30 + n, -1, 1);
            const dy = randomStorage(dtype, m * n, 31 + k, -1, 1);
            let y: Storage | null = null;
            if (form.relu) {
              y = randomStorage(dtype, m * n, 32 + k, -1, 1).map((v) => (v < 0 ? 0 : v));
              if (y.length >= 3) {
                y[0] = -0;
                y[1] = Number.NaN;
                y[2] = 0;
              }
            }
            const dx = form.dx ? poisoned(dtype, m * k) : null;
            const dw = poisoned(dtype, k * n);
            const db = form.db ? poisoned(dtype, n) : null;
            // The scales: the same products and sums of magnitudes, with the mask applied.
            const g = Float64Array.from(dy, (v, i) => (y === null || y[i]! > 0 ? Math.abs(v) : 0));
            const dxScale = new Float64Array(m * k);
            const dwScale = new Float64Array(k * n);
            const dbScale = new Float64Array(n);
            cpuKernels.linearBackward({
              x: Float64Array.from(x, Math.abs),
              w: Float64Array.from(w, Math.abs),
              dy: g,
              y: null,
              dx: dxScale,
              dw: dwScale,
              db: dbScale,
              m,
              k,
              n,
            });
            const inPlace: InPlaceResult[] = [];
            if (dx !== null) inPlace.push({ name: 'dx', array: dx, scale: dxScale });
            if (db !== null) inPlace.push({ name: 'db', array: db, scale: dbScale });
            return {
              args: { x, w, dy, y, dx, dw, db, m, k, n },
              out: dw,
              scale: dwScale,
              inPlace,
            };
          },
        });
      }
    }
  }
  return cases;
}

/**
 * `reluBackward` at odd sizes, one element and none, with NaN, ±∞ and ±0 among both the
 * inputs and the gradients, and in place (`out` is `dy`).
 */
function reluBackwardCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const dtype of DTYPES) {
    for (const size of [0, 1, 7, 33, 1029]) {
      const build = (inPlace: boolean) => () => {
        const x = withSpecialValues(randomStorage(dtype, size, 71, -3, 3), 1e30);
        const dy = withSpecialValues(randomStorage(dtype, size, 72, -2, 2), 1e30).reverse();
        const out = inPlace ? dy : poisoned(dtype, size);
        return { args: { x, dy, out }, out };
      };
      cases.push(
        caseOf('reluBackward', dtype, `${size} element${size === 1 ? '' : 's'}`, build(false)),
        caseOf(
          'reluBackward',
          dtype,
          `${size} element${size === 1 ? '' : 's'}, in place`,
          build(true),
        ),
      );
    }
  }
  return cases;
}

function whereCases(): ConformanceCase[] {
  const triples: readonly (readonly [Shape, Shape, Shape])[] = [
    [
      [7, 13],
      [7, 13],
      [7, 13],
    ],
    [[7, 1], [13], [7, 13]],
    [[], [4], [3, 1]],
    [[0, 3], [3], [1]],
  ];
  const cases: ConformanceCase[] = [];
  for (const dtype of DTYPES) {
    for (const [conditionShape, aShape, bShape] of triples) {
      const outShape = broadcastShapes(
        'conformance',
        conditionShape,
        broadcastShapes('conformance', aShape, bShape),
      );
      cases.push(
        caseOf(
          'where',
          dtype,
          `${formatShape(conditionShape)} ? ${formatShape(aShape)} : ${formatShape(bShape)}`,
          () => {
            const condition = randomOfShape(dtype, conditionShape, 31, 0, 2).map(Math.floor);
            const out = poisoned(dtype, shapeSize(outShape));
            const args = {
              condition,
              conditionShape,
              a: randomOfShape(dtype, aShape, 32),
              aShape,
              b: randomOfShape(dtype, bShape, 33),
              bShape,
              out,
              outShape,
            };
            return { args, out };
          },
        ),
      );
    }
  }
  return cases;
}

const SOFTMAX_SIZES: readonly (readonly [number, number])[] = [
  [1, 1],
  [3, 7],
  [5, 1000],
  [0, 3],
  [2, 0],
  [128, 10],
];

function softmaxCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const dtype of DTYPES) {
    for (const [rows, cols] of SOFTMAX_SIZES) {
      const logits = (): Storage => {
        const x = randomStorage(dtype, rows * cols, 41 + cols, -20, 20);
        // One row of huge logits: stable only if each row's maximum is subtracted.
        for (let j = 0; j < cols && rows > 1; j++) x[cols + j]! += 1000;
        return x;
      };
      for (const kernel of ['softmax', 'logSoftmax'] as const) {
        cases.push(
          caseOf(kernel, dtype, `${rows} rows of ${cols}`, () => {
            const out = poisoned(dtype, rows * cols);
            return { args: { x: logits(), out, rows, cols }, out };
          }),
        );
      }
      for (const [kernel, forward] of [
        ['softmaxBackward', 'softmax'],
        ['logSoftmaxBackward', 'logSoftmax'],
      ] as const) {
        cases.push(
          caseOf(kernel, dtype, `${rows} rows of ${cols}`, () => {
            const y = emptyStorage(dtype, rows * cols);
            cpuKernels[forward]({ x: logits(), out: y, rows, cols });
            const dy = randomStorage(dtype, rows * cols, 43, -1, 1);
            const out = poisoned(dtype, rows * cols);
            return { args: { y, dy, out, rows, cols }, out };
          }),
        );
      }
    }
  }
  return cases;
}

/**
 * `adam` on parameters of several lengths (odd ones, one element, none), at step t = 3 of
 * PyTorch's default betas, with NaN, ±∞ and ±0 among the gradients of one case. Each result
 * is measured against the magnitude of its terms (`|β₁·m| + |(1 − β₁)·g|` for m, and for the
 * parameter `|W| + stepSize·that / (√v / √(1 − β₂ᵗ) + ε)`), so cancellation is no failure.
 */
function adamCases(): ConformanceCase[] {
  const beta1 = 0.9;
  const beta2 = 0.999;
  const epsilon = 1e-8;
  const t = 3;
  const stepSize = 1e-3 / (1 - beta1 ** t);
  const correction2Sqrt = Math.sqrt(1 - beta2 ** t);
  const cases: ConformanceCase[] = [];
  for (const dtype of DTYPES) {
    for (const [size, special] of [
      [0, false],
      [1, false],
      [3, false],
      [17, true],
      [1029, false],
    ] as const) {
      const where = `${size} parameter${size === 1 ? '' : 's'}${special ? ' with NaN, ±∞ and ±0 gradients' : ''}`;
      cases.push(
        caseOf('adam', dtype, where, () => {
          const param = randomStorage(dtype, size, 61);
          const grad = randomStorage(dtype, size, 62, -0.1, 0.1);
          if (special) withSpecialValues(grad, 0.05);
          const m = randomStorage(dtype, size, 63, -0.05, 0.05);
          const v = randomStorage(dtype, size, 64, 0, 0.01);
          const scaleM = new Float64Array(size);
          const scaleParam = new Float64Array(size);
          for (let i = 0; i < size; i++) {
            const g = grad[i]!;
            scaleM[i] = Math.abs(m[i]! * beta1) + Math.abs((1 - beta1) * g);
            const vNew = v[i]! * beta2 + (1 - beta2) * g * g;
            scaleParam[i] =
              Math.abs(param[i]!) +
              (stepSize * scaleM[i]!) / (Math.sqrt(vNew) / correction2Sqrt + epsilon);
          }
          return {
            args: { param, grad, m, v, beta1, beta2, epsilon, stepSize, correction2Sqrt },
            out: param,
            scale: scaleParam,
            inPlace: [
              { name: 'm', array: m, scale: scaleM },
              { name: 'v', array: v },
            ],
          };
        }),
      );
    }
  }
  return cases;
}

function layoutCases(): ConformanceCase[] {
  const transposes: readonly (readonly [Shape, readonly number[]])[] = [
    [
      [7, 13],
      [1, 0],
    ],
    [
      [3, 4, 5],
      [2, 0, 1],
    ],
    [
      [3, 4, 5],
      [1, 0, 2],
    ],
    [
      [2, 3, 4, 5],
      [3, 1, 2, 0],
    ],
    [
      [0, 3],
      [1, 0],
    ],
    [
      [1, 1],
      [1, 0],
    ],
    [
      [65, 129],
      [1, 0],
    ],
  ];
  const slices: readonly (readonly [Shape, readonly number[], Shape])[] = [
    [
      [7, 13],
      [2, 3],
      [4, 5],
    ],
    [
      [3, 4, 5],
      [1, 0, 2],
      [2, 4, 3],
    ],
    [
      [7, 13],
      [0, 0],
      [7, 13],
    ],
    [
      [7, 13],
      [3, 0],
      [0, 13],
    ],
    [[1031], [17], [1000]],
  ];
  const cases: ConformanceCase[] = [];
  for (const dtype of DTYPES) {
    for (const [shape, permutation] of transposes) {
      cases.push(
        caseOf('transpose', dtype, `${formatShape(shape)} by [${permutation.join(', ')}]`, () => {
          const out = poisoned(dtype, shapeSize(shape));
          return { args: { x: randomOfShape(dtype, shape, 51), shape, permutation, out }, out };
        }),
      );
    }
    for (const [shape, begin, outShape] of slices) {
      const where = `${formatShape(outShape)} at [${begin.join(', ')}] of ${formatShape(shape)}`;
      cases.push(
        caseOf('slice', dtype, where, () => {
          const out = poisoned(dtype, shapeSize(outShape));
          return { args: { x: randomOfShape(dtype, shape, 52), shape, begin, out, outShape }, out };
        }),
        caseOf('sliceAssign', dtype, where, () => {
          // The adjoint: the block goes into a larger array whose other elements stay.
          const out = randomOfShape(dtype, shape, 53);
          const x = randomOfShape(dtype, outShape, 54);
          return { args: { x, xShape: outShape, begin, out, outShape: shape }, out };
        }),
      );
    }
    for (const [rows, rowSize, count] of [
      [10, 7, 13],
      [5, 1, 9],
      [4, 3, 0],
      [1, 1031, 3],
    ] as const) {
      const where = `${count} of ${rows} rows of ${rowSize}, with repeats`;
      cases.push(
        caseOf('gatherRows', dtype, where, () => {
          const out = poisoned(dtype, count * rowSize);
          const x = randomStorage(dtype, rows * rowSize, 55);
          return { args: { x, rowSize, indices: randomIndices(count, rows, 56), out }, out };
        }),
        caseOf('scatterAddRows', dtype, where, () => {
          const out = randomStorage(dtype, rows * rowSize, 57);
          const x = randomStorage(dtype, count * rowSize, 58);
          return { args: { x, rowSize, indices: randomIndices(count, rows, 56), out }, out };
        }),
      );
    }
  }
  return cases;
}

/**
 * Every conformance case: each kernel in both dtypes, at odd sizes, sizes that are not
 * multiples of any block, 1×1 and empty, with special values, broadcasting and in-place
 * writes where the kernel allows them.
 */
export function conformanceCases(): ConformanceCase[] {
  return [
    ...unaryCases(),
    ...binaryCases(),
    ...reduceCases(),
    ...matmulCases(),
    ...linearCases('linear'),
    ...linearCases('linearRelu'),
    ...linearBackwardCases(),
    ...whereCases(),
    ...reluBackwardCases(),
    ...softmaxCases(),
    ...layoutCases(),
    ...adamCases(),
  ];
}

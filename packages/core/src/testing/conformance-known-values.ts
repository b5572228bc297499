import type { KernelName } from '../backend/kernels.js';

/** A kernel result worked out by hand, in float64: checks the reference itself. */
export interface KnownValue {
  /** The kernel. */
  readonly kernel: KernelName;
  /** What is computed. */
  readonly description: string;
  /** Its arguments (float64 arrays), built fresh. */
  readonly build: () => { readonly args: object; readonly out: Float64Array };
  /** The exact result. */
  readonly expected: readonly number[];
}

const f64 = (...values: number[]): Float64Array => Float64Array.from(values);

/**
 * `linearBackward` of x = [[1, 2], [3, 4]], w = [[5, 6], [7, 8]], dy = [[1, −1], [2, 0.5]]
 * through the relu mask y = [[0, 3], [1, 0]], so g = [[0, −1], [2, 0]]: dw = xᵀ·g,
 * dx = g·wᵀ and db = Σ_rows g, one known value each.
 */
function linearBackwardKnownValues(): KnownValue[] {
  const build = (which: 'dx' | 'dw' | 'db') => () => {
    const dx = new Float64Array(4);
    const dw = new Float64Array(4);
    const db = new Float64Array(2);
    const args = {
      x: f64(1, 2, 3, 4),
      w: f64(5, 6, 7, 8),
      dy: f64(1, -1, 2, 0.5),
      y: f64(0, 3, 1, 0),
      dx,
      dw,
      db,
      m: 2,
      k: 2,
      n: 2,
    };
    return { args, out: which === 'dx' ? dx : which === 'dw' ? dw : db };
  };
  const what = 'through the relu mask of [[0, 3], [1, 0]]';
  return [
    {
      kernel: 'linearBackward',
      description: `dw ${what}`,
      build: build('dw'),
      expected: [6, -1, 8, -2],
    },
    {
      kernel: 'linearBackward',
      description: `dx ${what}`,
      build: build('dx'),
      expected: [-6, -8, 10, 14],
    },
    { kernel: 'linearBackward', description: `db ${what}`, build: build('db'), expected: [2, -1] },
  ];
}

/**
 * A single `m×k · k×n` matmul of `a` and `b` (row-major), written into an `out` that starts
 * as `initial` (garbage a kernel must overwrite, or zeros).
 */
function matmul(
  a: readonly number[],
  b: readonly number[],
  [m, k, n]: readonly [number, number, number],
  initial: readonly number[],
  transposeA = false,
  transposeB = false,
): KnownValue['build'] {
  return () => {
    const out = f64(...initial);
    const args = {
      a: f64(...a),
      b: f64(...b),
      out,
      m,
      k,
      n,
      transposeA,
      transposeB,
      batch: 1,
      strideA: 0,
      strideB: 0,
    };
    return { args, out };
  };
}

function matmul2x2(transposeA: boolean, transposeB: boolean): KnownValue['build'] {
  return matmul([1, 2, 3, 4], [5, 6, 7, 8], [2, 2, 2], [0, 0, 0, 0], transposeA, transposeB);
}

function unary(x: Float64Array, attributes: object = {}): KnownValue['build'] {
  return () => {
    const out = new Float64Array(x.length);
    return { args: { ...attributes, x: x.slice(), out }, out };
  };
}

/**
 * Hand-computed results for the main kernels, so a backend is checked against arithmetic,
 * not only against the `cpu` backend (and the `cpu` backend is checked too).
 */
export const KNOWN_VALUES: readonly KnownValue[] = [
  // [[1, 2], [3, 4]] and [[5, 6], [7, 8]] in all four forms.
  {
    kernel: 'matmul',
    description: 'A·B',
    build: matmul2x2(false, false),
    expected: [19, 22, 43, 50],
  },
  {
    kernel: 'matmul',
    description: 'Aᵀ·B',
    build: matmul2x2(true, false),
    expected: [26, 30, 38, 44],
  },
  {
    kernel: 'matmul',
    description: 'A·Bᵀ',
    build: matmul2x2(false, true),
    expected: [17, 23, 39, 53],
  },
  {
    kernel: 'matmul',
    description: 'Aᵀ·Bᵀ',
    build: matmul2x2(true, true),
    expected: [23, 31, 34, 46],
  },
  {
    kernel: 'matmul',
    description: 'k = 0 gives zeros',
    build: matmul([], [], [1, 0, 2], [9, 9]),
    expected: [0, 0],
  },
  {
    // A backend that skips zero terms (as the wasm one does for ReLU's and MNIST's zeros)
    // must not skip them where B is not finite.
    kernel: 'matmul',
    description: '0·∞ is NaN: [0, 1] · [[∞, 1], [2, 3]]',
    build: matmul([0, 1], [Infinity, 1, 2, 3], [1, 2, 2], [9, 9]),
    expected: [NaN, 3],
  },
  {
    kernel: 'relu',
    description: 'relu(−1, 0, 2)',
    build: unary(f64(-1, 0, 2)),
    expected: [0, 0, 2],
  },
  { kernel: 'exp', description: 'exp(0)', build: unary(f64(0)), expected: [1] },
  {
    kernel: 'log',
    description: 'log(1), log(0)',
    build: unary(f64(1, 0)),
    expected: [0, -Infinity],
  },
  { kernel: 'sigmoid', description: 'sigmoid(0)', build: unary(f64(0)), expected: [0.5] },
  { kernel: 'tanh', description: 'tanh(0)', build: unary(f64(0)), expected: [0] },
  { kernel: 'sqrt', description: 'sqrt(4, 9)', build: unary(f64(4, 9)), expected: [2, 3] },
  {
    kernel: 'leakyRelu',
    description: 'leakyRelu(−2, 3), α = 0.25',
    build: unary(f64(-2, 3), { alpha: 0.25 }),
    expected: [-0.5, 3],
  },
  {
    kernel: 'clip',
    description: 'clip(−2, 0.5, 3) to [−1, 1]',
    build: unary(f64(-2, 0.5, 3), { min: -1, max: 1 }),
    expected: [-1, 0.5, 1],
  },
  {
    kernel: 'affine',
    description: '2x + 1 of (−1, 3)',
    build: unary(f64(-1, 3), { scale: 2, shift: 1 }),
    expected: [-1, 7],
  },
  {
    kernel: 'powScalar',
    description: '(2, 3)^3',
    build: unary(f64(2, 3), { exponent: 3 }),
    expected: [8, 27],
  },
  {
    kernel: 'add',
    description: '[[1], [2]] + [10, 20]',
    build: () => {
      const out = new Float64Array(4);
      return {
        args: { a: f64(1, 2), aShape: [2, 1], b: f64(10, 20), bShape: [2], out, outShape: [2, 2] },
        out,
      };
    },
    expected: [11, 21, 12, 22],
  },
  {
    kernel: 'less',
    description: '(1, 2, 3) < 2',
    build: () => {
      const out = new Float64Array(3);
      return {
        args: { a: f64(1, 2, 3), aShape: [3], b: f64(2), bShape: [], out, outShape: [3] },
        out,
      };
    },
    expected: [1, 0, 0],
  },
  {
    kernel: 'linear',
    description: '[[1, 2], [3, 4]] · [[5, 6], [7, 8]] + (0.5, −1)',
    build: () => {
      const out = new Float64Array(4);
      const args = {
        x: f64(1, 2, 3, 4),
        w: f64(5, 6, 7, 8),
        bias: f64(0.5, -1),
        out,
        m: 2,
        k: 2,
        n: 2,
      };
      return { args, out };
    },
    expected: [19.5, 21, 43.5, 49],
  },
  {
    kernel: 'linearRelu',
    description: 'relu([[1, 2], [3, 4]] · [[5, 6], [7, 8]] + (−20, −23))',
    build: () => {
      const out = new Float64Array(4);
      const args = {
        x: f64(1, 2, 3, 4),
        w: f64(5, 6, 7, 8),
        bias: f64(-20, -23),
        out,
        m: 2,
        k: 2,
        n: 2,
      };
      return { args, out };
    },
    expected: [0, 0, 23, 27],
  },
  ...linearBackwardKnownValues(),
  {
    kernel: 'reluBackward',
    description: 'relu backward at x = (−1, 0, 2) of dy = (5, 6, 7)',
    build: () => {
      const out = new Float64Array(3);
      return { args: { x: f64(-1, 0, 2), dy: f64(5, 6, 7), out }, out };
    },
    expected: [0, 0, 7],
  },
  {
    // First step (t = 1, α = 0.1): m = 0.1·g, v = 0.001·g², W − 1 · m / (|g| + ε).
    kernel: 'adam',
    description: 'first Adam step of W = (1, 1) with g = (2, −0.5)',
    build: () => {
      const param = f64(1, 1);
      const args = {
        param,
        grad: f64(2, -0.5),
        m: f64(0, 0),
        v: f64(0, 0),
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
        stepSize: 1,
        correction2Sqrt: Math.sqrt(0.001),
      };
      return { args, out: param };
    },
    expected: [0.9000000005, 1.099999998],
  },
  {
    kernel: 'sum',
    description: 'column sums of [[1, 2, 3], [4, 5, 6]]',
    build: () => {
      const out = new Float64Array(3);
      return { args: { x: f64(1, 2, 3, 4, 5, 6), shape: [2, 3], axes: [0], out }, out };
    },
    expected: [5, 7, 9],
  },
  {
    kernel: 'argmax',
    description: 'argmax of (1, 3, 3, 2): the first of a tie',
    build: () => {
      const out = new Float64Array(1);
      return { args: { x: f64(1, 3, 3, 2), shape: [4], axes: [0], out }, out };
    },
    expected: [1],
  },
  {
    kernel: 'softmax',
    description: 'softmax(0, log 3) = (1/4, 3/4)',
    build: () => {
      const out = new Float64Array(2);
      return { args: { x: f64(0, Math.log(3)), out, rows: 1, cols: 2 }, out };
    },
    expected: [0.25, 0.75],
  },
  {
    kernel: 'logSoftmax',
    description: 'logSoftmax(5, 5) = (−log 2, −log 2)',
    build: () => {
      const out = new Float64Array(2);
      return { args: { x: f64(5, 5), out, rows: 1, cols: 2 }, out };
    },
    expected: [-Math.LN2, -Math.LN2],
  },
  {
    kernel: 'softmaxBackward',
    description: 'y = (1/4, 3/4), dy = (1, 0)',
    build: () => {
      const out = new Float64Array(2);
      return { args: { y: f64(0.25, 0.75), dy: f64(1, 0), out, rows: 1, cols: 2 }, out };
    },
    expected: [0.1875, -0.1875],
  },
  {
    kernel: 'transpose',
    description: '[[1, 2, 3], [4, 5, 6]]ᵀ',
    build: () => {
      const out = new Float64Array(6);
      return { args: { x: f64(1, 2, 3, 4, 5, 6), shape: [2, 3], permutation: [1, 0], out }, out };
    },
    expected: [1, 4, 2, 5, 3, 6],
  },
  {
    kernel: 'gatherRows',
    description: 'rows 2, 0, 2 of [[1, 2], [3, 4], [5, 6]]',
    build: () => {
      const out = new Float64Array(6);
      return {
        args: { x: f64(1, 2, 3, 4, 5, 6), rowSize: 2, indices: Int32Array.of(2, 0, 2), out },
        out,
      };
    },
    expected: [5, 6, 1, 2, 5, 6],
  },
  {
    kernel: 'scatterAddRows',
    description: 'rows (1, 1), (2, 2), (3, 3) added into rows 2, 0, 2 of zeros',
    build: () => {
      const out = new Float64Array(6);
      return {
        args: { x: f64(1, 1, 2, 2, 3, 3), rowSize: 2, indices: Int32Array.of(2, 0, 2), out },
        out,
      };
    },
    expected: [2, 2, 0, 0, 4, 4],
  },
  {
    kernel: 'where',
    description: '(1, 0, 1) ? (1, 2, 3) : 9',
    build: () => {
      const out = new Float64Array(3);
      const args = {
        condition: f64(1, 0, 1),
        conditionShape: [3],
        a: f64(1, 2, 3),
        aShape: [3],
        b: f64(9),
        bShape: [],
        out,
        outShape: [3],
      };
      return { args, out };
    },
    expected: [1, 9, 3],
  },
];

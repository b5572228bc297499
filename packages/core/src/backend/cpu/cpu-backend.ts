import type { Backend } from '../backend.js';
import type {
  BinaryKernelArgs,
  BinaryKernelName,
  CompleteKernelTable,
  ReduceKernelArgs,
  ReduceKernelName,
  UnaryKernelArgs,
  UnaryKernelName,
} from '../kernels.js';
import type { DType, Storage } from '../../tensor/dtype.js';
import { adam } from './adam.js';
import { allocate } from './allocate.js';
import { binary } from './binary.js';
import { gatherRows, scatterAddRows } from './gather-rows.js';
import { linearBackward } from './linear-backward.js';
import { addBiasRows, matmul } from './matmul.js';
import { reduce } from './reduce.js';
import { slice, sliceAssign } from './slice.js';
import { softmax, softmaxBackward } from './softmax.js';
import { transpose } from './transpose.js';
import { reluBackward, unary } from './unary.js';
import { where } from './where.js';

/** A one-input kernel without attributes, as a named-argument kernel. */
function unaryKernel(kind: UnaryKernelName): (args: UnaryKernelArgs) => void {
  return ({ x, out }) => unary(kind, x, out, 0, 0);
}

/** A broadcast two-input kernel, as a named-argument kernel. */
function binaryKernel(kind: BinaryKernelName): (args: BinaryKernelArgs) => void {
  return (args) => binary(kind, args.a, args.aShape, args.b, args.bShape, args.out, args.outShape);
}

/** A reduction, as a named-argument kernel. */
function reduceKernel(kind: ReduceKernelName): (args: ReduceKernelArgs) => void {
  return ({ x, shape, axes, out }) => reduce(kind, x, shape, axes, out);
}

/**
 * Every kernel of the `cpu` backend, by name: the normative definition of each one.
 * @internal
 */
export const cpuKernels: CompleteKernelTable = {
  neg: unaryKernel('neg'),
  exp: unaryKernel('exp'),
  log: unaryKernel('log'),
  log1p: unaryKernel('log1p'),
  sqrt: unaryKernel('sqrt'),
  abs: unaryKernel('abs'),
  square: unaryKernel('square'),
  reciprocal: unaryKernel('reciprocal'),
  sign: unaryKernel('sign'),
  step: unaryKernel('step'),
  relu: unaryKernel('relu'),
  leakyRelu: ({ x, out, alpha }) => unary('leakyRelu', x, out, alpha, 0),
  leakyReluGrad: ({ x, out, alpha }) => unary('leakyReluGrad', x, out, alpha, 0),
  sigmoid: unaryKernel('sigmoid'),
  sigmoidGrad: unaryKernel('sigmoidGrad'),
  tanh: unaryKernel('tanh'),
  tanhGrad: unaryKernel('tanhGrad'),
  powScalar: ({ x, out, exponent }) => unary('powScalar', x, out, exponent, 0),
  clip: ({ x, out, min, max }) => unary('clip', x, out, min, max),
  clipGrad: ({ x, out, min, max }) => unary('clipGrad', x, out, min, max),
  affine: ({ x, out, scale, shift }) => unary('affine', x, out, scale, shift),
  add: binaryKernel('add'),
  sub: binaryKernel('sub'),
  mul: binaryKernel('mul'),
  div: binaryKernel('div'),
  pow: binaryKernel('pow'),
  maximum: binaryKernel('maximum'),
  minimum: binaryKernel('minimum'),
  equal: binaryKernel('equal'),
  notEqual: binaryKernel('notEqual'),
  less: binaryKernel('less'),
  lessEqual: binaryKernel('lessEqual'),
  greater: binaryKernel('greater'),
  greaterEqual: binaryKernel('greaterEqual'),
  sum: reduceKernel('sum'),
  max: reduceKernel('max'),
  min: reduceKernel('min'),
  argmax: reduceKernel('argmax'),
  argmin: reduceKernel('argmin'),
  matmul: (args) =>
    matmul(
      args.a,
      args.b,
      args.out,
      args.m,
      args.k,
      args.n,
      args.transposeA,
      args.transposeB,
      args.batch,
      args.strideA,
      args.strideB,
    ),
  where: (args) =>
    where(
      args.condition,
      args.conditionShape,
      args.a,
      args.aShape,
      args.b,
      args.bShape,
      args.out,
      args.outShape,
    ),
  softmax: ({ x, out, rows, cols }) => softmax(x, out, rows, cols, false),
  logSoftmax: ({ x, out, rows, cols }) => softmax(x, out, rows, cols, true),
  softmaxBackward: ({ y, dy, out, rows, cols }) => softmaxBackward(y, dy, out, rows, cols, false),
  logSoftmaxBackward: ({ y, dy, out, rows, cols }) => softmaxBackward(y, dy, out, rows, cols, true),
  reluBackward: ({ x, dy, out }) => reluBackward(x, dy, out),
  linear: ({ x, w, bias, out, m, k, n }) => {
    matmul(x, w, out, m, k, n, false, false, 1, 0, 0);
    addBiasRows(out, bias, m, n);
  },
  linearRelu: ({ x, w, bias, out, m, k, n }) => {
    matmul(x, w, out, m, k, n, false, false, 1, 0, 0);
    addBiasRows(out, bias, m, n);
    unary('relu', out, out, 0, 0);
  },
  linearBackward,
  transpose: ({ x, shape, permutation, out }) => transpose(x, shape, permutation, out),
  slice: ({ x, shape, begin, out, outShape }) => slice(x, shape, begin, out, outShape),
  sliceAssign: ({ x, xShape, begin, out, outShape }) =>
    sliceAssign(x, xShape, begin, out, outShape),
  gatherRows: ({ x, rowSize, indices, out }) => gatherRows(x, rowSize, indices, out),
  scatterAddRows: ({ x, rowSize, indices, out }) => scatterAddRows(x, rowSize, indices, out),
  adam,
};

/**
 * The pure-TypeScript `cpu` backend: the default backend and the normative definition of
 * every kernel.
 *
 * Runs anywhere JavaScript runs (Node and browsers) with no native code. The matrix product
 * is cache-blocked and register-tiled; element-wise kernels collapse broadcast shapes into
 * tight loops; no kernel allocates in its inner loops. Storage is plain `Float32Array` /
 * `Float64Array`, garbage-collected like any array. It provides every kernel; a faster
 * backend provides only the kernels it accelerates and the rest run here:
 *
 * @example
 * ```ts
 * import { cpuBackend, setBackend, type Backend } from '@deeptune/core';
 *
 * const cpuMatmul = cpuBackend.kernels.matmul;
 * const tracing: Backend = {
 *   name: 'cpu-tracing',
 *   kernels: { matmul: (args) => { console.log(args.m, args.k, args.n); cpuMatmul(args); } },
 * };
 * setBackend(tracing);
 * ```
 */
export const cpuBackend: CpuBackend = {
  name: 'cpu',
  description: 'pure TypeScript',
  kernels: cpuKernels,
  allocate,
};

/** The `cpu` backend's type: every kernel and `allocate` are present. */
export interface CpuBackend extends Backend {
  /** Every kernel. */
  readonly kernels: CompleteKernelTable;
  /** Allocates a zero-filled `Float32Array` or `Float64Array`. */
  allocate(dtype: DType, size: number): Storage;
}

import type { Backend } from '../backend.js';
import type { CompleteKernelTable } from '../kernels.js';
import type { DType, Storage } from '../../tensor/dtype.js';
import { allocate } from './allocate.js';
import { binary } from './binary.js';
import { gatherRows, scatterAddRows } from './gather-rows.js';
import { matmul } from './matmul.js';
import { reduce } from './reduce.js';
import { slice, sliceAssign } from './slice.js';
import { softmax, softmaxBackward } from './softmax.js';
import { transpose } from './transpose.js';
import { unary } from './unary.js';
import { where } from './where.js';

/**
 * Every kernel of the `cpu` backend, by name: the normative definition of each one.
 * @internal
 */
export const cpuKernels: CompleteKernelTable = {
  neg: ({ x, out }) => unary('neg', x, out, 0, 0),
  exp: ({ x, out }) => unary('exp', x, out, 0, 0),
  log: ({ x, out }) => unary('log', x, out, 0, 0),
  log1p: ({ x, out }) => unary('log1p', x, out, 0, 0),
  sqrt: ({ x, out }) => unary('sqrt', x, out, 0, 0),
  abs: ({ x, out }) => unary('abs', x, out, 0, 0),
  square: ({ x, out }) => unary('square', x, out, 0, 0),
  reciprocal: ({ x, out }) => unary('reciprocal', x, out, 0, 0),
  sign: ({ x, out }) => unary('sign', x, out, 0, 0),
  step: ({ x, out }) => unary('step', x, out, 0, 0),
  relu: ({ x, out }) => unary('relu', x, out, 0, 0),
  leakyRelu: ({ x, out, alpha }) => unary('leakyRelu', x, out, alpha, 0),
  leakyReluGrad: ({ x, out, alpha }) => unary('leakyReluGrad', x, out, alpha, 0),
  sigmoid: ({ x, out }) => unary('sigmoid', x, out, 0, 0),
  sigmoidGrad: ({ x, out }) => unary('sigmoidGrad', x, out, 0, 0),
  tanh: ({ x, out }) => unary('tanh', x, out, 0, 0),
  tanhGrad: ({ x, out }) => unary('tanhGrad', x, out, 0, 0),
  powScalar: ({ x, out, exponent }) => unary('powScalar', x, out, exponent, 0),
  clip: ({ x, out, min, max }) => unary('clip', x, out, min, max),
  clipGrad: ({ x, out, min, max }) => unary('clipGrad', x, out, min, max),
  affine: ({ x, out, scale, shift }) => unary('affine', x, out, scale, shift),
  add: (args) => binary('add', args.a, args.aShape, args.b, args.bShape, args.out, args.outShape),
  sub: (args) => binary('sub', args.a, args.aShape, args.b, args.bShape, args.out, args.outShape),
  mul: (args) => binary('mul', args.a, args.aShape, args.b, args.bShape, args.out, args.outShape),
  div: (args) => binary('div', args.a, args.aShape, args.b, args.bShape, args.out, args.outShape),
  pow: (args) => binary('pow', args.a, args.aShape, args.b, args.bShape, args.out, args.outShape),
  maximum: (args) =>
    binary('maximum', args.a, args.aShape, args.b, args.bShape, args.out, args.outShape),
  minimum: (args) =>
    binary('minimum', args.a, args.aShape, args.b, args.bShape, args.out, args.outShape),
  equal: (args) =>
    binary('equal', args.a, args.aShape, args.b, args.bShape, args.out, args.outShape),
  notEqual: (args) =>
    binary('notEqual', args.a, args.aShape, args.b, args.bShape, args.out, args.outShape),
  less: (args) => binary('less', args.a, args.aShape, args.b, args.bShape, args.out, args.outShape),
  lessEqual: (args) =>
    binary('lessEqual', args.a, args.aShape, args.b, args.bShape, args.out, args.outShape),
  greater: (args) =>
    binary('greater', args.a, args.aShape, args.b, args.bShape, args.out, args.outShape),
  greaterEqual: (args) =>
    binary('greaterEqual', args.a, args.aShape, args.b, args.bShape, args.out, args.outShape),
  sum: ({ x, shape, axes, out }) => reduce('sum', x, shape, axes, out),
  max: ({ x, shape, axes, out }) => reduce('max', x, shape, axes, out),
  min: ({ x, shape, axes, out }) => reduce('min', x, shape, axes, out),
  argmax: ({ x, shape, axes, out }) => reduce('argmax', x, shape, axes, out),
  argmin: ({ x, shape, axes, out }) => reduce('argmin', x, shape, axes, out),
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
  transpose: ({ x, shape, permutation, out }) => transpose(x, shape, permutation, out),
  slice: ({ x, shape, begin, out, outShape }) => slice(x, shape, begin, out, outShape),
  sliceAssign: ({ x, xShape, begin, out, outShape }) =>
    sliceAssign(x, xShape, begin, out, outShape),
  gatherRows: ({ x, rowSize, indices, out }) => gatherRows(x, rowSize, indices, out),
  scatterAddRows: ({ x, rowSize, indices, out }) => scatterAddRows(x, rowSize, indices, out),
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

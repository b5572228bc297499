import type { Backend } from '../backend.js';
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
 * The pure-TypeScript `cpu` backend: the default backend and the normative definition of
 * every kernel.
 *
 * Runs anywhere JavaScript runs (Node and browsers) with no native code. The matrix product
 * is cache-blocked and register-tiled; element-wise kernels collapse broadcast shapes into
 * tight loops; no kernel allocates in its inner loops. Storage is plain `Float32Array` /
 * `Float64Array`, garbage-collected like any array. A faster backend typically spreads this
 * one and overrides the kernels it accelerates:
 *
 * @example
 * ```ts
 * import { cpuBackend, type Backend } from '@deeptune/core';
 *
 * const tracing: Backend = { ...cpuBackend, name: 'cpu-tracing' };
 * ```
 */
export const cpuBackend: Backend = {
  name: 'cpu',
  allocate,
  matmul,
  unary,
  binary,
  where,
  reduce,
  softmax,
  softmaxBackward,
  transpose,
  slice,
  sliceAssign,
  gatherRows,
  scatterAddRows,
};

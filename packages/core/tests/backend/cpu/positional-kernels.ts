import { allocate } from '../../../src/backend/cpu/allocate.js';
import { binary } from '../../../src/backend/cpu/binary.js';
import { gatherRows, scatterAddRows } from '../../../src/backend/cpu/gather-rows.js';
import { matmul } from '../../../src/backend/cpu/matmul.js';
import { reduce } from '../../../src/backend/cpu/reduce.js';
import { slice, sliceAssign } from '../../../src/backend/cpu/slice.js';
import { softmax, softmaxBackward } from '../../../src/backend/cpu/softmax.js';
import { transpose } from '../../../src/backend/cpu/transpose.js';
import { unary } from '../../../src/backend/cpu/unary.js';
import { where } from '../../../src/backend/cpu/where.js';

/**
 * The cpu backend's kernel implementations with their positional signatures (the
 * `cpuBackend.kernels` table wraps them in named-argument kernels).
 */
export const cpu = {
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

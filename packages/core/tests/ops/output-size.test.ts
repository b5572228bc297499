import { afterEach, describe, expect, it } from 'vitest';
import {
  add,
  broadcastTo,
  cast,
  concat,
  cpuBackend,
  exp,
  gather,
  logSoftmax,
  matmul,
  maximum,
  mul,
  neg,
  ones,
  pow,
  relu,
  setBackend,
  slice,
  softmax,
  sum,
  tensor,
  transpose,
  where,
  zeros,
  type Backend,
  type Tensor,
} from '../../src/index.js';
import { shapeErrorThrown } from '../support/shape-error-thrown.js';

let previous: Backend | undefined;
afterEach(() => {
  if (previous !== undefined) setBackend(previous);
  previous = undefined;
});

/** Installs a backend that records every allocation's element count (and still allocates). */
function recordAllocations(): number[] {
  const sizes: number[] = [];
  previous = setBackend({
    ...cpuBackend,
    name: 'cpu-recording',
    allocate: (dtype, size) => {
      sizes.push(size);
      return cpuBackend.allocate(dtype, size);
    },
  });
  return sizes;
}

describe('an op output beyond MAX_TENSOR_ELEMENTS', () => {
  // Inputs are small (≤ 4 MB); only the outputs would be huge.
  const column = zeros([100_000, 1]);
  const row = zeros([1, 100_000]);

  it.each<[string, () => Tensor]>([
    ['matmul', () => matmul(column, row)],
    ['add', () => add(column, row)],
    ['mul', () => mul(column, row)],
    ['maximum', () => maximum(column, row)],
    ['pow', () => pow(column, row)],
    ['where', () => where(column, column, row)],
    ['broadcastTo', () => broadcastTo(column, [100_000, 100_000])],
  ])('%s names itself, the shape and the element count, before allocating', (op, run) => {
    const sizes = recordAllocations();
    const error = shapeErrorThrown(run);
    expect(error.code).toBe('SHAPE_MISMATCH');
    expect(error.message).toMatch(
      new RegExp(`^${op}: shape \\[100000, 100000\\] has 10000000000 elements`),
    );
    expect(error.message).toContain('40000000000 bytes ≈ 37.3 GiB of float32');
    expect(error.message).toContain('the largest supported tensor has 4294967296 (2^32) elements');
    expect(sizes).toEqual([]);
  });

  it('refuses a concat of many references to one small tensor', () => {
    const block = zeros([1000, 1000]);
    const blocks = new Array<Tensor>(5000).fill(block);
    const sizes = recordAllocations();
    const error = shapeErrorThrown(() => concat(blocks));
    expect(error.message).toMatch(/^concat: shape \[5000000, 1000\] has 5000000000 elements/);
    expect(sizes).toEqual([]);
  });

  it('refuses a gather that repeats rows past the limit', () => {
    const x = zeros([1, 100_000]);
    const indices = new Int32Array(50_000);
    const sizes = recordAllocations();
    const error = shapeErrorThrown(() => gather(x, indices));
    expect(error.message).toMatch(/^gather: shape \[50000, 100000\] has 5000000000 elements/);
    expect(sizes).toEqual([]);
  });

  it('counts elements without silent overflow', () => {
    const error = shapeErrorThrown(() => broadcastTo(tensor([1]), [2 ** 40, 2 ** 40, 2 ** 40]));
    expect(error.message).toMatch(
      /^broadcastTo: shape \[1099511627776, 1099511627776, 1099511627776\] has more than 2\^53 elements/,
    );
  });

  it('names the op for a float64 output, with bytes of float64', () => {
    const error = shapeErrorThrown(() =>
      matmul(zeros([100_000, 1], { dtype: 'float64' }), zeros([1, 100_000], { dtype: 'float64' })),
    );
    expect(error.message).toContain('80000000000 bytes ≈ 74.5 GiB of float64');
  });

  it('leaves the backend allocator as the backstop for other callers', () => {
    const error = shapeErrorThrown(() => cpuBackend.allocate('float32', 1e12));
    expect(error.message).toContain('allocate: cannot allocate 1000000000000 elements of float32');
    expect(error.message).toContain('[0, 4294967296]');
  });

  it('still allows an empty output whose other axes are huge', () => {
    expect(broadcastTo(zeros([0, 1]), [0, 2 ** 40]).size).toBe(0);
  });
});

describe('an op whose output allocation fails in the engine', () => {
  // A valid tensor whose output the machine cannot hold (simulated: every allocation fails).
  const x = ones([2, 3]);
  const other = ones([2, 3]);

  it.each<[string, () => Tensor, string]>([
    ['exp', () => exp(x), '[2, 3] of float32 (6 elements, 24 bytes)'],
    ['neg', () => neg(x), '[2, 3] of float32 (6 elements, 24 bytes)'],
    ['relu', () => relu(x), '[2, 3] of float32 (6 elements, 24 bytes)'],
    ['pow', () => pow(x, 2), '[2, 3] of float32 (6 elements, 24 bytes)'],
    ['add', () => add(x, other), '[2, 3] of float32 (6 elements, 24 bytes)'],
    ['matmul', () => matmul(x, other, { transposeB: true }), '[2, 2] of float32 (4 elements'],
    ['softmax', () => softmax(x), '[2, 3] of float32 (6 elements, 24 bytes)'],
    ['logSoftmax', () => logSoftmax(x), '[2, 3] of float32 (6 elements, 24 bytes)'],
    ['transpose', () => transpose(x), '[3, 2] of float32 (6 elements, 24 bytes)'],
    ['cast', () => cast(x, 'float64'), '[2, 3] of float64 (6 elements, 48 bytes)'],
    ['sum', () => sum(x, 1), '[2] of float32 (2 elements, 8 bytes)'],
    ['slice', () => slice(x, [0, 1], [2, 2]), '[2, 2] of float32 (4 elements, 16 bytes)'],
    ['gather', () => gather(x, [1, 0, 1]), '[3, 3] of float32 (9 elements, 36 bytes)'],
    ['concat', () => concat([x, other], 1), '[2, 6] of float32 (12 elements, 48 bytes)'],
    ['broadcastTo', () => broadcastTo(x, [4, 2, 3]), '[4, 2, 3] of float32 (24 elements'],
    ['where', () => where(x, x, other), '[2, 3] of float32 (6 elements, 24 bytes)'],
  ])('%s names itself, the shape and the bytes', (op, run, described) => {
    previous = setBackend({
      ...cpuBackend,
      name: 'out-of-memory',
      allocate: () => {
        throw new RangeError('Array buffer allocation failed');
      },
    });
    const error = shapeErrorThrown(run);
    expect(error.message.startsWith(`${op}: allocating shape ${described}`)).toBe(true);
    expect(error.message).toContain('failed: Array buffer allocation failed.');
    expect(error.cause).toBeInstanceOf(RangeError);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import {
  arange,
  broadcastTo,
  cpuBackend,
  eye,
  MAX_TENSOR_ELEMENTS,
  randn,
  setBackend,
  ShapeError,
  tensor,
  zeros,
  type Backend,
} from '../../src/index.js';
import { shapeErrorThrown } from '../support/shape-error-thrown.js';

describe('tensor size limits', () => {
  let previous: Backend | undefined;
  afterEach(() => {
    if (previous !== undefined) setBackend(previous);
    previous = undefined;
  });

  it('is the typed-array length limit of V8: 2^32 elements', () => {
    expect(MAX_TENSOR_ELEMENTS).toBe(4294967296);
    // One more element is not a valid typed-array length (nothing is allocated).
    expect(() => new Float32Array(MAX_TENSOR_ELEMENTS + 1)).toThrow(/Invalid typed array length/);
  });

  it('refuses zeros([1e6, 1e6]) before allocating, naming op, shape, count, bytes and limit', () => {
    const error = shapeErrorThrown(() => zeros([1e6, 1e6]));
    expect(error.code).toBe('SHAPE_MISMATCH');
    expect(error.message).toContain('zeros: shape [1000000, 1000000] has 1000000000000 elements');
    expect(error.message).toContain('4000000000000 bytes');
    expect(error.message).toContain('of float32');
    expect(error.message).toContain('the largest supported tensor has 4294967296 (2^32) elements');
  });

  it('refuses the weights of a Dense layer of 100000 × 100000 (randn) with bytes of float64', () => {
    const error = shapeErrorThrown(() => randn([100_000, 100_000], { dtype: 'float64' }));
    expect(error.message).toContain('randn: shape [100000, 100000] has 10000000000 elements');
    expect(error.message).toContain('80000000000 bytes ≈ 74.5 GiB of float64');
  });

  it('computes the element count without silent overflow', () => {
    const error = shapeErrorThrown(() => zeros([2 ** 40, 2 ** 40, 2 ** 40]));
    expect(error.message).toContain('has more than 2^53 elements (about 1.33e+36)');
    expect(() => eye(2 ** 20)).toThrow(
      /eye: shape \[1048576, 1048576\] has 1099511627776 elements/,
    );
    expect(() => arange(1e12)).toThrow(/arange: shape \[1000000000000\]/);
    expect(() => zeros([2 ** 60])).toThrow(/expected an array of non-negative integers/);
    expect(zeros([0, 2 ** 40, 2 ** 40]).size).toBe(0);
  });

  it('refuses an op output beyond the limit, naming the op (no bare RangeError)', () => {
    const error = shapeErrorThrown(() => broadcastTo(tensor([1]), [1e6, 1e6]));
    expect(error.message).toContain(
      'broadcastTo: shape [1000000, 1000000] has 1000000000000 elements',
    );
    expect(error.message).toContain('the largest supported tensor has 4294967296 (2^32) elements');
  });

  it('turns a failed allocation into a ShapeError naming the op, the shape and the bytes', () => {
    previous = setBackend({
      ...cpuBackend,
      name: 'out-of-memory',
      allocate: () => {
        throw new RangeError('Array buffer allocation failed');
      },
    });
    const error = shapeErrorThrown(() => zeros([1000, 1000], { dtype: 'float64' }));
    expect(error.message).toContain(
      'zeros: allocating shape [1000, 1000] of float64 (1000000 elements, 8000000 bytes) failed: Array buffer allocation failed.',
    );
    expect(error.cause).toBeInstanceOf(RangeError);
  });

  it('keeps the op name when the cpu backend reports the failed allocation', () => {
    previous = setBackend({
      ...cpuBackend,
      name: 'cpu-failing',
      allocate: () => {
        throw new ShapeError('allocate: failed', {
          cause: new RangeError('Array buffer allocation failed'),
        });
      },
    });
    expect(() => randn([3, 2])).toThrow(
      'randn: allocating shape [3, 2] of float32 (6 elements, 24 bytes) failed: Array buffer allocation failed.',
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { ReduceKernelName } from '../../../src/backend/kernels.js';
import { cpu } from './positional-kernels.js';
import type { Shape } from '../../../src/tensor/shape.js';
import type { Storage } from '../../../src/tensor/dtype.js';
import {
  expectClose,
  mulberry32,
  randomStorage,
  ravel,
  sizeOf,
  storageOf,
  toleranceFor,
  unravel,
} from './helpers.js';

/** Every sorted, non-empty subset of the axes of a tensor of `rank`. */
function axisSubsets(rank: number): number[][] {
  const subsets: number[][] = [];
  for (let mask = 1; mask < 1 << rank; mask++) {
    subsets.push(
      Array.from({ length: rank }, (_, axis) => axis).filter((axis) => mask & (1 << axis)),
    );
  }
  return subsets;
}

/** Naive reduction reference: groups elements by their kept coordinates, in input order. */
function referenceReduce(
  kind: ReduceKernelName,
  x: Storage,
  shape: Shape,
  axes: readonly number[],
): number[] {
  const keptAxes = shape.map((_, axis) => axis).filter((axis) => !axes.includes(axis));
  const outShape = keptAxes.map((axis) => shape[axis]!);
  const groups: number[][] = Array.from({ length: sizeOf(outShape) }, () => []);
  for (let index = 0; index < x.length; index++) {
    const coordinates = unravel(index, shape);
    groups[
      ravel(
        keptAxes.map((axis) => coordinates[axis]!),
        outShape,
      )
    ]!.push(x[index]!);
  }
  return groups.map((values) => {
    switch (kind) {
      case 'sum':
        return values.reduce((total, value) => total + value, 0);
      case 'max':
        return values.reduce((best, value) => Math.max(best, value), -Infinity);
      case 'min':
        return values.reduce((best, value) => Math.min(best, value), Infinity);
      case 'argmax':
        return values.indexOf(Math.max(...values));
      case 'argmin':
        return values.indexOf(Math.min(...values));
    }
  });
}

/** Runs the cpu reduction and returns its output. */
function run(kind: ReduceKernelName, x: Storage, shape: Shape, axes: readonly number[]): Storage {
  const outSize = sizeOf(shape.filter((_, axis) => !axes.includes(axis)));
  const out = x instanceof Float32Array ? new Float32Array(outSize) : new Float64Array(outSize);
  cpu.reduce(kind, x, shape, axes, out);
  return out;
}

const SHAPES: readonly Shape[] = [[7], [2, 3, 4], [3, 1, 4, 1, 2], [5, 33], [33, 5], [2, 3, 2, 3]];

describe('cpu.reduce', () => {
  describe.each(['float32', 'float64'] as const)('%s', (dtype) => {
    it.each(['sum', 'max', 'min'] as const)('computes %s over every set of axes', (kind) => {
      const random = mulberry32(17);
      for (const shape of SHAPES) {
        const x = randomStorage(dtype, sizeOf(shape), random, -2, 2);
        for (const axes of axisSubsets(shape.length)) {
          const expected = referenceReduce(kind, x, shape, axes);
          const scale = referenceReduce('sum', x.map(Math.abs), shape, axes);
          expectClose(run(kind, x, shape, axes), expected, {
            rtol: toleranceFor(dtype),
            atol: 1e-300,
            scale,
          });
        }
      }
    });

    it.each(['argmax', 'argmin'] as const)('computes %s over each single axis', (kind) => {
      const random = mulberry32(19);
      for (const shape of SHAPES) {
        const x = randomStorage(dtype, sizeOf(shape), random, -2, 2);
        for (let axis = 0; axis < shape.length; axis++) {
          expect(Array.from(run(kind, x, shape, [axis]))).toEqual(
            referenceReduce(kind, x, shape, [axis]),
          );
        }
      }
    });
  });

  it('sums a float32 tensor in double precision', () => {
    // 1 + 1e8 + (−1e8) in float32 steps would lose the 1.
    const x = storageOf('float32', [1, 1e8, -1e8]);
    expect(Array.from(run('sum', x, [3], [0]))).toEqual([1]);
  });

  it('breaks argmax and argmin ties towards the first index, along any axis', () => {
    const x = storageOf('float64', [3, 1, 3, 1, 2, 2, 3, 1]);
    expect(Array.from(run('argmax', x, [8], [0]))).toEqual([0]);
    expect(Array.from(run('argmin', x, [8], [0]))).toEqual([1]);
    // As [2, 4] over axis 0: columns (3, 2), (1, 2), (3, 3), (1, 1).
    expect(Array.from(run('argmax', x, [2, 4], [0]))).toEqual([0, 1, 0, 0]);
    expect(Array.from(run('argmin', x, [2, 4], [0]))).toEqual([1, 0, 0, 0]);
  });

  it('propagates NaN through max and min, over the last and the first axis', () => {
    const x = storageOf('float64', [1, NaN, 3, 4, 5, 6]);
    expect(Array.from(run('max', x, [2, 3], [1]))).toEqual([NaN, 6]);
    expect(Array.from(run('min', x, [2, 3], [1]))).toEqual([NaN, 4]);
    expect(Array.from(run('max', x, [2, 3], [0]))).toEqual([4, NaN, 6]);
    expect(Array.from(run('min', x, [2, 3], [0]))).toEqual([1, NaN, 3]);
    expect(Array.from(run('max', x, [2, 3], [0, 1]))).toEqual([NaN]);
  });

  it('returns the index of the first NaN for argmax and argmin, as NumPy does', () => {
    const x = storageOf('float64', [1, 9, NaN, 0, NaN]);
    expect(Array.from(run('argmax', x, [5], [0]))).toEqual([2]);
    expect(Array.from(run('argmin', x, [5], [0]))).toEqual([2]);
    expect(Array.from(run('argmax', x, [5, 1], [0]))).toEqual([2]);
  });

  it('gives the identity when reducing an empty axis', () => {
    const x = new Float64Array(0);
    expect(Array.from(run('sum', x, [0, 3], [0]))).toEqual([0, 0, 0]);
    expect(Array.from(run('max', x, [0, 3], [0]))).toEqual([-Infinity, -Infinity, -Infinity]);
    expect(Array.from(run('min', x, [3, 0], [1]))).toEqual([Infinity, Infinity, Infinity]);
  });

  it('copies when only axes of size 1 are reduced', () => {
    const x = storageOf('float32', [1, 2, 3]);
    expect(Array.from(run('sum', x, [1, 3, 1], [0, 2]))).toEqual([1, 2, 3]);
    expect(Array.from(run('argmax', x, [1, 3], [0]))).toEqual([0, 0, 0]);
  });
});

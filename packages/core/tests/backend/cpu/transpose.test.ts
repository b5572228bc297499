import { describe, expect, it } from 'vitest';
import { cpu } from './positional-kernels.js';
import type { Shape } from '../../../src/tensor/shape.js';
import type { DType, Storage } from '../../../src/tensor/dtype.js';
import { mulberry32, randomStorage, ravel, sizeOf, storageOf, unravel } from './helpers.js';

/** All permutations of `0 … rank − 1`. */
function permutations(rank: number): number[][] {
  if (rank === 0) return [[]];
  return permutations(rank - 1).flatMap((smaller) =>
    Array.from({ length: rank }, (_, position) => [
      ...smaller.slice(0, position),
      rank - 1,
      ...smaller.slice(position),
    ]),
  );
}

/** Reference transpose through index arithmetic. */
function referenceTranspose(x: Storage, shape: Shape, permutation: readonly number[]): number[] {
  const outShape = permutation.map((axis) => shape[axis]!);
  return Array.from({ length: x.length }, (_, index) => {
    const outCoordinates = unravel(index, outShape);
    const coordinates = new Array<number>(shape.length);
    permutation.forEach((axis, i) => (coordinates[axis] = outCoordinates[i]!));
    return x[ravel(coordinates, shape)]!;
  });
}

/** Runs the cpu transpose. */
function run(dtype: DType, x: Storage, shape: Shape, permutation: readonly number[]): number[] {
  const out = cpu.allocate(dtype, x.length);
  cpu.transpose(x, shape, permutation, out);
  return Array.from(out);
}

describe('cpu.transpose', () => {
  describe.each(['float32', 'float64'] as const)('%s', (dtype) => {
    it('transposes matrices of sizes around the block size', () => {
      const random = mulberry32(41);
      for (const shape of [
        [1, 1],
        [2, 3],
        [33, 70],
        [64, 32],
        [1, 9],
        [9, 1],
      ] as const) {
        const x = randomStorage(dtype, sizeOf(shape), random);
        expect(run(dtype, x, shape, [1, 0])).toEqual(referenceTranspose(x, shape, [1, 0]));
      }
    });

    it('applies every permutation of a 3-D tensor', () => {
      const shape = [3, 4, 5];
      const x = randomStorage(dtype, sizeOf(shape), mulberry32(43));
      for (const permutation of permutations(3)) {
        expect(run(dtype, x, shape, permutation)).toEqual(
          referenceTranspose(x, shape, permutation),
        );
      }
    });

    it('applies every permutation of a 4-D tensor with size-1 and large axes', () => {
      const shape = [2, 1, 35, 3];
      const x = randomStorage(dtype, sizeOf(shape), mulberry32(47));
      for (const permutation of permutations(4)) {
        expect(run(dtype, x, shape, permutation)).toEqual(
          referenceTranspose(x, shape, permutation),
        );
      }
    });

    it('swaps the last two axes of a batch of matrices', () => {
      const shape = [3, 40, 37];
      const x = randomStorage(dtype, sizeOf(shape), mulberry32(53));
      expect(run(dtype, x, shape, [0, 2, 1])).toEqual(referenceTranspose(x, shape, [0, 2, 1]));
    });
  });

  it('copies for the identity permutation and for scalars', () => {
    const x = storageOf('float64', [1, 2, 3, 4, 5, 6]);
    expect(run('float64', x, [2, 3], [0, 1])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(run('float64', storageOf('float64', [7]), [], [])).toEqual([7]);
  });

  it('gives the familiar 2×3 transpose', () => {
    const x = storageOf('float32', [1, 2, 3, 4, 5, 6]);
    expect(run('float32', x, [2, 3], [1, 0])).toEqual([1, 4, 2, 5, 3, 6]);
  });
});

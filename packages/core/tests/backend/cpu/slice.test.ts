import { describe, expect, it } from 'vitest';
import { cpu } from './positional-kernels.js';
import type { Shape } from '../../../src/tensor/shape.js';
import type { Storage } from '../../../src/tensor/dtype.js';
import { mulberry32, randomStorage, ravel, sizeOf, storageOf, unravel } from './helpers.js';

/** Reference slice through index arithmetic. */
function referenceSlice(
  x: Storage,
  shape: Shape,
  begin: readonly number[],
  outShape: Shape,
): number[] {
  return Array.from({ length: sizeOf(outShape) }, (_, index) => {
    const coordinates = unravel(index, outShape).map(
      (coordinate, axis) => coordinate + begin[axis]!,
    );
    return x[ravel(coordinates, shape)]!;
  });
}

/** Blocks (shape, begin, block shape) covering contiguous, strided and degenerate cases. */
const BLOCKS: readonly [Shape, number[], Shape][] = [
  [[10], [3], [4]],
  [
    [4, 5],
    [1, 0],
    [2, 5],
  ],
  [
    [4, 5],
    [1, 2],
    [3, 2],
  ],
  [
    [4, 5],
    [0, 4],
    [4, 1],
  ],
  [
    [3, 4, 5],
    [1, 1, 1],
    [2, 2, 3],
  ],
  [
    [3, 4, 5],
    [0, 1, 0],
    [3, 2, 5],
  ],
  [
    [2, 1, 6, 3],
    [1, 0, 2, 0],
    [1, 1, 3, 3],
  ],
  [
    [3, 3],
    [1, 1],
    [0, 2],
  ],
  [[], [], []],
];

describe('cpu.slice', () => {
  it.each(['float32', 'float64'] as const)('copies the requested block (%s)', (dtype) => {
    const random = mulberry32(59);
    for (const [shape, begin, outShape] of BLOCKS) {
      const x = randomStorage(dtype, sizeOf(shape), random);
      const out = cpu.allocate(dtype, sizeOf(outShape));
      cpu.slice(x, shape, begin, out, outShape);
      expect(Array.from(out)).toEqual(referenceSlice(x, shape, begin, outShape));
    }
  });

  it('takes the middle rows and columns of a matrix', () => {
    const x = storageOf('float64', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const out = new Float64Array(4);
    cpu.slice(x, [3, 4], [1, 1], out, [2, 2]);
    expect(Array.from(out)).toEqual([5, 6, 9, 10]);
  });
});

describe('cpu.sliceAssign', () => {
  it.each(['float32', 'float64'] as const)(
    'writes the block back so that slicing it again returns it (%s)',
    (dtype) => {
      const random = mulberry32(61);
      for (const [shape, begin, blockShape] of BLOCKS) {
        const block = randomStorage(dtype, sizeOf(blockShape), random);
        const target = randomStorage(dtype, sizeOf(shape), random);
        const before = Array.from(target);
        cpu.sliceAssign(block, blockShape, begin, target, shape);
        const sliced = cpu.allocate(dtype, block.length);
        cpu.slice(target, shape, begin, sliced, blockShape);
        expect(Array.from(sliced)).toEqual(Array.from(block));
        // Elements outside the block are left as they were.
        for (let index = 0; index < target.length; index++) {
          const coordinates = unravel(index, shape);
          const inside = coordinates.every(
            (coordinate, axis) =>
              coordinate >= begin[axis]! && coordinate < begin[axis]! + blockShape[axis]!,
          );
          if (!inside) expect(target[index]).toBe(before[index]);
        }
      }
    },
  );

  it('writes a 2×2 block into a zero matrix', () => {
    const out = new Float32Array(9);
    cpu.sliceAssign(storageOf('float32', [1, 2, 3, 4]), [2, 2], [1, 0], out, [3, 3]);
    expect(Array.from(out)).toEqual([0, 0, 0, 1, 2, 0, 3, 4, 0]);
  });
});

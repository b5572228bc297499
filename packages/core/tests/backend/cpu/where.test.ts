import { describe, expect, it } from 'vitest';
import { cpu } from './positional-kernels.js';
import { broadcastShapes, type Shape } from '../../../src/tensor/shape.js';
import {
  broadcastSource,
  mulberry32,
  randomStorage,
  sizeOf,
  storageOf,
  unravel,
} from './helpers.js';

/** Shape triples (condition, a, b) covering contiguous, scalar and strided broadcasts. */
const SHAPE_TRIPLES: readonly [Shape, Shape, Shape][] = [
  [
    [2, 3],
    [2, 3],
    [2, 3],
  ],
  [[2, 3], [], []],
  [[2, 3], [3], [2, 1]],
  [[4, 1, 3], [2, 1], [3]],
  [[1], [5], [1]],
  [
    [3, 1],
    [1, 4],
    [2, 1, 1],
  ],
  [[], [2, 2], [2, 2]],
];

describe('cpu.where', () => {
  it.each(['float32', 'float64'] as const)(
    'selects a where the condition is non-zero and b elsewhere, with broadcasting (%s)',
    (dtype) => {
      const random = mulberry32(3);
      for (const [conditionShape, aShape, bShape] of SHAPE_TRIPLES) {
        const outShape = broadcastShapes(
          'test',
          broadcastShapes('test', conditionShape, aShape),
          bShape,
        );
        const condition = randomStorage(dtype, sizeOf(conditionShape), random).map((value) =>
          value > 0 ? 1 : 0,
        );
        const a = randomStorage(dtype, sizeOf(aShape), random);
        const b = randomStorage(dtype, sizeOf(bShape), random);
        const out = cpu.allocate(dtype, sizeOf(outShape));
        cpu.where(condition, conditionShape, a, aShape, b, bShape, out, outShape);
        const expected = Array.from({ length: sizeOf(outShape) }, (_, index) => {
          const coordinates = unravel(index, outShape);
          return condition[broadcastSource(coordinates, conditionShape)] !== 0
            ? a[broadcastSource(coordinates, aShape)]!
            : b[broadcastSource(coordinates, bShape)]!;
        });
        expect(Array.from(out)).toEqual(expected);
      }
    },
  );

  it('treats a NaN condition as true, since NaN ≠ 0', () => {
    const out = new Float64Array(3);
    cpu.where(
      storageOf('float64', [NaN, 0, -2]),
      [3],
      storageOf('float64', [1, 2, 3]),
      [3],
      storageOf('float64', [7]),
      [],
      out,
      [3],
    );
    expect(Array.from(out)).toEqual([1, 7, 3]);
  });
});

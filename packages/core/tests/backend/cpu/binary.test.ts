import { describe, expect, it } from 'vitest';
import type { BinaryKernelName } from '../../../src/backend/kernels.js';
import { cpu } from './positional-kernels.js';
import { portablePow } from '../../../src/index.js';
import { broadcastShapes, type Shape } from '../../../src/tensor/shape.js';
import type { DType, Storage } from '../../../src/tensor/dtype.js';
import {
  broadcastSource,
  expectClose,
  mulberry32,
  randomStorage,
  sizeOf,
  storageOf,
  toleranceFor,
  unravel,
} from './helpers.js';

/** Reference definitions of every binary kind. */
const REFERENCES: Record<BinaryKernelName, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: (a, b) => Math.pow(a, b),
  maximum: (a, b) => Math.max(a, b),
  minimum: (a, b) => Math.min(a, b),
  equal: (a, b) => (a === b ? 1 : 0),
  notEqual: (a, b) => (a !== b ? 1 : 0),
  less: (a, b) => (a < b ? 1 : 0),
  lessEqual: (a, b) => (a <= b ? 1 : 0),
  greater: (a, b) => (a > b ? 1 : 0),
  greaterEqual: (a, b) => (a >= b ? 1 : 0),
};

const KINDS = Object.keys(REFERENCES) as BinaryKernelName[];

/** Shape pairs covering every fast path and the general strided path. */
const SHAPE_PAIRS: readonly [Shape, Shape][] = [
  [
    [2, 3],
    [2, 3],
  ],
  [[2, 3], [3]],
  [[3], [2, 3]],
  [
    [2, 1],
    [1, 3],
  ],
  [
    [4, 1, 3],
    [2, 1],
  ],
  [[], [2, 3]],
  [[2, 3], []],
  [[], []],
  [
    [5, 4],
    [5, 1],
  ],
  [
    [5, 1],
    [5, 4],
  ],
  [
    [2, 3, 4],
    [3, 1],
  ],
  [
    [2, 1, 4],
    [2, 3, 1],
  ],
  [
    [3, 1, 2, 1, 5],
    [4, 2, 1, 1],
  ],
  [
    [1, 1, 7],
    [6, 1],
  ],
  [[0, 3], [3]],
];

/** Broadcasting reference: applies `f` element by element through index arithmetic. */
function referenceBinary(
  f: (a: number, b: number) => number,
  a: Storage,
  aShape: Shape,
  b: Storage,
  bShape: Shape,
  outShape: Shape,
): number[] {
  const result: number[] = [];
  for (let index = 0; index < sizeOf(outShape); index++) {
    const coordinates = unravel(index, outShape);
    result.push(
      f(a[broadcastSource(coordinates, aShape)]!, b[broadcastSource(coordinates, bShape)]!),
    );
  }
  return result;
}

/** Random operand values where small integers make comparisons hit equality often. */
function operand(dtype: DType, shape: Shape, seed: number): Storage {
  const random = mulberry32(seed);
  const values = randomStorage(dtype, sizeOf(shape), random, 0.5, 2.5);
  for (let i = 0; i < values.length; i += 3) values[i] = Math.round(values[i]!);
  return values;
}

describe('cpu.binary', () => {
  describe.each(['float32', 'float64'] as const)('%s', (dtype) => {
    it.each(KINDS)('broadcasts %s like NumPy for every shape pair', (kind) => {
      SHAPE_PAIRS.forEach(([aShape, bShape], pair) => {
        const outShape = broadcastShapes('test', aShape, bShape);
        const a = operand(dtype, aShape, 2 * pair + 1);
        const b = operand(dtype, bShape, 2 * pair + 2);
        const out = cpu.allocate(dtype, sizeOf(outShape));
        cpu.binary(kind, a, aShape, b, bShape, out, outShape);
        const expected = referenceBinary(REFERENCES[kind], a, aShape, b, bShape, outShape);
        expectClose(out, expected, { rtol: toleranceFor(dtype), atol: 1e-300 });
      });
    });
  });

  it('adds a row vector to every row of a matrix', () => {
    const out = new Float64Array(6);
    cpu.binary(
      'add',
      storageOf('float64', [1, 2, 3, 4, 5, 6]),
      [2, 3],
      storageOf('float64', [10, 20, 30]),
      [3],
      out,
      [2, 3],
    );
    expect(Array.from(out)).toEqual([11, 22, 33, 14, 25, 36]);
  });

  it('subtracts a column vector from every column of a matrix', () => {
    const out = new Float64Array(6);
    cpu.binary(
      'sub',
      storageOf('float64', [1, 2, 3, 4, 5, 6]),
      [2, 3],
      storageOf('float64', [1, 4]),
      [2, 1],
      out,
      [2, 3],
    );
    expect(Array.from(out)).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it('forms an outer sum from [2, 1] and [1, 3]', () => {
    const out = new Float32Array(6);
    cpu.binary(
      'add',
      storageOf('float32', [10, 20]),
      [2, 1],
      storageOf('float32', [1, 2, 3]),
      [1, 3],
      out,
      [2, 3],
    );
    expect(Array.from(out)).toEqual([11, 12, 13, 21, 22, 23]);
  });

  it('propagates NaN through maximum and minimum and compares NaN as unequal', () => {
    const a = storageOf('float64', [NaN, 1, NaN]);
    const b = storageOf('float64', [1, NaN, NaN]);
    const out = new Float64Array(3);
    for (const kind of ['maximum', 'minimum'] as const) {
      cpu.binary(kind, a, [3], b, [3], out, [3]);
      expect(Array.from(out).every(Number.isNaN)).toBe(true);
    }
    cpu.binary('equal', a, [3], b, [3], out, [3]);
    expect(Array.from(out)).toEqual([0, 0, 0]);
    cpu.binary('notEqual', a, [3], b, [3], out, [3]);
    expect(Array.from(out)).toEqual([1, 1, 1]);
  });

  it('follows IEEE division and Math.pow', () => {
    const out = new Float64Array(4);
    cpu.binary(
      'div',
      storageOf('float64', [1, -1, 0, 6]),
      [4],
      storageOf('float64', [0, 0, 0, 3]),
      [4],
      out,
      [4],
    );
    expect(Array.from(out)).toEqual([Infinity, -Infinity, NaN, 2]);
    cpu.binary(
      'pow',
      storageOf('float64', [2, 0, -8, 9]),
      [4],
      storageOf('float64', [10, 0, 1 / 3, 0.5]),
      [4],
      out,
      [4],
    );
    expect(Array.from(out)).toEqual([1024, 1, NaN, 3]);
  });

  it('computes pow with portablePow, bit for bit, on the contiguous and strided paths', () => {
    const random = mulberry32(43);
    const a = randomStorage('float64', 600, random, 0, 20);
    const b = randomStorage('float64', 600, random, -5, 5);
    const expected = Array.from(a, (value, i) => portablePow(value, b[i]!));
    const out = new Float64Array(600);
    cpu.binary('pow', a, [600], b, [600], out, [600]);
    expect(Array.from(out)).toEqual(expected);
    const column = b.subarray(0, 20); // [20, 1] against [1, 30]: the broadcast path
    cpu.binary('pow', column, [20, 1], a.subarray(0, 30), [1, 30], out, [20, 30]);
    const broadcast = Array.from({ length: 600 }, (_, i) =>
      portablePow(column[Math.floor(i / 30)]!, a[i % 30]!),
    );
    expect(Array.from(out)).toEqual(broadcast);
    // V8's Math.pow differs from fdlibm's in the last bit on some of these inputs.
    expect(Array.from(a).some((value, i) => Math.pow(value, b[i]!) !== expected[i])).toBe(true);
  });
});

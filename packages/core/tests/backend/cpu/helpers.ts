import { expect } from 'vitest';
import type { DType, Storage } from '../../../src/tensor/dtype.js';
import type { Shape } from '../../../src/tensor/shape.js';

/** A deterministic pseudo-random source: returns floats in [0, 1). */
export type Random = () => number;

/** The mulberry32 generator: a tiny, seedable PRNG for reproducible test data. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** New storage of `dtype` holding the given values (rounded to float32 when needed). */
export function storageOf(dtype: DType, values: ArrayLike<number>): Storage {
  return dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values);
}

/** New storage of `size` values uniform in [low, high). */
export function randomStorage(
  dtype: DType,
  size: number,
  random: Random,
  low = -1,
  high = 1,
): Storage {
  const values = new Array<number>(size);
  for (let i = 0; i < size; i++) values[i] = low + (high - low) * random();
  return storageOf(dtype, values);
}

/** The number of elements of a shape. */
export function sizeOf(shape: Shape): number {
  return shape.reduce((product, size) => product * size, 1);
}

/** The multi-index of flat index `index` in a row-major tensor of `shape`. */
export function unravel(index: number, shape: Shape): number[] {
  const coordinates = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    coordinates[axis] = index % shape[axis]!;
    index = Math.floor(index / shape[axis]!);
  }
  return coordinates;
}

/** The flat index of `coordinates` in a row-major tensor of `shape`. */
export function ravel(coordinates: readonly number[], shape: Shape): number {
  let index = 0;
  for (let axis = 0; axis < shape.length; axis++) index = index * shape[axis]! + coordinates[axis]!;
  return index;
}

/** The flat index in an operand of `shape` that broadcasts to the output `coordinates`. */
export function broadcastSource(coordinates: readonly number[], shape: Shape): number {
  const offset = coordinates.length - shape.length;
  let index = 0;
  for (let axis = 0; axis < shape.length; axis++) {
    const size = shape[axis]!;
    index = index * size + (size === 1 ? 0 : coordinates[axis + offset]!);
  }
  return index;
}

/** Default relative tolerance per dtype. */
export function toleranceFor(dtype: DType): number {
  return dtype === 'float32' ? 1e-5 : 1e-12;
}

/**
 * Expects `actual` to match `expected` element-wise: equal NaN-ness and infinities, and
 * `|actual − expected| ≤ rtol · scale + atol` otherwise, where `scale` is `|expected|` or the
 * given per-element scale. Reports the worst index on failure.
 */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  options: { rtol: number; atol?: number; scale?: ArrayLike<number> },
): void {
  expect(actual.length).toBe(expected.length);
  const atol = options.atol ?? 0;
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(e) || !Number.isFinite(e)) {
      if (!Object.is(a, e) && !(Number.isNaN(a) && Number.isNaN(e))) {
        throw new Error(`index ${i}: expected ${e}, got ${a}`);
      }
      continue;
    }
    const scale = options.scale === undefined ? Math.abs(e) : options.scale[i]!;
    const excess = Math.abs(a - e) - (options.rtol * scale + atol);
    if (!(excess <= 0) && (worst < 0 || excess > worstExcess)) {
      worst = i;
      worstExcess = Number.isNaN(excess) ? Infinity : excess;
    }
  }
  if (worst >= 0) {
    throw new Error(
      `values differ; worst at index ${worst}: expected ${expected[worst]}, got ${actual[worst]} ` +
        `(rtol ${options.rtol}, atol ${atol})`,
    );
  }
}

import type { DType, Storage } from '../tensor/dtype.js';
import { shapeSize, type Shape } from '../tensor/shape.js';

/** The mulberry32 generator: reproducible test data without touching the library's Rng. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** New zeroed storage of `dtype`. */
export function emptyStorage(dtype: DType, size: number): Storage {
  return dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
}

/** Storage of `dtype` holding `values`. */
export function storageFrom(dtype: DType, values: readonly number[]): Storage {
  return dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values);
}

/** `size` reproducible values uniform in `[low, high)`, for `seed`. */
export function randomStorage(
  dtype: DType,
  size: number,
  seed: number,
  low = -1,
  high = 1,
): Storage {
  const next = mulberry32(seed);
  const out = emptyStorage(dtype, size);
  for (let i = 0; i < size; i++) out[i] = low + (high - low) * next();
  return out;
}

/** Reproducible values of `shape` in `[low, high)`. */
export function randomOfShape(
  dtype: DType,
  shape: Shape,
  seed: number,
  low = -1,
  high = 1,
): Storage {
  return randomStorage(dtype, shapeSize(shape), seed, low, high);
}

/** Storage filled with NaN, so an element a kernel forgets to write shows up. */
export function poisoned(dtype: DType, size: number): Storage {
  return emptyStorage(dtype, size).fill(Number.NaN);
}

/** Writes the special values 0, −0, NaN, ±∞ and two extremes at the start of `x` (as room allows). */
export function withSpecialValues(x: Storage, extreme: number): Storage {
  const specials = [
    0,
    -0,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    extreme,
    -extreme,
  ];
  for (let i = 0; i < specials.length && i < x.length; i++) x[i] = specials[i]!;
  return x;
}

/** `shape`'s elements as an `Int32Array` of reproducible indices in `[0, bound)`, with repeats. */
export function randomIndices(count: number, bound: number, seed: number): Int32Array {
  const next = mulberry32(seed);
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = Math.floor(next() * bound);
  return out;
}

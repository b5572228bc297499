import { ShapeError } from '../errors/shape-error.js';
import { formatShape } from '../format/format-shape.js';
import type { DType } from './dtype.js';

// The ops import every shape helper from here; the formatter itself lives in `format/`.
export { formatShape };

/** A tensor shape: the size of each axis, outermost first. `[]` is a scalar. */
export type Shape = readonly number[];

/**
 * The largest number of elements a tensor may hold: 2^32 = 4,294,967,296, the longest typed
 * array V8 accepts on 64-bit platforms (Node 20 and later, Chrome): 16 GiB of `float32` or
 * 32 GiB of `float64`. Every tensor's element count is checked against it before anything
 * is allocated, so the error is the same on every engine; a request within the limit that
 * the machine cannot satisfy reports the failed allocation instead.
 *
 * @example
 * ```ts
 * zeros([100_000, 100_000]); // ShapeError: … 10000000000 elements … the largest supported tensor has 4294967296
 * ```
 */
export const MAX_TENSOR_ELEMENTS = 2 ** 32;

/** Bytes per element of each dtype. */
const BYTES_PER_ELEMENT: Readonly<Record<DType, number>> = { float32: 4, float64: 8 };

/**
 * A byte count for messages: `4000000000000 bytes ≈ 3725.3 GiB`.
 * @internal
 */
export function describeBytes(count: number, dtype: DType): string {
  const bytes = count * BYTES_PER_ELEMENT[dtype];
  const exact = Number.isSafeInteger(bytes)
    ? `${bytes} bytes`
    : `about ${bytes.toPrecision(3)} bytes`;
  return bytes >= 2 ** 30 ? `${exact} ≈ ${(bytes / 2 ** 30).toFixed(1)} GiB` : exact;
}

/**
 * The number of elements of a tensor with this shape.
 * @internal
 */
export function shapeSize(shape: Shape): number {
  let size = 1;
  for (let i = 0; i < shape.length; i++) size *= shape[i]!;
  return size;
}

/**
 * Whether two shapes are equal.
 * @internal
 */
export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Row-major strides of a shape (in elements).
 * @internal
 */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i]!;
  }
  return strides;
}

/**
 * Checks that a shape is a list of non-negative (safe) integers.
 * @internal
 */
export function assertShape(where: string, shape: unknown): asserts shape is Shape {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new ShapeError(
      `${where}: invalid shape ${JSON.stringify(shape)}; expected an array of non-negative integers.`,
    );
  }
}

/**
 * The element count of a tensor of `shape` (already checked by {@link assertShape}), or a
 * {@link ShapeError} naming the op, the shape, the count and the bytes when it exceeds
 * {@link MAX_TENSOR_ELEMENTS}. The product is computed in floating point and checked with
 * `Number.isSafeInteger`, so it never overflows silently.
 * @internal
 */
export function checkedSize(where: string, shape: Shape, dtype: DType): number {
  // A zero axis empties the tensor, however large the others (whose product may be ∞).
  const size = shape.includes(0) ? 0 : shapeSize(shape);
  if (Number.isSafeInteger(size) && size <= MAX_TENSOR_ELEMENTS) return size;
  const count = Number.isSafeInteger(size)
    ? `${size} elements`
    : `more than 2^53 elements (about ${size.toPrecision(3)})`;
  throw new ShapeError(
    `${where}: shape ${formatShape(shape)} has ${count} (${describeBytes(size, dtype)} of ${dtype}); ` +
      `the largest supported tensor has ${MAX_TENSOR_ELEMENTS} (2^32) elements, the typed-array limit of the JavaScript engine. ` +
      'Hint: use a smaller shape (fewer units per layer, fewer features, a smaller batch).',
  );
}

/**
 * The NumPy broadcast of two shapes, or a {@link ShapeError} naming the op.
 * @internal
 */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)]!;
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)]!;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast ` +
          `(axis ${i} of the result: ${da} vs ${db}). Hint: broadcasting aligns trailing axes; ` +
          `each pair must be equal or one of them 1.`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Normalises an axis (negative counts from the end) and checks it is in range.
 * @internal
 */
export function normalizeAxis(op: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= Math.max(rank, 1)) {
    throw new ShapeError(
      `${op}: axis ${axis} is out of range for a tensor of rank ${rank}; expected an integer in [${-rank}, ${Math.max(rank - 1, 0)}].`,
    );
  }
  return axis < 0 ? axis + rank : axis;
}

/**
 * Normalises a list of axes (or all axes when `axes` is undefined), sorted and unique.
 * @internal
 */
export function normalizeAxes(
  op: string,
  axes: number | readonly number[] | undefined,
  rank: number,
): number[] {
  if (axes === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axes === 'number' ? [axes] : axes;
  const seen = new Set<number>();
  for (const axis of list) {
    const normalized = normalizeAxis(op, axis, rank);
    if (seen.has(normalized)) {
      throw new ShapeError(`${op}: axis ${axis} is given twice in ${JSON.stringify(list)}.`);
    }
    seen.add(normalized);
  }
  return [...seen].sort((x, y) => x - y);
}

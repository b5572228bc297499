import { ShapeError } from '../errors/shape-error.js';

/** A tensor shape: the size of each axis, outermost first. `[]` is a scalar. */
export type Shape = readonly number[];

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
 * Formats a shape for error messages: `[32, 784]`.
 * @internal
 */
export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
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
 * Checks that a shape is a list of non-negative integers.
 * @internal
 */
export function assertShape(where: string, shape: unknown): asserts shape is Shape {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new ShapeError(
      `${where}: invalid shape ${JSON.stringify(shape)}; expected an array of non-negative integers.`,
    );
  }
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

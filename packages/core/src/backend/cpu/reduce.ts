import type { ReduceKernelName } from '../kernels.js';
import type { Storage } from '../../tensor/dtype.js';
import type { Shape } from '../../tensor/shape.js';

/** Double-precision accumulators for reductions whose rows do not map to one output each. */
let accumulator = new Float64Array(0);
/** Best values so far of an `argmax`/`argmin` over a non-last axis. */
let bestValues = new Float64Array(0);

/**
 * Reduces `x` over the sorted, unique `axes`; see `ReduceKernelArgs`.
 *
 * `sum` accumulates in double precision. `max` and `min` propagate NaN. `argmax` and
 * `argmin` reduce exactly one axis and write indices; ties go to the first index, and a NaN
 * counts as the extreme (the index of the first NaN wins, as in NumPy).
 *
 * The shape is first collapsed into alternating groups of kept and reduced axes (axes of
 * size 1 dropped, neighbours of the same kind merged). Reducing the last group (`[m, n]`
 * over axis 1, or everything) writes each row's result straight into `out`; reducing the
 * first group of a 2-D view (`[m, n]` over axis 0) adds whole rows into a row of
 * accumulators; other layouts walk the rows with an odometer and do one of the two.
 *
 * Reducing an empty axis gives the identity (`sum` 0, `max` −∞, `min` +∞); `argmax` and
 * `argmin` have no answer there and write NaN (the public ops reject that case).
 *
 * @param kind - The reduction.
 * @param x - The input, of `shape`.
 * @param shape - Shape of `x`.
 * @param axes - The axes to reduce, sorted and unique (exactly one for `argmax`/`argmin`).
 * @param out - The result, whose shape is `shape` without `axes`.
 * @internal
 */
export function reduce(
  kind: ReduceKernelName,
  x: Storage,
  shape: Shape,
  axes: readonly number[],
  out: Storage,
): void {
  if (out.length === 0) return;
  if (kind === 'argmax' || kind === 'argmin') {
    argReduce(kind === 'argmax', x, shape, axes[0]!, out);
    return;
  }
  if (x.length === 0) {
    // An empty reduced axis: every output is the identity of the reduction.
    out.fill(kind === 'sum' ? 0 : kind === 'max' ? -Infinity : Infinity);
    return;
  }
  // Collapse into alternating groups of kept and reduced axes.
  const sizes: number[] = [];
  const reduced: boolean[] = [];
  for (let axis = 0, next = 0; axis < shape.length; axis++) {
    const size = shape[axis]!;
    const isReduced = axes[next] === axis;
    if (isReduced) next++;
    if (size === 1) continue;
    const last = sizes.length - 1;
    if (last >= 0 && reduced[last] === isReduced) sizes[last] = sizes[last]! * size;
    else {
      sizes.push(size);
      reduced.push(isReduced);
    }
  }
  const groups = sizes.length;
  if (groups === 0 || (groups === 1 && !reduced[0])) {
    // Only axes of size 1 are reduced: the result is a copy.
    for (let i = 0; i < out.length; i++) out[i] = x[i];
    return;
  }
  const inner = sizes[groups - 1]!;
  const innerReduced = reduced[groups - 1]!;
  if (innerReduced && groups <= 2) {
    // [m, n] over the last axis (or everything): one output per contiguous row.
    for (let r = 0, start = 0; r < out.length; r++, start += inner) {
      out[r] = reduceRow(kind, x, start, inner);
    }
    return;
  }
  if (accumulator.length < out.length) accumulator = new Float64Array(out.length);
  const acc = accumulator;
  acc.fill(kind === 'sum' ? 0 : kind === 'max' ? -Infinity : Infinity, 0, out.length);
  if (groups === 2) {
    // [m, n] over the first axis: add every contiguous row into one row of accumulators.
    for (let r = 0, start = 0; r < sizes[0]!; r++, start += inner) {
      accumulateRow(kind, acc, 0, x, start, inner);
    }
    for (let i = 0; i < out.length; i++) out[i] = acc[i];
    return;
  }
  // Output strides of the kept groups (row-major among kept groups); 0 for reduced ones.
  const outStrides = new Array<number>(groups).fill(0);
  for (let group = groups - 1, stride = 1; group >= 0; group--) {
    if (!reduced[group]) {
      outStrides[group] = stride;
      stride *= sizes[group]!;
    }
  }
  // Walk the input's rows (the innermost group) with an odometer over the outer groups.
  const outer = groups - 1;
  const counters = new Array<number>(outer).fill(0);
  const rows = x.length / inner;
  let at = 0;
  for (let r = 0, start = 0; r < rows; r++, start += inner) {
    if (innerReduced) {
      const value = reduceRow(kind, x, start, inner);
      acc[at] = kind === 'sum' ? acc[at] + value : combine(kind, acc[at], value);
    } else {
      accumulateRow(kind, acc, at, x, start, inner);
    }
    // Advance to the next row: increment the innermost outer group, carrying into the next.
    for (let group = outer - 1; group >= 0; group--) {
      if (++counters[group] < sizes[group]!) {
        at += outStrides[group]!;
        break;
      }
      counters[group] = 0;
      at -= outStrides[group]! * (sizes[group]! - 1);
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = acc[i];
}

/** `max` or `min` of two values, NaN propagating. */
function combine(kind: 'max' | 'min', a: number, b: number): number {
  return kind === 'max' ? Math.max(a, b) : Math.min(a, b);
}

/** Reduces `x[start … start + count − 1]` to one number (double-precision sum, or NaN-propagating max/min). */
function reduceRow(kind: 'sum' | 'max' | 'min', x: Storage, start: number, count: number): number {
  const end = start + count;
  switch (kind) {
    case 'sum': {
      let sum = 0;
      for (let i = start; i < end; i++) sum += x[i];
      return sum;
    }
    case 'max': {
      let max = -Infinity;
      for (let i = start; i < end; i++) max = Math.max(max, x[i]);
      return max;
    }
    case 'min': {
      let min = Infinity;
      for (let i = start; i < end; i++) min = Math.min(min, x[i]);
      return min;
    }
  }
}

/** Combines a row into accumulators: `acc[at + j] = op(acc[at + j], x[start + j])` for `j < count`. */
function accumulateRow(
  kind: 'sum' | 'max' | 'min',
  acc: Float64Array,
  at: number,
  x: Storage,
  start: number,
  count: number,
): void {
  const end = at + count;
  switch (kind) {
    case 'sum':
      for (let j = at, i = start; j < end; j++, i++) acc[j] = acc[j] + x[i];
      return;
    case 'max':
      for (let j = at, i = start; j < end; j++, i++) acc[j] = Math.max(acc[j], x[i]);
      return;
    case 'min':
      for (let j = at, i = start; j < end; j++, i++) acc[j] = Math.min(acc[j], x[i]);
      return;
  }
}

/**
 * `argmax` (or `argmin` when `isMax` is false) over one axis, viewing `x` as
 * `[outer, size, inner]`: `out[o, j]` is the first `r` whose `x[o, r, j]` is the extreme,
 * a NaN counting as the extreme.
 */
function argReduce(isMax: boolean, x: Storage, shape: Shape, axis: number, out: Storage): void {
  const size = shape[axis]!;
  let inner = 1;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i]!;
  const outer = out.length / inner;
  if (size === 0) {
    out.fill(NaN);
    return;
  }
  if (inner === 1) {
    // The last axis: scan each contiguous row, keeping the first extreme.
    for (let o = 0, start = 0; o < outer; o++, start += size) {
      let best = x[start];
      let index = 0;
      if (isMax) {
        for (let r = 1; r < size; r++) {
          const v = x[start + r];
          if (v > best || (v !== v && best === best)) {
            best = v;
            index = r;
          }
        }
      } else {
        for (let r = 1; r < size; r++) {
          const v = x[start + r];
          if (v < best || (v !== v && best === best)) {
            best = v;
            index = r;
          }
        }
      }
      out[o] = index;
    }
    return;
  }
  // A middle or first axis: sweep whole rows of `inner`, keeping a row of best values.
  if (bestValues.length < inner) bestValues = new Float64Array(inner);
  const best = bestValues;
  for (let o = 0; o < outer; o++) {
    const base = o * size * inner;
    const outBase = o * inner;
    for (let j = 0; j < inner; j++) {
      best[j] = x[base + j];
      out[outBase + j] = 0;
    }
    for (let r = 1; r < size; r++) {
      const rowStart = base + r * inner;
      if (isMax) {
        for (let j = 0; j < inner; j++) {
          const v = x[rowStart + j];
          const current = best[j];
          if (v > current || (v !== v && current === current)) {
            best[j] = v;
            out[outBase + j] = r;
          }
        }
      } else {
        for (let j = 0; j < inner; j++) {
          const v = x[rowStart + j];
          const current = best[j];
          if (v < current || (v !== v && current === current)) {
            best[j] = v;
            out[outBase + j] = r;
          }
        }
      }
    }
  }
}

import type { BinaryKernelName } from '../kernels.js';
import type { Storage } from '../../tensor/dtype.js';
import type { Shape } from '../../tensor/shape.js';
import { portablePow } from '../../math/portable-pow.js';
import { broadcastLayout } from './broadcast-layout.js';

/**
 * Computes one row of a binary kernel: `out[o + i] = f(a[ia + i·sa], b[ib + i·sb])` for
 * `i < count`.
 */
type BinaryRow = (
  a: Storage,
  ia: number,
  sa: number,
  b: Storage,
  ib: number,
  sb: number,
  out: Storage,
  o: number,
  count: number,
) => void;

/**
 * Element-wise kernel with two inputs and NumPy broadcasting; see `BinaryKernelArgs`.
 *
 * The shapes are first collapsed (see {@link broadcastLayout}), which turns the common
 * cases into one or two loops: same shape and scalar operand become a single row,
 * `[m, n] + [n]` and `[m, n] + [m, 1]` become `m` rows of `n`; anything else walks the
 * outer axes with an odometer. The kind is resolved to a row function once, outside the
 * loops, and every row function has a tight contiguous loop plus a strided one.
 *
 * @param kind - The function to apply (see {@link BinaryKernelName}).
 * @param a - The first operand, of shape `aShape`.
 * @param aShape - Shape of `a`, broadcastable to `outShape`.
 * @param b - The second operand, of shape `bShape`.
 * @param bShape - Shape of `b`, broadcastable to `outShape`.
 * @param out - The result, of shape `outShape`.
 * @param outShape - The broadcast shape of `aShape` and `bShape`.
 * @internal
 */
export function binary(
  kind: BinaryKernelName,
  a: Storage,
  aShape: Shape,
  b: Storage,
  bShape: Shape,
  out: Storage,
  outShape: Shape,
): void {
  if (out.length === 0) return;
  const row = rowKernel(kind);
  const { sizes, strides } = broadcastLayout(outShape, [aShape, bShape]);
  const aStrides = strides[0]!;
  const bStrides = strides[1]!;
  const rank = sizes.length;
  const inner = sizes[rank - 1]!;
  const sa = aStrides[rank - 1]!;
  const sb = bStrides[rank - 1]!;
  if (rank === 1) {
    // Same shape (strides 1, 1) or a scalar operand (stride 0): one row.
    row(a, 0, sa, b, 0, sb, out, 0, inner);
    return;
  }
  if (rank === 2) {
    // [m, n] with a row ([n]) or column ([m, 1]) broadcast: m rows of n.
    const rows = sizes[0]!;
    const aRowStride = aStrides[0]!;
    const bRowStride = bStrides[0]!;
    for (
      let r = 0, ia = 0, ib = 0, o = 0;
      r < rows;
      r++, ia += aRowStride, ib += bRowStride, o += inner
    ) {
      row(a, ia, sa, b, ib, sb, out, o, inner);
    }
    return;
  }
  // General case: an odometer over the outer axes, one row per step.
  const outer = rank - 1;
  const counters = new Array<number>(outer).fill(0);
  const rows = out.length / inner;
  let ia = 0;
  let ib = 0;
  for (let r = 0, o = 0; r < rows; r++, o += inner) {
    row(a, ia, sa, b, ib, sb, out, o, inner);
    // Advance to the next row: increment the innermost outer axis, carrying into the next.
    for (let axis = outer - 1; axis >= 0; axis--) {
      if (++counters[axis] < sizes[axis]!) {
        ia += aStrides[axis]!;
        ib += bStrides[axis]!;
        break;
      }
      counters[axis] = 0;
      ia -= aStrides[axis]! * (sizes[axis]! - 1);
      ib -= bStrides[axis]! * (sizes[axis]! - 1);
    }
  }
}

/** The row function of a binary kernel kind. */
function rowKernel(kind: BinaryKernelName): BinaryRow {
  switch (kind) {
    case 'add':
      return addRow;
    case 'sub':
      return subRow;
    case 'mul':
      return mulRow;
    case 'div':
      return divRow;
    case 'pow':
      return powRow;
    case 'maximum':
      return maximumRow;
    case 'minimum':
      return minimumRow;
    case 'equal':
      return equalRow;
    case 'notEqual':
      return notEqualRow;
    case 'less':
      return lessRow;
    case 'lessEqual':
      return lessEqualRow;
    case 'greater':
      return greaterRow;
    case 'greaterEqual':
      return greaterEqualRow;
  }
}

/** One row of `add`: a + b. */
function addRow(
  a: Storage,
  ia: number,
  sa: number,
  b: Storage,
  ib: number,
  sb: number,
  out: Storage,
  o: number,
  count: number,
): void {
  const end = o + count;
  if (sa === 1 && sb === 1) {
    for (; o < end; o++, ia++, ib++) out[o] = a[ia] + b[ib];
  } else {
    for (; o < end; o++, ia += sa, ib += sb) out[o] = a[ia] + b[ib];
  }
}

/** One row of `sub`: a − b. */
function subRow(
  a: Storage,
  ia: number,
  sa: number,
  b: Storage,
  ib: number,
  sb: number,
  out: Storage,
  o: number,
  count: number,
): void {
  const end = o + count;
  if (sa === 1 && sb === 1) {
    for (; o < end; o++, ia++, ib++) out[o] = a[ia] - b[ib];
  } else {
    for (; o < end; o++, ia += sa, ib += sb) out[o] = a[ia] - b[ib];
  }
}

/** One row of `mul`: a · b. */
function mulRow(
  a: Storage,
  ia: number,
  sa: number,
  b: Storage,
  ib: number,
  sb: number,
  out: Storage,
  o: number,
  count: number,
): void {
  const end = o + count;
  if (sa === 1 && sb === 1) {
    for (; o < end; o++, ia++, ib++) out[o] = a[ia] * b[ib];
  } else {
    for (; o < end; o++, ia += sa, ib += sb) out[o] = a[ia] * b[ib];
  }
}

/** One row of `div`: a / b. */
function divRow(
  a: Storage,
  ia: number,
  sa: number,
  b: Storage,
  ib: number,
  sb: number,
  out: Storage,
  o: number,
  count: number,
): void {
  const end = o + count;
  if (sa === 1 && sb === 1) {
    for (; o < end; o++, ia++, ib++) out[o] = a[ia] / b[ib];
  } else {
    for (; o < end; o++, ia += sa, ib += sb) out[o] = a[ia] / b[ib];
  }
}

/** One row of `pow`: a^b with the special cases of Math.pow, bit-identical on every engine. */
function powRow(
  a: Storage,
  ia: number,
  sa: number,
  b: Storage,
  ib: number,
  sb: number,
  out: Storage,
  o: number,
  count: number,
): void {
  const end = o + count;
  if (sa === 1 && sb === 1) {
    for (; o < end; o++, ia++, ib++) out[o] = portablePow(a[ia], b[ib]);
  } else {
    for (; o < end; o++, ia += sa, ib += sb) out[o] = portablePow(a[ia], b[ib]);
  }
}

/** One row of `maximum`: max(a, b), NaN propagating. */
function maximumRow(
  a: Storage,
  ia: number,
  sa: number,
  b: Storage,
  ib: number,
  sb: number,
  out: Storage,
  o: number,
  count: number,
): void {
  const end = o + count;
  if (sa === 1 && sb === 1) {
    for (; o < end; o++, ia++, ib++) out[o] = Math.max(a[ia], b[ib]);
  } else {
    for (; o < end; o++, ia += sa, ib += sb) out[o] = Math.max(a[ia], b[ib]);
  }
}

/** One row of `minimum`: min(a, b), NaN propagating. */
function minimumRow(
  a: Storage,
  ia: number,
  sa: number,
  b: Storage,
  ib: number,
  sb: number,
  out: Storage,
  o: number,
  count: number,
): void {
  const end = o + count;
  if (sa === 1 && sb === 1) {
    for (; o < end; o++, ia++, ib++) out[o] = Math.min(a[ia], b[ib]);
  } else {
    for (; o < end; o++, ia += sa, ib += sb) out[o] = Math.min(a[ia], b[ib]);
  }
}

/** One row of `equal`: a = b ? 1 : 0. */
function equalRow(
  a: Storage,
  ia: number,
  sa: number,
  b: Storage,
  ib: number,
  sb: number,
  out: Storage,
  o: number,
  count: number,
): void {
  const end = o + count;
  if (sa === 1 && sb === 1) {
    for (; o < end; o++, ia++, ib++) out[o] = a[ia] === b[ib] ? 1 : 0;
  } else {
    for (; o < end; o++, ia += sa, ib += sb) out[o] = a[ia] === b[ib] ? 1 : 0;
  }
}

/** One row of `notEqual`: a ≠ b ? 1 : 0. */
function notEqualRow(
  a: Storage,
  ia: number,
  sa: number,
  b: Storage,
  ib: number,
  sb: number,
  out: Storage,
  o: number,
  count: number,
): void {
  const end = o + count;
  if (sa === 1 && sb === 1) {
    for (; o < end; o++, ia++, ib++) out[o] = a[ia] !== b[ib] ? 1 : 0;
  } else {
    for (; o < end; o++, ia += sa, ib += sb) out[o] = a[ia] !== b[ib] ? 1 : 0;
  }
}

/** One row of `less`: a < b ? 1 : 0. */
function lessRow(
  a: Storage,
  ia: number,
  sa: number,
  b: Storage,
  ib: number,
  sb: number,
  out: Storage,
  o: number,
  count: number,
): void {
  const end = o + count;
  if (sa === 1 && sb === 1) {
    for (; o < end; o++, ia++, ib++) out[o] = a[ia] < b[ib] ? 1 : 0;
  } else {
    for (; o < end; o++, ia += sa, ib += sb) out[o] = a[ia] < b[ib] ? 1 : 0;
  }
}

/** One row of `lessEqual`: a ≤ b ? 1 : 0. */
function lessEqualRow(
  a: Storage,
  ia: number,
  sa: number,
  b: Storage,
  ib: number,
  sb: number,
  out: Storage,
  o: number,
  count: number,
): void {
  const end = o + count;
  if (sa === 1 && sb === 1) {
    for (; o < end; o++, ia++, ib++) out[o] = a[ia] <= b[ib] ? 1 : 0;
  } else {
    for (; o < end; o++, ia += sa, ib += sb) out[o] = a[ia] <= b[ib] ? 1 : 0;
  }
}

/** One row of `greater`: a > b ? 1 : 0. */
function greaterRow(
  a: Storage,
  ia: number,
  sa: number,
  b: Storage,
  ib: number,
  sb: number,
  out: Storage,
  o: number,
  count: number,
): void {
  const end = o + count;
  if (sa === 1 && sb === 1) {
    for (; o < end; o++, ia++, ib++) out[o] = a[ia] > b[ib] ? 1 : 0;
  } else {
    for (; o < end; o++, ia += sa, ib += sb) out[o] = a[ia] > b[ib] ? 1 : 0;
  }
}

/** One row of `greaterEqual`: a ≥ b ? 1 : 0. */
function greaterEqualRow(
  a: Storage,
  ia: number,
  sa: number,
  b: Storage,
  ib: number,
  sb: number,
  out: Storage,
  o: number,
  count: number,
): void {
  const end = o + count;
  if (sa === 1 && sb === 1) {
    for (; o < end; o++, ia++, ib++) out[o] = a[ia] >= b[ib] ? 1 : 0;
  } else {
    for (; o < end; o++, ia += sa, ib += sb) out[o] = a[ia] >= b[ib] ? 1 : 0;
  }
}

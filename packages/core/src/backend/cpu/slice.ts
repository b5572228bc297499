import type { Storage } from '../../tensor/dtype.js';
import type { Shape } from '../../tensor/shape.js';

/**
 * Copies the block of `x` that starts at `begin` and has `outShape` into `out`; see
 * `Backend.slice`.
 *
 * @param x - The input, of `shape`.
 * @param shape - Shape of `x`.
 * @param begin - Start of the block along each axis.
 * @param out - The block, contiguous, of `outShape`.
 * @param outShape - Shape of the block; `begin[i] + outShape[i] ≤ shape[i]`.
 * @internal
 */
export function slice(
  x: Storage,
  shape: Shape,
  begin: readonly number[],
  out: Storage,
  outShape: Shape,
): void {
  copyBlock(x, shape, begin, out, outShape, false);
}

/**
 * Writes all of `x` into the block of `out` that starts at `begin`, leaving the rest of
 * `out` as it is; the adjoint of {@link slice}. See `Backend.sliceAssign`.
 *
 * @param x - The block to write, contiguous, of `xShape`.
 * @param xShape - Shape of the block; `begin[i] + xShape[i] ≤ outShape[i]`.
 * @param begin - Start of the block along each axis of `out`.
 * @param out - The tensor written into, of `outShape`.
 * @param outShape - Shape of `out`.
 * @internal
 */
export function sliceAssign(
  x: Storage,
  xShape: Shape,
  begin: readonly number[],
  out: Storage,
  outShape: Shape,
): void {
  copyBlock(out, outShape, begin, x, xShape, true);
}

/**
 * Copies between a block of the tensor `whole` (of `wholeShape`, the block starting at
 * `begin`) and the contiguous `part` (of `partShape`): `part ← block` when `intoWhole` is
 * false, `block ← part` when it is true.
 *
 * The block is collapsed first: trailing axes that the block covers completely merge into
 * one contiguous run, size-1 axes are dropped. Each run is a tight loop; an odometer walks
 * the outer axes.
 */
function copyBlock(
  whole: Storage,
  wholeShape: Shape,
  begin: readonly number[],
  part: Storage,
  partShape: Shape,
  intoWhole: boolean,
): void {
  if (part.length === 0) return;
  const rank = wholeShape.length;
  // Offset of the block's first element in `whole`, and `whole`'s row-major strides.
  const wholeStrides = new Array<number>(rank);
  let offset = 0;
  for (let axis = rank - 1, stride = 1; axis >= 0; axis--) {
    wholeStrides[axis] = stride;
    offset += begin[axis]! * stride;
    stride *= wholeShape[axis]!;
  }
  // Collapsed block axes: their sizes and the stride of `whole` along each of them.
  const sizes: number[] = [];
  const strides: number[] = [];
  for (let axis = 0; axis < rank; axis++) {
    const size = partShape[axis]!;
    if (size === 1) continue;
    const stride = wholeStrides[axis]!;
    const last = sizes.length - 1;
    if (last >= 0 && strides[last] === stride * size) {
      sizes[last] = sizes[last]! * size;
      strides[last] = stride;
    } else {
      sizes.push(size);
      strides.push(stride);
    }
  }
  if (sizes.length === 0) {
    sizes.push(1);
    strides.push(1);
  }
  const collapsed = sizes.length;
  const run = sizes[collapsed - 1]!;
  const runStride = strides[collapsed - 1]!;
  const outer = collapsed - 1;
  const counters = new Array<number>(outer).fill(0);
  const runs = part.length / run;
  for (let r = 0, at = 0; r < runs; r++, at += run) {
    // One run: part[at + j] ↔ whole[offset + j·runStride] for j < run.
    if (runStride === 1) {
      if (intoWhole) for (let j = 0; j < run; j++) whole[offset + j] = part[at + j];
      else for (let j = 0; j < run; j++) part[at + j] = whole[offset + j];
    } else {
      if (intoWhole) for (let j = 0; j < run; j++) whole[offset + j * runStride] = part[at + j];
      else for (let j = 0; j < run; j++) part[at + j] = whole[offset + j * runStride];
    }
    // Advance to the next run: increment the innermost outer axis, carrying into the next.
    for (let axis = outer - 1; axis >= 0; axis--) {
      if (++counters[axis] < sizes[axis]!) {
        offset += strides[axis]!;
        break;
      }
      counters[axis] = 0;
      offset -= strides[axis]! * (sizes[axis]! - 1);
    }
  }
}

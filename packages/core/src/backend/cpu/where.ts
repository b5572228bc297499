import type { Storage } from '../../tensor/dtype.js';
import type { Shape } from '../../tensor/shape.js';
import { broadcastLayout } from './broadcast-layout.js';

/**
 * Element-wise selection `out = condition ≠ 0 ? a : b` with NumPy broadcasting of all three
 * inputs; see `Backend.where`.
 *
 * A NaN condition counts as true (NaN ≠ 0). The shapes are collapsed first (see
 * {@link broadcastLayout}); the innermost collapsed axis is a tight loop, with a
 * contiguous variant when no operand is broadcast along it.
 *
 * @param condition - The condition, of shape `conditionShape`.
 * @param conditionShape - Shape of `condition`, broadcastable to `outShape`.
 * @param a - Values where the condition holds, of shape `aShape`.
 * @param aShape - Shape of `a`, broadcastable to `outShape`.
 * @param b - Values where it does not, of shape `bShape`.
 * @param bShape - Shape of `b`, broadcastable to `outShape`.
 * @param out - The result, of shape `outShape`.
 * @param outShape - The broadcast shape of the three inputs.
 * @internal
 */
export function where(
  condition: Storage,
  conditionShape: Shape,
  a: Storage,
  aShape: Shape,
  b: Storage,
  bShape: Shape,
  out: Storage,
  outShape: Shape,
): void {
  if (out.length === 0) return;
  const { sizes, strides } = broadcastLayout(outShape, [conditionShape, aShape, bShape]);
  const cStrides = strides[0]!;
  const aStrides = strides[1]!;
  const bStrides = strides[2]!;
  const rank = sizes.length;
  const inner = sizes[rank - 1]!;
  const sc = cStrides[rank - 1]!;
  const sa = aStrides[rank - 1]!;
  const sb = bStrides[rank - 1]!;
  const outer = rank - 1;
  const counters = new Array<number>(outer).fill(0);
  const rows = out.length / inner;
  let ic = 0;
  let ia = 0;
  let ib = 0;
  for (let r = 0, o = 0; r < rows; r++, o += inner) {
    // One row: out[o + i] = c[ic + i·sc] ≠ 0 ? a[ia + i·sa] : b[ib + i·sb].
    const end = o + inner;
    if (sc === 1 && sa === 1 && sb === 1) {
      for (let oi = o, ci = ic, ai = ia, bi = ib; oi < end; oi++, ci++, ai++, bi++) {
        out[oi] = condition[ci] !== 0 ? a[ai] : b[bi];
      }
    } else {
      for (let oi = o, ci = ic, ai = ia, bi = ib; oi < end; oi++, ci += sc, ai += sa, bi += sb) {
        out[oi] = condition[ci] !== 0 ? a[ai] : b[bi];
      }
    }
    // Advance to the next row: increment the innermost outer axis, carrying into the next.
    for (let axis = outer - 1; axis >= 0; axis--) {
      if (++counters[axis] < sizes[axis]!) {
        ic += cStrides[axis]!;
        ia += aStrides[axis]!;
        ib += bStrides[axis]!;
        break;
      }
      counters[axis] = 0;
      ic -= cStrides[axis]! * (sizes[axis]! - 1);
      ia -= aStrides[axis]! * (sizes[axis]! - 1);
      ib -= bStrides[axis]! * (sizes[axis]! - 1);
    }
  }
}

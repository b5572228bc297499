import type { Shape } from '../../tensor/shape.js';

/**
 * How operands broadcast to an output, with the axes collapsed as far as possible.
 *
 * `sizes` are the sizes of the collapsed output axes (outermost first, at least one axis)
 * and `strides[operand][axis]` the element stride of that operand along each of them
 * (0 where it is broadcast). The output itself is contiguous in this layout.
 *
 * @internal
 */
export interface BroadcastLayout {
  /** Sizes of the collapsed output axes, outermost first; never empty. */
  readonly sizes: number[];
  /** Per operand, its stride along each collapsed axis (0 where broadcast). */
  readonly strides: number[][];
}

/**
 * Computes the collapsed broadcast layout of `operandShapes` against `outShape`.
 *
 * Axes of size 1 are dropped and neighbouring axes are merged whenever every operand steps
 * through them as through one axis, so that `[2, 3] + [2, 3]` becomes one axis of 6 with
 * strides 1 and 1, `[4, 5] + []` one axis with strides 1 and 0, and `[4, 5] + [5]` two
 * axes `[4, 5]` with strides `[5, 1]` and `[0, 1]`.
 *
 * @param outShape - The broadcast shape of the result.
 * @param operandShapes - The shapes of the operands, each broadcastable to `outShape`.
 * @returns The collapsed layout.
 * @internal
 */
export function broadcastLayout(outShape: Shape, operandShapes: readonly Shape[]): BroadcastLayout {
  const rank = outShape.length;
  // Strides of each operand aligned to the output's axes (0 where broadcast).
  const aligned = operandShapes.map((shape) => {
    const strides = new Array<number>(rank).fill(0);
    let stride = 1;
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      const outAxis = axis + rank - shape.length;
      if (shape[axis] !== 1) strides[outAxis] = stride;
      stride *= shape[axis]!;
    }
    return strides;
  });
  const sizes: number[] = [];
  const strides: number[][] = operandShapes.map(() => []);
  for (let axis = 0; axis < rank; axis++) {
    const size = outShape[axis]!;
    if (size === 1) continue;
    const last = sizes.length - 1;
    // Merge into the previous axis when every operand's previous stride is this one's × size.
    const mergeable =
      last >= 0 &&
      aligned.every((operand, index) => strides[index]![last] === operand[axis]! * size);
    if (mergeable) {
      sizes[last] = sizes[last]! * size;
      for (let index = 0; index < aligned.length; index++) {
        strides[index]![last] = aligned[index]![axis]!;
      }
    } else {
      sizes.push(size);
      for (let index = 0; index < aligned.length; index++) {
        strides[index]!.push(aligned[index]![axis]!);
      }
    }
  }
  if (sizes.length === 0) {
    sizes.push(1);
    for (const operandStrides of strides) operandStrides.push(0);
  }
  return { sizes, strides };
}

import type { Tensor } from '../tensor/tensor.js';
import type { NestedArray } from '../tensor/tensor.js';
import { tensor } from '../creation/tensor.js';
import { formatShape, shapesEqual } from '../tensor/shape.js';

/** Tolerances of {@link assertTensorClose}. */
export interface CloseOptions {
  /**
   * Relative tolerance.
   * @defaultValue 1e-5 for float32, 1e-12 for float64
   */
  readonly rtol?: number;
  /**
   * Absolute tolerance.
   * @defaultValue 1e-6 for float32, 1e-14 for float64
   */
  readonly atol?: number;
}

/**
 * Throws unless `actual` matches `expected` in shape and, element by element,
 * `|actual − expected| ≤ atol + rtol · |expected|` (NaN matches NaN, infinities must be
 * equal). The default tolerances depend on `actual`'s dtype. The message names the worst
 * element. Framework-agnostic: use it from vitest, jest, node:test or a script.
 *
 * @example
 * ```ts
 * assertTensorClose(softmax(tensor([5, 2, -1, 3])), [0.842, 0.042, 0.002, 0.114], { atol: 1e-3 });
 * ```
 */
export function assertTensorClose(
  actual: Tensor,
  expected: Tensor | NestedArray,
  options: CloseOptions = {},
): void {
  const reference =
    typeof expected === 'object' && !Array.isArray(expected)
      ? expected
      : tensor(expected, { dtype: 'float64' });
  const float64 = actual.dtype === 'float64';
  const rtol = options.rtol ?? (float64 ? 1e-12 : 1e-5);
  const atol = options.atol ?? (float64 ? 1e-14 : 1e-6);
  if (!shapesEqual(actual.shape, reference.shape)) {
    throw new Error(
      `assertTensorClose: shape ${formatShape(actual.shape)} differs from the expected ${formatShape(reference.shape)}.`,
    );
  }
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < actual.size; i++) {
    const a = actual.data[i]!;
    const e = reference.data[i]!;
    if (Number.isNaN(a) && Number.isNaN(e)) continue;
    if (a === e) continue;
    const excess = Math.abs(a - e) - (atol + rtol * Math.abs(e));
    if (!(excess <= 0) && (worst < 0 || excess > worstExcess || Number.isNaN(excess))) {
      worst = i;
      worstExcess = Number.isNaN(excess) ? Infinity : excess;
    }
  }
  if (worst >= 0) {
    throw new Error(
      `assertTensorClose: element ${worst} is ${actual.data[worst]}, expected ${reference.data[worst]} ` +
        `(|difference| ${Math.abs(actual.data[worst]! - reference.data[worst]!)} > atol ${atol} + rtol ${rtol} · |expected|).`,
    );
  }
}

import { DTypeError, tensor, type DType, type Tensor } from '@deeptune/core';
import type { IdxArray } from './idx-array.js';

/** 2^24: every integer of magnitude up to this is exact in float32. */
const FLOAT32_EXACT_INTEGER = 16777216;

/**
 * Converts a decoded IDX file to a tensor of the same shape, without silent loss.
 *
 * Every IDX type converts exactly to `float64`. For `float32`, `ubyte`, `sbyte`, `short`
 * and `float` are always exact; `int` and `double` values are checked, and a value that
 * float32 cannot hold exactly throws instead of being rounded. Values are not scaled (MNIST
 * pixels stay 0 … 255; divide by 255 yourself or use `mnist()`).
 *
 * @param idx - a decoded IDX file from `parseIdx` or `readIdx`.
 * @param dtype - the tensor dtype.
 * @defaultValue dtype `'float64'` for `double` files, else `'float32'`
 * @returns a new tensor with `idx.shape`.
 * @throws {@link @deeptune/core!DTypeError} when a value is not exactly representable in `dtype`.
 * @category IDX
 *
 * @example
 * ```ts
 * const images = idxToTensor(parseIdx(bytes, 'images')); // float32 [n, 28, 28], 0 … 255
 * ```
 */
export function idxToTensor(idx: IdxArray, dtype?: DType): Tensor {
  const target = dtype ?? (idx.type === 'double' ? 'float64' : 'float32');
  const { data } = idx;
  if (target === 'float64') return tensor(Float64Array.from(data), { shape: idx.shape });
  if (target !== 'float32') {
    throw new DTypeError(
      `idxToTensor: unsupported dtype ${JSON.stringify(target)}; expected 'float32' or 'float64'.`,
    );
  }
  const out = Float32Array.from(data);
  if (idx.type === 'int' || idx.type === 'double') {
    for (let i = 0; i < data.length; i++) {
      const value = data[i]!;
      const exact =
        idx.type === 'int'
          ? Math.abs(value) <= FLOAT32_EXACT_INTEGER
          : out[i] === value || Number.isNaN(value);
      if (!exact) {
        throw new DTypeError(
          `idxToTensor: value ${value} at index ${i} of this ${idx.type} file is not exactly representable in float32. ` +
            "Hint: use dtype 'float64'.",
        );
      }
    }
  }
  return tensor(out, { shape: idx.shape });
}

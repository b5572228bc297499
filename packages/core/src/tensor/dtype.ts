import { DTypeError } from '../errors/dtype-error.js';

/**
 * The element types a tensor can hold.
 *
 * `float32` is the default for training; `float64` is there for gradient checking and for
 * anyone who needs the precision. Operations never mix the two silently: they throw a
 * {@link DTypeError}, and `cast` converts explicitly.
 */
export type DType = 'float32' | 'float64';

/** The typed array that stores the elements of a tensor of the given dtype. */
export type StorageFor<D extends DType> = D extends 'float32' ? Float32Array : Float64Array;

/** The storage of a tensor: a row-major, contiguous typed array. */
export type Storage = Float32Array | Float64Array;

/** The dtypes deeptune supports, in a stable order. */
export const DTYPES: readonly DType[] = ['float32', 'float64'];

/**
 * Checks that `value` names a supported dtype.
 * @internal
 */
export function assertDType(where: string, value: unknown): asserts value is DType {
  if (value !== 'float32' && value !== 'float64') {
    throw new DTypeError(
      `${where}: unsupported dtype ${JSON.stringify(value)}; expected 'float32' or 'float64'.`,
    );
  }
}

/**
 * The dtype of a typed array.
 * @internal
 */
export function dtypeOfStorage(storage: Storage): DType {
  return storage instanceof Float64Array ? 'float64' : 'float32';
}

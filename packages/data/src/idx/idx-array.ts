/**
 * The element types of the IDX file format, named as in its specification.
 *
 * | byte   | type     | size | JavaScript array |
 * | ------ | -------- | ---- | ---------------- |
 * | `0x08` | `ubyte`  | 1    | `Uint8Array`     |
 * | `0x09` | `sbyte`  | 1    | `Int8Array`      |
 * | `0x0B` | `short`  | 2    | `Int16Array`     |
 * | `0x0C` | `int`    | 4    | `Int32Array`     |
 * | `0x0D` | `float`  | 4    | `Float32Array`   |
 * | `0x0E` | `double` | 8    | `Float64Array`   |
 *
 * @category IDX
 */
export type IdxType = 'ubyte' | 'sbyte' | 'short' | 'int' | 'float' | 'double';

/**
 * The typed array holding the values of an {@link IdxArray}, by {@link IdxType}.
 *
 * @category IDX
 */
export type IdxData =
  Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/**
 * The contents of an IDX file, decoded but not yet converted: the element type, the
 * dimensions and the values in row-major order (in native byte order).
 *
 * Convert it to a tensor with {@link idxToTensor}.
 *
 * @category IDX
 */
export interface IdxArray {
  /** The element type from the header, e.g. `'ubyte'` for MNIST. */
  readonly type: IdxType;
  /** The dimensions from the header, e.g. `[60000, 28, 28]`. */
  readonly shape: readonly number[];
  /** The values, row-major; its length is the product of `shape`. */
  readonly data: IdxData;
}

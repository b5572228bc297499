import { Tensor } from '../../tensor/tensor.js';
import { DTypeError } from '../../errors/dtype-error.js';
import { ConfigError } from '../../errors/config-error.js';
import type { DType } from '../../tensor/dtype.js';
import { allocateStorage } from '../../backend/allocate-storage.js';
import { isTensor } from '../../tensor/is-tensor.js';

/** The shape of a scalar (shared: `allocateStorage` only reads it). */
const SCALAR_SHAPE: readonly number[] = [];

/** A tensor, or a plain number that acts as a scalar tensor of the other operand's dtype. */
export type TensorLike = Tensor | number;

/**
 * Checks that `value` is a tensor (of this or a compatible copy of core), naming the op and
 * argument otherwise.
 * @internal
 */
export function assertTensor(
  op: string,
  argument: string,
  value: unknown,
): asserts value is Tensor {
  if (!isTensor(value)) {
    throw new ConfigError(
      `${op}: argument '${argument}' must be a Tensor, got ${value === null ? 'null' : typeof value}.`,
    );
  }
}

/**
 * A scalar tensor holding `value` in `dtype`, for the op `op` (named if allocation fails).
 * @internal
 */
export function scalarTensor(value: number, dtype: DType, op = 'scalarTensor'): Tensor {
  const storage = allocateStorage(op, dtype, SCALAR_SHAPE);
  storage[0] = value;
  return new Tensor(storage, []);
}

/**
 * Turns the two operands of a binary op into tensors of one dtype: numbers become scalars
 * of the tensor operand's dtype; two tensors must already share a dtype.
 * @internal
 */
export function binaryOperands(op: string, a: TensorLike, b: TensorLike): [Tensor, Tensor] {
  if (typeof a === 'number' && typeof b === 'number') {
    throw new ConfigError(
      `${op}: at least one operand must be a Tensor, got two numbers (${a}, ${b}).`,
    );
  }
  if (typeof a === 'number') {
    assertTensor(op, 'b', b);
    return [scalarTensor(a, b.dtype, op), b];
  }
  assertTensor(op, 'a', a);
  if (typeof b === 'number') return [a, scalarTensor(b, a.dtype, op)];
  assertTensor(op, 'b', b);
  assertSameDType(op, a, b);
  return [a, b];
}

/**
 * Throws a {@link DTypeError} when two tensors have different dtypes.
 * @internal
 */
export function assertSameDType(
  op: string,
  a: Tensor,
  b: Tensor,
  names: [string, string] = ['a', 'b'],
): void {
  if (a.dtype !== b.dtype) {
    throw new DTypeError(
      `${op}: dtypes differ — ${names[0]} is ${a.dtype}, ${names[1]} is ${b.dtype}. ` +
        `Hint: convert one explicitly, e.g. ${names[1]}.cast('${a.dtype}').`,
    );
  }
}

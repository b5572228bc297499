import { defineBrand } from '../copies/define-brand.js';
import type { Tensor } from './tensor.js';

/**
 * The brand of tensors, set on `Tensor.prototype`.
 * @internal
 */
export const tensorBrand = defineBrand<Tensor>('deeptune.core.Tensor', 'a Tensor');

/**
 * Whether `value` is a {@link Tensor}, including a tensor made by another, compatible copy
 * of `@deeptune/core` (a plugin's own install); use it instead of `instanceof`.
 *
 * Tensors carry a `Symbol.for('deeptune.core.Tensor')` brand on their prototype, so the
 * check costs one property lookup and no per-tensor memory. A tensor of another copy works
 * in every op of this copy: ops only use a tensor's public members.
 *
 * @param value - anything.
 * @returns true for a tensor of this or a compatible copy, false for anything else.
 * @throws {@link IncompatibleCopyError} when `value` is a tensor of an incompatible copy of
 * `@deeptune/core` (another major version, or another minor version during 0.x), naming
 * both versions and both locations.
 *
 * @example
 * ```ts
 * isTensor(zeros([2])); // true
 * isTensor([0, 0]); // false
 * ```
 * @category Tensors
 */
export function isTensor(value: unknown): value is Tensor {
  return tensorBrand.is(value);
}

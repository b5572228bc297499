/**
 * Formats a tensor shape for an error message, as the docs and NumPy write it.
 *
 * @param shape - the size of each axis, outermost first; `[]` is a scalar.
 * @returns the sizes in brackets, separated by a comma and a space.
 *
 * @example
 * ```ts
 * formatShape([32, 784]); // '[32, 784]'
 * formatShape([]); // '[]'
 * ```
 * @category Errors
 */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

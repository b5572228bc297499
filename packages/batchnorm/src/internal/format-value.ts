/**
 * Formats a user-supplied value for an error message: numbers as written (`-0` kept),
 * strings quoted and labelled, everything else by its type.
 * @internal
 */
export function formatValue(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return `${JSON.stringify(value)} (a string)`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value;
}

/**
 * Formats a shape as `[32, 64]`.
 * @internal
 */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

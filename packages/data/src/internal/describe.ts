/**
 * Describes a value for an error message: numbers as written, strings quoted, other types by
 * name.
 * @internal
 */
export function describe(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value;
}

/**
 * Formats a shape for error messages: `[32, 784]`.
 * @internal
 */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

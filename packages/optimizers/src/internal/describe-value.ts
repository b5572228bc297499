/**
 * A short description of any value for error messages: numbers and strings as written,
 * functions and objects by kind.
 * @internal
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return `'${value}'`;
  if (value === null || value === undefined || typeof value === 'boolean') return String(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (value instanceof Float32Array) return `a Float32Array of length ${value.length}`;
  if (value instanceof Float64Array) return `a Float64Array of length ${value.length}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

const maxStringLength = 60;
const maxItems = 8;

/**
 * Formats a user-supplied value for an error message: strings in single quotes, numbers
 * as JavaScript prints them (`NaN`, `-1`, `1e-8`), short arrays and plain objects inline,
 * anything else by its type.
 * @internal
 */
export function formatValue(value: unknown, depth = 0): string {
  switch (typeof value) {
    case 'string': {
      const text = value.length > maxStringLength ? `${value.slice(0, maxStringLength)}…` : value;
      return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
    }
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function':
      return 'a function';
    default:
      break;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (depth > 1) return `an array of ${value.length}`;
    const shown = value.slice(0, maxItems).map((item: unknown) => formatValue(item, depth + 1));
    if (value.length > maxItems) shown.push(`… ${value.length - maxItems} more`);
    return `[${shown.join(', ')}]`;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) {
    const keys = Object.keys(value as object);
    if (depth > 1 || keys.length > maxItems) return `an object with ${keys.length} keys`;
    const fields = keys.map(
      (key) => `${key}: ${formatValue((value as Record<string, unknown>)[key], depth + 1)}`,
    );
    return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
  }
  const constructorName = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof constructorName === 'string' && constructorName !== ''
    ? `a ${constructorName}`
    : 'an object';
}

/**
 * `'a string'`, `'a number'`, `'an array'`, `'null'`… for "got X (a string)" notes.
 * @internal
 */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  if (type === 'object') return 'an object';
  return type === 'undefined' ? 'undefined' : `a ${type}`;
}

/**
 * `'1 element'`, `'3 elements'`.
 * @internal
 */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Strings longer than this are cut, with `…`, inside their quotes. */
const MAX_STRING_LENGTH = 60;
/** Arrays and plain objects show at most this many items, then `… N more`. */
const MAX_ITEMS = 8;
/** Arrays and plain objects nested deeper than this are described by size. */
const MAX_DEPTH = 1;

/**
 * Options of {@link describeValue}.
 */
export interface DescribeValueOptions {
  /**
   * Append the value's type in parentheses (`'0.1' (a string)`, `1 (a number)`), for
   * messages about a value of the wrong type. `null`, `undefined` and values already
   * described by their type (`a function`, `a Map`) get no note.
   * @defaultValue false
   */
  readonly withType?: boolean;
}

/**
 * Formats any value for an error message, so that the user recognises what they passed.
 *
 * Numbers print as JavaScript writes them, with `NaN`, `Infinity` and `-0` kept distinct;
 * strings in single quotes (escaped, cut after 60 characters with `…`); `bigint`s with
 * their `n`; short arrays and plain objects inline (at most 8 items, then `… N more`; nested
 * ones by size); typed arrays by type and length; other objects by their class. It never
 * prints `[object Object]` and never throws (cycles and getters are not followed).
 *
 * @param value - anything the user passed.
 * @param options - see {@link DescribeValueOptions}.
 * @returns a short, single-line description.
 *
 * @example
 * ```ts
 * describeValue(-0); // '-0'
 * describeValue(NaN); // 'NaN'
 * describeValue('0.1'); // "'0.1'"
 * describeValue('0.1', { withType: true }); // "'0.1' (a string)"
 * describeValue([1, 2, 3]); // '[1, 2, 3]'
 * describeValue({ learningRate: 0.1 }); // '{ learningRate: 0.1 }'
 * describeValue(new Float32Array(4)); // 'a Float32Array of length 4'
 * describeValue(new Map()); // 'a Map'
 * ```
 * @category Errors
 */
export function describeValue(value: unknown, options: DescribeValueOptions = {}): string {
  const text = format(value, 0);
  if (options.withType !== true || value === null || value === undefined) return text;
  return /^an? /.test(text) ? text : `${text} (${typeName(value)})`;
}

/** `'a string'`, `'a number'`, `'an array'`, `'an object'`… */
function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

/** `learningRate` as is, other keys quoted: `'a b'`. */
function formatKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : format(key, 0);
}

function format(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string': {
      const cut =
        value.length > MAX_STRING_LENGTH ? `${value.slice(0, MAX_STRING_LENGTH)}…` : value;
      return `'${cut.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
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
    if (depth > MAX_DEPTH) return `an array of length ${value.length}`;
    const shown = value.slice(0, MAX_ITEMS).map((item: unknown) => format(item, depth + 1));
    if (value.length > MAX_ITEMS) shown.push(`… ${value.length - MAX_ITEMS} more`);
    return `[${shown.join(', ')}]`;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) {
    const keys = Object.keys(value as object);
    if (depth > MAX_DEPTH || keys.length > MAX_ITEMS) return `an object with ${keys.length} keys`;
    const fields = keys.map(
      (key) => `${formatKey(key)}: ${format((value as Record<string, unknown>)[key], depth + 1)}`,
    );
    return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
  }
  const constructorName = (value as { constructor?: { name?: unknown } }).constructor?.name;
  const name = typeof constructorName === 'string' && constructorName !== '' ? constructorName : '';
  if (name === '' || name === 'Object') return 'an object';
  const article = /^[AEIO]/.test(name) ? 'an' : 'a';
  return ArrayBuffer.isView(value) && !(value instanceof DataView)
    ? `${article} ${name} of length ${(value as unknown as ArrayLike<unknown>).length}`
    : `${article} ${name}`;
}

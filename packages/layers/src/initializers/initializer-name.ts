/**
 * The names of the built-in initializers that need no options, as accepted by Dense's
 * `initializer` option. (`'constant'` needs a value: pass `constantInitializer(value)`.)
 *
 * @category Initializers
 */
export const INITIALIZER_NAMES = Object.freeze([
  'he-normal',
  'he-uniform',
  'xavier-normal',
  'xavier-uniform',
  'glorot-normal',
  'glorot-uniform',
  'lecun-normal',
  'lecun-uniform',
  'zeros',
] as const);

/**
 * The name of a built-in initializer that needs no options, e.g. `'he-normal'`.
 *
 * @category Initializers
 */
export type InitializerName = (typeof INITIALIZER_NAMES)[number];

/**
 * Whether `value` is one of {@link INITIALIZER_NAMES}.
 *
 * @param value - anything, e.g. a string read from a config file.
 * @category Initializers
 *
 * @example
 * ```ts
 * isInitializerName('he-normal'); // true
 * isInitializerName('kaiming_normal'); // false
 * isInitializerName('constant'); // false: it needs a value, use constantInitializer(0.1)
 * ```
 */
export function isInitializerName(value: unknown): value is InitializerName {
  return typeof value === 'string' && (INITIALIZER_NAMES as readonly string[]).includes(value);
}

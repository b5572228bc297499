/**
 * The names of the built-in activations, in the order help output lists them.
 *
 * They are the values of Dense's `activation` option and of `new Activation(name)`, and the
 * names of the `activation` plugins this package registers.
 *
 * @category Activations
 */
export const ACTIVATION_NAMES = Object.freeze([
  'linear',
  'relu',
  'leaky-relu',
  'tanh',
  'sigmoid',
  'softmax',
] as const);

/**
 * The name of a built-in activation: `'linear' | 'relu' | 'leaky-relu' | 'tanh' | 'sigmoid' | 'softmax'`.
 *
 * @category Activations
 */
export type ActivationName = (typeof ACTIVATION_NAMES)[number];

/**
 * Whether `value` is the name of a built-in activation.
 *
 * @param value - anything, e.g. a string read from a config file.
 * @returns `true` when `value` is one of {@link ACTIVATION_NAMES}.
 * @category Activations
 *
 * @example
 * ```ts
 * const fromConfig: unknown = 'relu';
 * if (isActivationName(fromConfig)) new Dense({ inputs: 4, units: 8, activation: fromConfig });
 * isActivationName('gelu'); // false
 * ```
 */
export function isActivationName(value: unknown): value is ActivationName {
  return typeof value === 'string' && (ACTIVATION_NAMES as readonly string[]).includes(value);
}

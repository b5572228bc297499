import { option } from '@deeptune/core';

/**
 * The options of an activation plugin, e.g. `{ alpha: 0.2 }` for `'leaky-relu'` or
 * `{ beta: 1.5 }` for a swish plugin. They are checked against the plugin's own schema
 * when the activation is created; to be saved with a model they must be JSON values.
 *
 * @category Activations
 */
export type ActivationOptions = Readonly<Record<string, unknown>>;

function isActivationOptions(value: unknown): value is ActivationOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The `activationOptions` option of the `dense` and `activation` layer plugins: a plain
 * object, checked in detail by the activation's own schema.
 * @internal
 */
export const activationOptionsOption = option.custom({
  typeName: "a plain object of the activation's options",
  check: isActivationOptions,
  optional: true,
  description:
    "The activation's own options, e.g. { alpha: 0.2 } for leaky-relu; checked by its plugin's schema.",
});

/**
 * A frozen copy of validated activation options (number lists copied too), so a layer's
 * public `activationOptions` cannot change after the activation was created from them.
 * @internal
 */
export function frozenActivationOptions(options: ActivationOptions | undefined): ActivationOptions {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options ?? {})) {
    copy[key] = Array.isArray(value) ? Object.freeze([...(value as unknown[])]) : value;
  }
  return Object.freeze(copy);
}

import type { ActivationName } from './activation-name.js';

/**
 * The name of an activation as `Dense`, `Activation` and `resolveActivation` take it: a
 * built-in {@link ActivationName} (which editors complete) or the registry name of an
 * activation plugin, e.g. `'acme:swish'`.
 *
 * Built-in names always mean the built-in activation; any other name is looked up among the
 * `activation` plugins of a registry.
 *
 * @category Activations
 */
export type ActivationId = ActivationName | (string & Record<never, never>);

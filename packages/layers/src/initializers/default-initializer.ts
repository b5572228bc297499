import type { ActivationId } from '../activations/activation-id.js';
import type { InitializerName } from './initializer-name.js';

/**
 * The initializer a Dense layer uses for its weights when none is given: He normal for
 * the ReLU family, the course's Xavier (variance 1/nIn) for everything else. Apps that
 * build networks from names (the CLI's `--init auto`) call it too, so they choose as
 * `Dense` does.
 *
 * | activation                                                  | default initializer            |
 * | ----------------------------------------------------------- | ------------------------------ |
 * | `'relu'`, `'leaky-relu'`                                    | `'he-normal'`, N(0, 2/nIn)     |
 * | `'tanh'`, `'sigmoid'`, `'softmax'`, `'linear'`              | `'xavier-normal'`, N(0, 1/nIn) |
 * | an activation plugin, e.g. `'acme:swish'`                   | `'xavier-normal'`, N(0, 1/nIn) |
 *
 * A plugin activation gets Xavier (LeCun) normal: nothing is known about its slope, and
 * variance 1/nIn keeps the pre-activations at unit variance, the safe choice for any
 * activation that behaves like the identity near zero; the larger He variance is only
 * right for activations that zero half their inputs. The name alone decides (a plugin's
 * options are not consulted); pass `initializer` to `Dense` to choose another, e.g.
 * `'he-normal'` for a ReLU-like plugin such as swish.
 *
 * @param activation - the layer's activation: a built-in name or a plugin's.
 * @returns the name of the initializer.
 * @category Initializers
 *
 * @example
 * ```ts
 * defaultInitializerFor('relu'); // 'he-normal'
 * defaultInitializerFor('tanh'); // 'xavier-normal'
 * defaultInitializerFor('acme:swish'); // 'xavier-normal'
 * ```
 */
export function defaultInitializerFor(activation: ActivationId): InitializerName {
  return activation === 'relu' || activation === 'leaky-relu' ? 'he-normal' : 'xavier-normal';
}

import type { ActivationName } from '../activations/activation-name.js';
import type { InitializerName } from './initializer-name.js';

/**
 * The initializer a Dense layer uses for its weights when none is given: He normal for
 * the ReLU family, the course's Xavier (variance 1/nIn) for everything else.
 *
 * | activation                                     | default initializer                |
 * | ---------------------------------------------- | ---------------------------------- |
 * | `'relu'`, `'leaky-relu'`                       | `'he-normal'`, N(0, 2/nIn)         |
 * | `'tanh'`, `'sigmoid'`, `'softmax'`, `'linear'` | `'xavier-normal'`, N(0, 1/nIn)     |
 *
 * @param activation - the layer's activation.
 * @returns the name of the initializer.
 * @category Initializers
 *
 * @example
 * ```ts
 * defaultInitializerFor('relu'); // 'he-normal'
 * defaultInitializerFor('tanh'); // 'xavier-normal'
 * ```
 */
export function defaultInitializerFor(activation: ActivationName): InitializerName {
  return activation === 'relu' || activation === 'leaky-relu' ? 'he-normal' : 'xavier-normal';
}

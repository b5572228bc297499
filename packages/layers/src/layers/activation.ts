import type { Tensor } from '@deeptune/core';
import { Module } from '../module/module.js';
import type { ActivationFunction } from '../activations/activation-function.js';
import type { ActivationName } from '../activations/activation-name.js';
import { resolveActivation } from '../activations/resolve-activation.js';

/**
 * A layer that applies a built-in activation and has no parameters, e.g. between a
 * bias-free `Dense` and a batch-norm layer: `Dense → BatchNorm → Activation('relu')`.
 *
 * `Sequential` names these children `activation1`, `activation2`, …; `summary()` shows
 * `Activation(relu)`. The softmax normalizes the last axis. Do not end a classifier with
 * `Activation('softmax')` when training with `softmaxCrossEntropy`, which expects logits.
 *
 * @category Layers
 *
 * @example
 * ```ts
 * const model = new Sequential([
 *   new Dense({ inputs: 784, units: 128, useBias: false }),
 *   new Activation('relu'),
 *   new Dense({ inputs: 128, units: 10 }),
 * ]);
 * ```
 */
export class Activation extends Module {
  /** @inheritDoc */
  readonly typeName = 'Activation';
  /** The activation's name, e.g. `'relu'`. */
  readonly activation: ActivationName;
  readonly #apply: ActivationFunction;

  /**
   * @param name - one of {@link ACTIVATION_NAMES}.
   * @throws {@link @deeptune/core!ConfigError} when `name` is not a built-in activation
   *   (the message suggests the closest name).
   */
  constructor(name: ActivationName) {
    super();
    this.#apply = resolveActivation(name);
    this.activation = name;
  }

  /** @inheritDoc */
  protected call(input: Tensor): Tensor {
    return this.#apply(input);
  }

  /** The activation's name, e.g. `'relu'`. */
  override describe(): string {
    return this.activation;
  }
}

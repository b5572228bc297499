import { validateOptions, type Tensor } from '@deeptune/core';
import { Module } from '../module/module.js';
import type { ActivationFunction } from '../activations/activation-function.js';
import type { ActivationId } from '../activations/activation-id.js';
import {
  activationOptionsOption,
  frozenActivationOptions,
  type ActivationOptions,
} from '../activations/activation-options.js';
import { resolveActivation } from '../activations/resolve-activation.js';
import { withoutRegistry } from '../internal/without-registry.js';
import type { ActivationLayerOptions } from './activation-layer-options.js';

const WHERE = 'Activation';

/** The options after the name, but `registry` (which is not a hyperparameter). */
const optionsSchema = Object.freeze({ activationOptions: activationOptionsOption });

/**
 * A layer that applies an activation and has no parameters, e.g. between a bias-free
 * `Dense` and a batch-norm layer: `Dense → BatchNorm → Activation('relu')`.
 *
 * The activation is a built-in name (no registry needed) or the name of an activation
 * plugin, created by `registry` (default `getDefaultRegistry()`; the `activation` layer
 * plugin passes the registry creating the layer) with `activationOptions` validated by that
 * plugin's schema; see {@link resolveActivation}.
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
 *   new Activation('leaky-relu', { activationOptions: { alpha: 0.1 } }),
 *   new Dense({ inputs: 128, units: 10 }),
 * ]);
 * new Activation('acme:swish', { activationOptions: { beta: 1.5 }, registry }); // a plugin
 * ```
 */
export class Activation extends Module {
  /** @inheritDoc */
  readonly typeName = 'Activation';
  /** The activation's name, e.g. `'relu'` or `'acme:swish'`. */
  readonly activation: ActivationId;
  /** The options the activation was created with, as given (`{}` for its defaults). */
  readonly activationOptions: ActivationOptions;
  readonly #apply: ActivationFunction;

  /**
   * @param name - a built-in {@link ActivationName} or the name of an activation plugin.
   * @param options - the activation's options and the registry of activation plugins.
   * @throws {@link @deeptune/core!ConfigError} when `name` is not a known activation (the
   *   message lists the known ones and suggests the closest name), or an option is invalid.
   * @throws {@link @deeptune/core!InvalidHyperparameterError} when an activation option is
   *   out of range (the message is the one its plugin gives).
   */
  constructor(name: ActivationId, options: ActivationLayerOptions = {}) {
    super();
    const { registry, options: rest } = withoutRegistry(WHERE, options);
    const { activationOptions } = validateOptions(WHERE, optionsSchema, rest);
    this.activationOptions = frozenActivationOptions(activationOptions);
    this.#apply = resolveActivation(name, {
      activationOptions: this.activationOptions,
      where: WHERE,
      ...(registry === undefined ? {} : { registry }),
    });
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

import {
  ConfigError,
  definePlugin,
  getDefaultRng,
  isTensor,
  validateOptions,
  zeros,
  type ForwardMode,
  type Rng,
  type Tensor,
} from '@deeptune/core';
import { Module } from '@deeptune/layers';
import { DROPOUT_WHERE, dropoutSchema } from '../internal/dropout-schema.js';

/** Options of {@link Dropout}. */
export interface DropoutOptions {
  /**
   * The probability of keeping each unit, in (0, 1] (the course's `keep_prob`; not a drop
   * rate). 1 keeps every unit, i.e. no dropout.
   */
  readonly keepProb: number;
  /**
   * The generator the masks are drawn from.
   * @defaultValue a generator split from the default generator (`getDefaultRng().split()`)
   * when the layer is constructed
   */
  readonly rng?: Rng;
}

/**
 * Inverted dropout: while training, zeroes each unit of its input independently with
 * probability 1 − keepProb and divides the kept units by keepProb, so the expected value of
 * every activation is unchanged and nothing needs rescaling at test time.
 *
 * A fresh mask is drawn from the layer's seeded generator on every forward pass. The layer
 * is the identity (it returns its input tensor itself) when the pass is not training
 * (`model.eval()` or `{ training: false }`) or not stochastic — so gradient checking turns
 * dropout off without editing the model:
 * `model.forward(x, { training: true, stochastic: false })`. Gradients flow only through
 * the kept units, scaled by 1/keepProb, exactly like the activations.
 *
 * Different keep probabilities for different layers are simply different `Dropout`
 * instances (see {@link withDropout} to build them from a list).
 *
 * @remarks
 * ```text
 * d = (u < keepProb),  u ~ U[0, 1) independently per unit   (a fresh mask every pass)
 * a ← a ⊙ d / keepProb
 * E[a ⊙ d / keepProb] = a · keepProb / keepProb = a
 * backward: ∂L/∂a_in = ∂L/∂a_out ⊙ d / keepProb
 * ```
 * @see Srivastava et al., Dropout: A Simple Way to Prevent Neural Networks from
 * Overfitting, JMLR 15 (2014): https://jmlr.org/papers/v15/srivastava14a.html
 *
 * @example
 * ```ts
 * import { randn, Rng } from '@deeptune/core';
 * import { Dense, Sequential } from '@deeptune/layers';
 * import { Dropout } from '@deeptune/regularization';
 *
 * const rng = new Rng(0);
 * const x = randn([32, 784], { rng });
 * const model = new Sequential([
 *   new Dense({ inputs: 784, units: 128, activation: 'relu', rng }),
 *   new Dropout({ keepProb: 0.5, rng: rng.split() }), // half of the first hidden layer
 *   new Dense({ inputs: 128, units: 64, activation: 'relu', rng }),
 *   new Dropout({ keepProb: 0.8, rng: rng.split() }), // a smaller layer, less dropout
 *   new Dense({ inputs: 64, units: 10, rng }),
 * ]);
 * model.forward(x); // training: fresh masks every pass
 * model.forward(x, { training: true, stochastic: false }); // deterministic, for gradcheck
 * model.eval().forward(x); // inference: dropout is the identity
 * ```
 */
export class Dropout extends Module {
  /** @inheritDoc */
  readonly typeName = 'Dropout';
  /** The probability of keeping each unit, in (0, 1]. */
  readonly keepProb: number;
  readonly #rng: Rng;

  /**
   * @param options - `keepProb` in (0, 1] and an optional `rng`.
   * @throws {@link @deeptune/core!InvalidHyperparameterError} when `keepProb` is outside
   *   (0, 1] or NaN (`layer 'dropout': option 'keepProb' must be in (0, 1], got 1.5`); it is
   *   never clamped.
   * @throws {@link @deeptune/core!ConfigError} when `options` is not an object, `keepProb` is
   *   missing or not a number, `rng` is not an `Rng`, or an option is unknown.
   */
  constructor(options: DropoutOptions) {
    super();
    // The plugin's schema: `new Dropout(options)` and `registry.create('layer', 'dropout',
    // options)` report a bad option with the same error and message.
    const { keepProb, rng } = validateOptions(DROPOUT_WHERE, dropoutSchema, options);
    this.keepProb = keepProb;
    this.#rng = rng ?? getDefaultRng().split();
  }

  /** @inheritDoc */
  protected call(input: Tensor, mode: ForwardMode): Tensor {
    if (!isTensor(input)) {
      throw new ConfigError(
        `Dropout: the input must be a Tensor, got ${input === null ? 'null' : typeof input}.`,
      );
    }
    if (!mode.training || !mode.stochastic || this.keepProb === 1) return input;
    const keepProb = this.keepProb;
    const mask = zeros(input.shape, { dtype: input.dtype });
    const d = mask.data;
    const rng = this.#rng;
    // The inverted-dropout mask d/keepProb in one tensor: one multiplication instead of two.
    const scale = 1 / keepProb;
    for (let i = 0; i < d.length; i++) d[i] = rng.nextFloat() < keepProb ? scale : 0;
    return input.mul(mask);
  }

  /** `'keepProb 0.8'`: the configuration shown by `summary()`. */
  override describe(): string {
    return `keepProb ${this.keepProb}`;
  }
}

/**
 * The `dropout` layer as a registry entry:
 * `registry.create('layer', 'dropout', { keepProb: 0.8 })` is `new Dropout({ keepProb: 0.8 })`.
 *
 * Options: `keepProb` (required, in (0, 1]) and `rng` (an `Rng`, optional). The registry
 * reports invalid options as a {@link @deeptune/core!ConfigError} naming the plugin and the
 * option.
 */
export const dropoutPlugin = definePlugin({
  kind: 'layer',
  name: 'dropout',
  description: 'Inverted dropout: keeps each unit with probability keepProb, scaled by 1/keepProb.',
  options: dropoutSchema,
  create: (options) => new Dropout(options),
  // No parameters or buffers: loading a saved model checks this against the weights file.
  stateShapes: () => ({}),
});

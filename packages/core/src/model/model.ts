import type { Tensor } from '../tensor/tensor.js';
import type { ForwardMode } from './forward-mode.js';
import type { NamedParameter } from './named-parameter.js';

/**
 * The contract every trainable model fulfils: a forward pass and its named parameters.
 *
 * `Module` in `@deeptune/layers` implements it; gradient checking and the training loop
 * depend only on this contract, so they work with any model that keeps it.
 */
export interface Model {
  /**
   * Computes the model's output for a batch (batch-first: `[m, …]`).
   *
   * @param input - the batch.
   * @param mode - overrides the model's own mode (its `train()` / `eval()` state) for this
   *   pass only.
   */
  forward(input: Tensor, mode?: Partial<ForwardMode>): Tensor;
  /** Every trainable parameter, with unique dotted paths, in a stable order. */
  namedParameters(): NamedParameter[];
}

import type { Tensor } from '../tensor/tensor.js';
import type { ForwardMode } from './forward-mode.js';
import type { NamedParameter } from './named-parameter.js';
import type { LoadStateDictOptions, LoadStateDictResult, StateDict } from './state-dict.js';

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
  /** A snapshot (copies) of every parameter and persistent buffer by dotted path. */
  stateDict(): StateDict;
  /** Copies a snapshot back into the model's tensors, in place. */
  loadStateDict(dict: Readonly<StateDict>, options?: LoadStateDictOptions): LoadStateDictResult;
}

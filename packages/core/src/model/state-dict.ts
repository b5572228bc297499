import type { Tensor } from '../tensor/tensor.js';

/** A model's tensors (parameters and persistent buffers) by dotted path. */
export type StateDict = Record<string, Tensor>;

/** Options of `loadStateDict`. */
export interface LoadStateDictOptions {
  /**
   * Throw a `StateDictError` when keys are missing or unexpected.
   * @defaultValue true
   */
  readonly strict?: boolean;
}

/** The outcome of `loadStateDict`. */
export interface LoadStateDictResult {
  /** Paths the model has but the dictionary lacks (left unchanged). */
  readonly missingKeys: string[];
  /** Paths in the dictionary the model does not have (ignored). */
  readonly unexpectedKeys: string[];
}

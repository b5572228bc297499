import type { Tensor } from '../tensor/tensor.js';

/**
 * One recorded operation of the autograd graph: its inputs and the rule that turns the
 * gradient of its output into gradients of its inputs.
 *
 * @internal
 */
export interface GradNode {
  /** The operation's public name, used in error messages (`'matmul'`). */
  readonly op: string;
  /** The operation's tensor inputs, in order. */
  readonly inputs: readonly Tensor[];
  /**
   * Given the gradient of the output, returns one gradient per input (with the input's
   * shape), or `null` for inputs that do not require a gradient.
   */
  readonly backward: (gradOutput: Tensor) => readonly (Tensor | null)[];
}

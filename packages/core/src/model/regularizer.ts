import type { Tensor } from '../tensor/tensor.js';
import type { NamedParameter } from './named-parameter.js';

/**
 * A regularizer: a penalty on the parameters that the cost adds to the data term.
 *
 * The penalty is a differentiable one-element tensor, so its gradient (e.g. `(λ/m)·W` for
 * L2) comes from autograd. Regularizers choose which parameters they penalise, typically
 * only those with role `'weight'`.
 */
export interface Regularizer {
  /** The registry name, e.g. `'l2'`. */
  readonly name: string;
  /** The strength λ. */
  readonly lambda: number;
  /**
   * The penalty for these parameters and a batch of `batchSize` examples (the course's
   * penalties divide by m).
   */
  penalty(parameters: readonly NamedParameter[], batchSize: number): Tensor;
}

import type { Tensor } from '@deeptune/core';

/**
 * One mini-batch of examples, as produced by {@link minibatches}.
 *
 * @category Mini-batches
 */
export interface Batch {
  /** The inputs of the batch, `[size, …]` (augmented when an augmentation was given). */
  readonly inputs: Tensor;
  /** The targets of the batch, `[size]` or `[size, k]`, in the same order as `inputs`. */
  readonly targets: Tensor;
  /** The position of this batch within its epoch: 0, 1, 2, … */
  readonly index: number;
  /** The number of examples in this batch: `batchSize`, or fewer for the last one. */
  readonly size: number;
}

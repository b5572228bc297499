import type { Tensor } from '../tensor/tensor.js';
import type { Rng } from '../random/rng.js';

/**
 * A data augmentation: returns a randomly transformed copy of a batch of examples
 * (batch-first), drawing all randomness from `rng` so it is reproducible.
 */
export type Augmentation = (batch: Tensor, rng: Rng) => Tensor;

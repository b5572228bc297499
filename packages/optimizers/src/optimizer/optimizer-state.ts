import type { Storage } from '@deeptune/core';

/**
 * One entry of an optimizer's per-parameter state: a buffer with one element per parameter
 * element (e.g. Adam's first moment m) or a single number.
 *
 * Buffers are allocated once, in the rule's `init`, with the parameter's dtype (a
 * `Float32Array` for a `float32` parameter), and updated in place by `update`.
 *
 * @category Optimizers/Framework
 */
export type OptimizerStateValue = Storage | number;

/**
 * The state an update rule keeps for one parameter: named buffers and numbers, e.g.
 * `{ m: Float64Array, v: Float64Array }` for Adam.
 *
 * It is plain data so that `Optimizer.stateDict()` can save it and `loadStateDict()` restore
 * it bit for bit.
 *
 * @category Optimizers/Framework
 */
export type OptimizerState = Record<string, OptimizerStateValue>;

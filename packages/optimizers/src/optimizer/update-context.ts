import type { Storage } from '@deeptune/core';
import type { OptimizerState } from './optimizer-state.js';

/**
 * The hyperparameters every optimizer has, supplied by the framework: the learning rate of
 * the current step (after the schedule) and the decoupled weight decay of the parameter's
 * group.
 *
 * @category Optimizers/Framework
 */
export interface BaseHyperparameters {
  /** The learning rate α of the current step, after the schedule; ≥ 0. */
  readonly learningRate: number;
  /**
   * The decoupled weight decay λ of the parameter's group, already applied by the framework
   * before `update` runs (W ← W·(1 − α·λ)); rules normally ignore it.
   */
  readonly weightDecay: number;
}

/**
 * What an update rule's `update` receives for one parameter at one step.
 *
 * The framework reuses one context object for every parameter and step (no allocation in
 * the training loop), so a rule must not keep a reference to it, only read it.
 *
 * @typeParam H - the rule's own hyperparameters (from its schema).
 * @typeParam S - the rule's per-parameter state.
 * @category Optimizers/Framework
 */
export interface UpdateContext<H, S extends OptimizerState = OptimizerState> {
  /** The parameter's elements, to update in place (the tensor's `data`). */
  readonly param: Storage;
  /** The gradient's elements, same length and dtype (after clipping); read only. */
  readonly grad: Storage;
  /** The parameter's state, as `init` created it; update its buffers in place. */
  readonly state: S;
  /** The hyperparameters of the parameter's group, with the scheduled learning rate. */
  readonly hp: Readonly<H> & BaseHyperparameters;
  /** The number t of this step: 1 for the first update (as in Adam's bias correction). */
  readonly step: number;
  /** The parameter's path, e.g. `'layers.0.weight'`. */
  readonly path: string;
}

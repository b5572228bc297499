import type { Tensor } from '@deeptune/core';
import type { OptimizerState } from './optimizer-state.js';
import type { UpdateContext } from './update-context.js';

/**
 * A per-parameter update rule: how to create a parameter's state and how to update the
 * parameter from its gradient. This is all an optimizer plugin writes; the framework makes
 * it the last transform of the optimizer's chain (with `perParameter`), after the
 * learning-rate schedule, clipping and weight decay, and supplies parameter groups, the
 * step counter and state save/restore.
 *
 * @typeParam H - the rule's hyperparameters.
 * @typeParam S - the per-parameter state.
 * @category Optimizers/Framework
 */
export interface OptimizerRule<H, S extends OptimizerState = OptimizerState> {
  /** The registry name, e.g. `'adam'` or `'acme:lion'`. */
  readonly name: string;
  /**
   * Creates the state of one parameter, allocating its buffers once (e.g.
   * `{ m: zerosLike(param).data }`). Called when the parameter is added.
   */
  init(param: Tensor): S;
  /**
   * Updates `context.param` in place from `context.grad`, reading and updating
   * `context.state`. Runs for every parameter that has a gradient, at every step; it should
   * be a plain loop over the typed arrays that allocates nothing.
   */
  update(context: UpdateContext<H, S>): void;
}

import { ConfigError, describeValue } from '@deeptune/core';
import type { Storage, Tensor } from '@deeptune/core';
import type { OptimizerState } from '../optimizer/optimizer-state.js';
import type { UpdateContext } from '../optimizer/update-context.js';
import type { GradientTransform, TransformStep } from './gradient-transform.js';

/**
 * What {@link perParameter} lifts into a transform: a name and a per-parameter update (with
 * an optional per-parameter state), the shape of every optimizer's update rule.
 *
 * @typeParam H - the hyperparameters `update` reads from `context.hp`.
 * @typeParam S - the per-parameter state.
 * @category Optimizers/Transforms
 */
export interface PerParameterDefinition<H, S extends OptimizerState> {
  /** The transform's name, unique within its chain. */
  readonly name: string;
  /** Creates one parameter's state (`{}` when omitted). */
  init?(param: Tensor): S;
  /** Updates one parameter in place; the context is reused, so never keep it. */
  update(context: UpdateContext<H, S>): void;
}

interface MutableContext {
  param: Storage;
  grad: Storage;
  state: OptimizerState;
  hp: UpdateContext<unknown>['hp'];
  step: number;
  path: string;
}

/**
 * Lifts a per-parameter function into a {@link GradientTransform}: its `update` runs once
 * for every parameter that has a gradient, with one reused {@link UpdateContext}.
 *
 * This is how `defineOptimizer` turns an update rule into the rule transform of the
 * optimizer's chain; use it for any transform that treats parameters one at a time.
 *
 * @param definition - `name`, optional `init`, and `update(context)`.
 * @returns a transform whose state per parameter is what `init` returns.
 * @throws {@link @deeptune/core!ConfigError} when `name` is not a non-empty string or
 * `update` (or a given `init`) is not a function.
 *
 * @example
 * ```ts
 * // Sign descent as a transform: W ← W − α·sign(dW)
 * const signDescent = perParameter({
 *   name: 'sign-descent',
 *   update: ({ param, grad, hp }) => {
 *     for (let i = 0; i < param.length; i++) param[i] -= hp.learningRate * Math.sign(grad[i]!);
 *   },
 * });
 * const optimizer = sgd().withTransforms((chain) => [...chain.slice(0, -1), signDescent]);
 * ```
 * @category Optimizers/Transforms
 */
export function perParameter<
  H = Record<string, unknown>,
  S extends OptimizerState = OptimizerState,
>(definition: PerParameterDefinition<H, S>): GradientTransform<S> {
  const { name, init, update } = definition;
  if (typeof name !== 'string' || name === '') {
    throw new ConfigError(
      `perParameter: 'name' must be a non-empty string, got ${describeValue(name)}`,
    );
  }
  if (typeof update !== 'function' || (init !== undefined && typeof init !== 'function')) {
    throw new ConfigError(
      `perParameter('${name}'): 'update' (and 'init', when given) must be functions`,
    );
  }
  const transform = new PerParameterTransform(
    name,
    update as (context: UpdateContext<unknown, OptimizerState>) => void,
  );
  if (init !== undefined) transform.init = (param: Tensor): OptimizerState => init(param);
  return Object.freeze(transform) as GradientTransform<OptimizerState> as GradientTransform<S>;
}

/**
 * The transform {@link perParameter} returns: one reused context, and a plain loop that
 * calls the per-parameter update (a class, so that the loop reads fields, not closures).
 */
class PerParameterTransform implements GradientTransform<OptimizerState> {
  readonly name: string;
  init?: (param: Tensor) => OptimizerState;
  readonly #update: (context: UpdateContext<unknown, OptimizerState>) => void;
  readonly #context: MutableContext = {
    param: new Float64Array(0),
    grad: new Float64Array(0),
    state: {},
    hp: { learningRate: 0, weightDecay: 0 },
    step: 0,
    path: '',
  };

  constructor(name: string, update: (context: UpdateContext<unknown, OptimizerState>) => void) {
    this.name = name;
    this.#update = update;
  }

  update(step: TransformStep, states: readonly OptimizerState[]): void {
    const parameters = step.parameters;
    const context = this.#context;
    const update = this.#update;
    context.step = step.step;
    for (let i = 0; i < parameters.length; i++) {
      const parameter = parameters[i]!;
      context.param = parameter.param;
      context.grad = parameter.grad;
      context.state = states[i]!;
      context.hp = parameter.hp;
      context.path = parameter.path;
      update(context);
    }
  }
}

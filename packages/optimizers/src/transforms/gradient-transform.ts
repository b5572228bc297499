import type { ParameterRole, Storage, Tensor } from '@deeptune/core';
import type { LearningRateSchedule } from '../schedules/learning-rate-schedule.js';
import type { OptimizerState } from '../optimizer/optimizer-state.js';
import type { BaseHyperparameters } from '../optimizer/update-context.js';

/**
 * The hyperparameters of one parameter group during a step: the rule's own (defaults and
 * group overrides applied), the group's decoupled weight decay λ, and the learning rate α
 * of the current step, which the `'learning-rate'` transform writes before the transforms
 * after it read it.
 *
 * @category Optimizers/Transforms
 */
export type GroupHyperparameters = Record<string, unknown> & {
  -readonly [K in keyof BaseHyperparameters]: BaseHyperparameters[K];
};

/**
 * A parameter group as transforms see it: its name, its learning-rate source and its
 * hyperparameters of the current step (one object per group, shared by its parameters).
 *
 * @category Optimizers/Transforms
 */
export interface TransformGroup {
  /** The group name (`'default'` for parameters no configured group matched). */
  readonly name: string;
  /** The group's learning rate: a number, or a schedule of the step number t ≥ 1. */
  readonly learningRate: number | LearningRateSchedule;
  /** The group's hyperparameters; only a learning-rate transform writes `learningRate`. */
  readonly hp: GroupHyperparameters;
}

/**
 * One parameter taking part in a step, as transforms see it.
 *
 * @category Optimizers/Transforms
 */
export interface TransformParameter {
  /** The parameter's path, e.g. `'layers.0.weight'`. */
  readonly path: string;
  /** The parameter's role (`'weight'`, `'bias'`, …). */
  readonly role: ParameterRole;
  /** The name of the parameter's group. */
  readonly group: string;
  /** The parameter's elements (the tensor's `data`); transforms may update them in place. */
  readonly param: Storage;
  /**
   * The gradient's elements (the `grad` tensor's `data`), same length and dtype; clipping
   * transforms rescale them in place, as PyTorch's `clip_grad_norm_` does.
   */
  readonly grad: Storage;
  /** The hyperparameters of the parameter's group (the group's own object). */
  readonly hp: Readonly<GroupHyperparameters>;
}

/**
 * What every transform of an optimizer's chain receives at one step.
 *
 * The framework reuses these objects at every step (no allocation in the training loop): a
 * transform must read them during `update` only, never keep them.
 *
 * @category Optimizers/Transforms
 */
export interface TransformStep {
  /** The optimizer's name, for messages (e.g. `'adam'`). */
  readonly optimizer: string;
  /** The number t of this step: 1 for the first. */
  readonly step: number;
  /**
   * The parameters that have a gradient at this step, in the order they were added
   * (parameters whose `grad` is `null` sit the step out, and their state does not change).
   */
  readonly parameters: readonly TransformParameter[];
  /** Every parameter group, in matching order (the configured ones, then `'default'`). */
  readonly groups: readonly TransformGroup[];
}

/**
 * One piece of an optimizer: a transform with explicit per-parameter state, run in order
 * with the others of the optimizer's chain at every `step()` (optax's lesson, applied in
 * place).
 *
 * The built-in pieces are {@link scheduleLearningRate}, {@link clipByValue},
 * {@link clipByGlobalNorm}, {@link decoupledWeightDecay} and the update rule of every
 * optimizer ({@link perParameter} of what `defineOptimizer` was given). A transform of your
 * own, such as a weight EMA or lookahead, is an object with the same two functions; add it
 * with `Optimizer.withTransforms`.
 *
 * @remarks
 * ```text
 * addParameters:  state_k[path] = transform_k.init(param)          (each transform k, once)
 * step t:         for k = 1 … K:  transform_k.update(step_t, state_k[parameters of step t])
 * ```
 * Each transform sees the gradients and parameters as the transforms before it left them,
 * so order matters (clip by value, then by norm, then decay, then the rule, then an EMA of
 * the new weights). State is plain data (buffers of the parameter's dtype and numbers):
 * `Optimizer.stateDict()` saves it keyed by transform name and parameter path.
 * @see https://github.com/google-deepmind/optax (optax's GradientTransformation and chain)
 *
 * @typeParam S - the per-parameter state `init` creates.
 * @example
 * ```ts
 * import type { GradientTransform } from '@deeptune/optimizers';
 *
 * // An exponential moving average of the weights, kept next to the live ones.
 * const weightEma = (decay: number): GradientTransform<{ shadow: Storage }> => ({
 *   name: 'weight-ema',
 *   init: (param) => ({ shadow: param.data.slice() }),
 *   update: ({ parameters }, states) => {
 *     for (let i = 0; i < parameters.length; i++) {
 *       const param = parameters[i]!.param;
 *       const shadow = states[i]!.shadow;
 *       for (let j = 0; j < param.length; j++) shadow[j] = decay * shadow[j]! + (1 - decay) * param[j]!;
 *     }
 *   },
 * });
 * const optimizer = adam().withTransforms((chain) => [...chain, weightEma(0.999)]);
 * ```
 * @category Optimizers/Transforms
 */
export interface GradientTransform<S extends OptimizerState = OptimizerState> {
  /**
   * A name unique within the chain (kebab-case, e.g. `'weight-ema'`): it keys the
   * transform's state in `stateDict().transforms`. The update rule is named like its
   * optimizer, and its state is `stateDict().parameters`.
   */
  readonly name: string;
  /**
   * Creates one parameter's state when it is added, allocating its buffers once with the
   * parameter's dtype (e.g. `{ m: zerosLike(param).data }`). Omit it for a stateless
   * transform.
   */
  init?(param: Tensor): S;
  /**
   * Runs the transform for one step, in place: `states[i]` is the state of
   * `step.parameters[i]` (one shared empty object for a transform without `init`). It
   * should be plain loops over the typed arrays that allocate nothing.
   */
  update(step: TransformStep, states: readonly S[]): void;
}

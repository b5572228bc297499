import { resolveLearningRate } from '../internal/check-options.js';
import type { GradientTransform, TransformStep } from './gradient-transform.js';

/**
 * The name of the transform that supplies each group's learning rate; an optimizer whose
 * groups use a schedule needs a transform of this name in its chain.
 * @internal
 */
export const LEARNING_RATE_TRANSFORM = 'learning-rate';

/**
 * The transform that supplies the (scheduled) learning rate: at step t it sets every
 * group's `hp.learningRate` to α_g(t), which the transforms after it read (weight decay and
 * the update rule).
 *
 * It is the first piece of every optimizer's default chain, and is named
 * `'learning-rate'`; an optimizer refuses a chain without it when a group's learning rate
 * is a schedule.
 *
 * @remarks
 * ```text
 * for each group g:   hp_g.learningRate = α_g               (a number)
 *                                       = schedule_g(t)     (a schedule; finite and ≥ 0)
 * ```
 * Unlike optax's `scale_by_learning_rate`, this does not multiply the update: every update
 * rule applies α itself (`W ← W − α·…`), so that the built-in rules keep PyTorch's order of
 * floating-point operations exactly. Schedules are functions of explicit state: of the
 * step number t, or (reduce-on-plateau) of a state object saved with the optimizer's.
 *
 * @returns a stateless transform named `'learning-rate'`.
 * @throws (at a step) {@link @deeptune/core!InvalidHyperparameterError} when a schedule
 * returns a negative or non-finite learning rate.
 *
 * @example
 * ```ts
 * const optimizer = sgd({ learningRate: timeDecay({ initialLearningRate: 0.2 }) });
 * optimizer.transforms[0] === optimizer.transforms.find((t) => t.name === 'learning-rate'); // true
 * // a chain of your own keeps it first:
 * chain(scheduleLearningRate(), clipByGlobalNorm(1), decoupledWeightDecay(), signDescent);
 * ```
 * @category Optimizers/Transforms
 */
export function scheduleLearningRate(): GradientTransform {
  return Object.freeze({
    name: LEARNING_RATE_TRANSFORM,
    update(step: TransformStep): void {
      const groups = step.groups;
      for (let i = 0; i < groups.length; i++) {
        const group = groups[i]!;
        group.hp.learningRate = resolveLearningRate(
          step.optimizer,
          group.name,
          group.learningRate,
          step.step,
        );
      }
    },
  });
}

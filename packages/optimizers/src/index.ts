/**
 * Optimizers for deeptune as optax-style update rules with a PyTorch-style `step()`: SGD,
 * momentum (course and PyTorch forms, Nesterov), RMSprop, Adam and AdamW; learning-rate
 * schedules (time-based, exponential, square-root, staircase, manual, reduce-on-plateau,
 * warmup + cosine); exponentially weighted averages; and `defineOptimizer` for custom
 * optimizer plugins, which get parameter groups, schedules, gradient clipping, decoupled
 * weight decay and state save/restore from the framework.
 *
 * Every optimizer is a chain of transforms (optax's lesson): the scheduled learning rate,
 * clipping by value and by global norm, decoupled weight decay and the update rule, run in
 * order at each `step()`. `optimizer.withTransforms(...)` reorders the chain or adds pieces
 * of your own (a `GradientTransform`: `init` and `update` on explicit state).
 *
 * ```ts
 * import { adam, timeDecay, perEpoch } from '@deeptune/optimizers';
 *
 * const optimizer = adam({
 *   learningRate: perEpoch(timeDecay({ initialLearningRate: 1e-3, decayRate: 0.1 }), 100),
 *   clipNorm: 1,
 * }).addParameters(model.namedParameters());
 *
 * optimizer.zeroGrad();
 * loss.backward();
 * optimizer.step();
 * ```
 *
 * @packageDocumentation
 */

// Framework
export { defineOptimizer } from './optimizer/define-optimizer.js';
export type {
  OptimizerDefinition,
  OptimizerDefaults,
  OptimizerPlugin,
  FrameworkOptionsSchema,
} from './optimizer/define-optimizer.js';
export { Optimizer } from './optimizer/optimizer.js';
export type { OptimizerRule } from './optimizer/optimizer-rule.js';
export type { OptimizerState, OptimizerStateValue } from './optimizer/optimizer-state.js';
export type { OptimizerStateDict } from './optimizer/optimizer-state-dict.js';
export type { UpdateContext, BaseHyperparameters } from './optimizer/update-context.js';
export { DEFAULT_PARAMETER_GROUPS } from './optimizer/parameter-group.js';
export type { ParameterGroupOptions, ParameterGroupInfo } from './optimizer/parameter-group.js';

// Transforms: the pieces every optimizer is a chain of
export type {
  GradientTransform,
  GroupHyperparameters,
  TransformGroup,
  TransformParameter,
  TransformStep,
} from './transforms/gradient-transform.js';
export { chain } from './transforms/chain.js';
export type { TransformChain } from './transforms/chain.js';
export { perParameter } from './transforms/per-parameter.js';
export type { PerParameterDefinition } from './transforms/per-parameter.js';
export { scheduleLearningRate } from './transforms/schedule-learning-rate.js';
export { clipByValue } from './transforms/clip-by-value.js';
export { clipByGlobalNorm } from './transforms/clip-by-global-norm.js';
export { decoupledWeightDecay } from './transforms/decoupled-weight-decay.js';

// Built-in optimizers
export { sgd, sgdPlugin } from './optimizers/sgd.js';
export { momentum, momentumPlugin } from './optimizers/momentum.js';
export { rmsprop, rmspropPlugin } from './optimizers/rmsprop.js';
export { adam, adamPlugin } from './optimizers/adam.js';
export { adamw, adamwPlugin } from './optimizers/adamw.js';

// Exponentially weighted averages
export { ewma } from './ewma/ewma.js';
export type { Ewma } from './ewma/ewma.js';
export { biasCorrection } from './ewma/bias-correction.js';

// Schedules
export type { LearningRateSchedule } from './schedules/learning-rate-schedule.js';
export { isStatefulSchedule } from './schedules/stateful-schedule.js';
export type { StatefulSchedule, ScheduleState } from './schedules/stateful-schedule.js';
export { timeDecay, timeDecayPlugin } from './schedules/time-decay.js';
export { exponentialDecay, exponentialDecayPlugin } from './schedules/exponential-decay.js';
export { squareRootDecay, squareRootDecayPlugin } from './schedules/square-root-decay.js';
export { staircaseDecay, staircaseDecayPlugin } from './schedules/staircase-decay.js';
export { manualSchedule, manualSchedulePlugin } from './schedules/manual-schedule.js';
export { reduceOnPlateau, reduceOnPlateauPlugin } from './schedules/reduce-on-plateau.js';
export type { PlateauSchedule, PlateauState } from './schedules/reduce-on-plateau.js';
export { warmupCosine, warmupCosinePlugin } from './schedules/warmup-cosine.js';
export { perEpoch } from './schedules/per-epoch.js';

// This package's plugins
export { plugin, register } from './plugin.js';

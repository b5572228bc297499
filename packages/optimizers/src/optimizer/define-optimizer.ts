import { ConfigError, definePlugin, option } from '@deeptune/core';
import type {
  CustomOption,
  NumberOption,
  OptionsOf,
  OptionsSchema,
  PluginEntry,
  Tensor,
} from '@deeptune/core';
import type { LearningRateSchedule } from '../schedules/learning-rate-schedule.js';
import { checkLearningRate } from '../internal/check-options.js';
import { chain } from '../transforms/chain.js';
import { clipByGlobalNorm } from '../transforms/clip-by-global-norm.js';
import { clipByValue } from '../transforms/clip-by-value.js';
import { decoupledWeightDecay } from '../transforms/decoupled-weight-decay.js';
import { perParameter } from '../transforms/per-parameter.js';
import { scheduleLearningRate } from '../transforms/schedule-learning-rate.js';
import { Optimizer } from './optimizer.js';
import type { OptimizerRule } from './optimizer-rule.js';
import type { OptimizerState } from './optimizer-state.js';
import { DEFAULT_PARAMETER_GROUPS, type ParameterGroupOptions } from './parameter-group.js';
import type { UpdateContext } from './update-context.js';

/**
 * The framework's defaults that an optimizer definition chooses.
 *
 * @category Optimizers/Framework
 */
export interface OptimizerDefaults {
  /** The default learning rate α, a number > 0. */
  readonly learningRate: number;
  /**
   * The default decoupled weight decay λ ≥ 0.
   * @defaultValue 0
   */
  readonly weightDecay?: number;
}

/**
 * What {@link defineOptimizer} takes: a name, defaults, the rule's hyperparameter schema,
 * and the per-parameter `init` and `update`.
 *
 * @typeParam S - the schema of the rule's own hyperparameters (built with `option`).
 * @typeParam St - the per-parameter state `init` creates.
 * @category Optimizers/Framework
 */
export interface OptimizerDefinition<S extends OptionsSchema, St extends OptimizerState> {
  /** The registry name: kebab-case for built-ins, namespaced for others (`'acme:lion'`). */
  readonly name: string;
  /** One sentence for help output. */
  readonly description: string;
  /** The default learning rate (and weight decay). */
  readonly defaults: OptimizerDefaults;
  /**
   * The rule's own hyperparameters, e.g. `beta1: option.number({ default: 0.9, min: 0,
   * exclusiveMax: 1 })`. Out-of-range values throw
   * {@link @deeptune/core!InvalidHyperparameterError}. The names of the framework options
   * (`learningRate`, `weightDecay`, `clipNorm`, `clipValue`, `groups`) are taken.
   */
  readonly hyperparameters?: S;
  /** Creates one parameter's state; see {@link OptimizerRule.init}. */
  init(param: Tensor): St;
  /** Updates one parameter in place; see {@link OptimizerRule.update}. */
  update(context: UpdateContext<OptionsOf<S>, St>): void;
}

/**
 * The schema of the options every optimizer shares, whatever its rule: `learningRate` (a
 * number or a schedule), `weightDecay` (decoupled), `clipNorm`, `clipValue` and `groups`.
 *
 * @category Optimizers/Framework
 */
export type FrameworkOptionsSchema = {
  /** Learning rate α: a number > 0 or a {@link LearningRateSchedule}. */
  readonly learningRate: CustomOption<number | LearningRateSchedule> & {
    /** The definition's default learning rate. */
    readonly default: number | LearningRateSchedule;
  };
  /** Decoupled weight decay λ ≥ 0. */
  readonly weightDecay: NumberOption & {
    /** The definition's default weight decay (0 unless it says otherwise). */
    readonly default: number;
  };
  /** Maximum global gradient norm (optional). */
  readonly clipNorm: NumberOption & {
    /** No clipping by norm unless given. */
    readonly optional: true;
  };
  /** Maximum absolute gradient element (optional). */
  readonly clipValue: NumberOption & {
    /** No clipping by value unless given. */
    readonly optional: true;
  };
  /** Parameter groups; see {@link ParameterGroupOptions}. */
  readonly groups: CustomOption<readonly ParameterGroupOptions[]> & {
    /** {@link DEFAULT_PARAMETER_GROUPS}. */
    readonly default: readonly ParameterGroupOptions[];
  };
};

function isLearningRate(value: unknown): value is number | LearningRateSchedule {
  return typeof value === 'number' || typeof value === 'function';
}

function isGroupList(value: unknown): value is readonly ParameterGroupOptions[] {
  return Array.isArray(value);
}

/**
 * The options schema every optimizer shares: learning rate (or schedule), decoupled weight
 * decay, clipping and parameter groups.
 * @internal
 */
export function frameworkSchema(defaults: OptimizerDefaults): FrameworkOptionsSchema {
  return {
    /** Learning rate α: a number > 0, or a schedule of the step number t ≥ 1. */
    learningRate: option.custom({
      typeName: 'a number > 0 or a schedule function (t) => number',
      check: isLearningRate,
      default: defaults.learningRate,
      description: 'Learning rate α: a number > 0, or a schedule of the step number t ≥ 1.',
    }),
    /** Decoupled weight decay λ: W ← W·(1 − α·λ) before each update. */
    weightDecay: option.number({
      default: defaults.weightDecay ?? 0,
      min: 0,
      description: 'Decoupled weight decay λ: W ← W·(1 − α·λ) before each update.',
    }),
    /** Rescale all gradients together when their global L2 norm exceeds this. */
    clipNorm: option.number({
      exclusiveMin: 0,
      optional: true,
      description: 'Rescale all gradients together when their global L2 norm exceeds this.',
    }),
    /** Clip every gradient element to [−clipValue, clipValue]. */
    clipValue: option.number({
      exclusiveMin: 0,
      optional: true,
      description: 'Clip every gradient element to [−clipValue, clipValue].',
    }),
    groups: option.custom({
      typeName: 'an array of parameter groups { name, roles?, paths?, … }',
      check: isGroupList,
      default: DEFAULT_PARAMETER_GROUPS,
      description:
        'Parameter groups with their own hyperparameters; default: no decay on biases, γ, β.',
    }),
  };
}

/**
 * An optimizer plugin: a registry entry of kind `'optimizer'` whose `create` validates the
 * options and returns an {@link Optimizer}.
 *
 * @typeParam S - the rule's hyperparameter schema.
 * @category Optimizers/Framework
 */
export type OptimizerPlugin<S extends OptionsSchema = OptionsSchema> = PluginEntry<
  'optimizer',
  FrameworkOptionsSchema & S,
  Optimizer
>;

const FRAMEWORK_OPTIONS = ['learningRate', 'weightDecay', 'clipNorm', 'clipValue', 'groups'];

/**
 * Defines an optimizer from its per-parameter rule: the framework supplies parameter
 * groups, the learning-rate schedule, gradient clipping, decoupled weight decay, the step
 * counter and `stateDict()`/`loadStateDict()`.
 *
 * Each optimizer it creates runs the default chain of transforms — `scheduleLearningRate()`,
 * `clipByValue(clipValue)` and `clipByGlobalNorm(clipNorm)` when those options are given,
 * `decoupledWeightDecay()`, then the rule as `perParameter({ name, init, update })` — which
 * `Optimizer.withTransforms` can reorder or extend.
 *
 * The result is a plugin entry: register it (`registry.register(lionPlugin)`) to select it
 * by name, or call its `create` directly; both validate the options the same way.
 *
 * @param definition - name, description, defaults, hyperparameter schema, `init`, `update`.
 * @returns the frozen optimizer plugin entry.
 * @throws {@link @deeptune/core!ConfigError} when the name is not kebab-case (or
 * `namespace:kebab-case`), the schema is malformed or uses a framework option name, or
 * `init`/`update` is not a function.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when the default learning rate
 * or weight decay is out of range.
 *
 * @example
 * ```ts
 * import { option, zerosLike } from '@deeptune/core';
 * import { defineOptimizer } from '@deeptune/optimizers';
 *
 * // Sign descent with momentum: W −= α·sign(m), m = β·m + (1 − β)·dW.
 * export const signumPlugin = defineOptimizer({
 *   name: 'acme:signum',
 *   description: 'Sign of a momentum average.',
 *   defaults: { learningRate: 1e-3 },
 *   hyperparameters: { beta: option.number({ default: 0.9, min: 0, exclusiveMax: 1 }) },
 *   init: (param) => ({ m: zerosLike(param).data }),
 *   update: ({ param, grad, state, hp }) => {
 *     for (let i = 0; i < param.length; i++) {
 *       state.m[i] = hp.beta * state.m[i]! + (1 - hp.beta) * grad[i]!;
 *       param[i] -= hp.learningRate * Math.sign(state.m[i]!);
 *     }
 *   },
 * });
 * ```
 * @category Optimizers/Framework
 */
export function defineOptimizer<
  const S extends OptionsSchema = Record<never, never>,
  St extends OptimizerState = OptimizerState,
>(definition: OptimizerDefinition<S, St>): OptimizerPlugin<S> {
  const { name, description, defaults, init, update } = definition;
  const where = `defineOptimizer: optimizer '${String(name)}'`;
  if (typeof defaults !== 'object' || defaults === null) {
    throw new ConfigError(`${where}: 'defaults' must be an object { learningRate, weightDecay? }`);
  }
  checkLearningRate(`${where}: defaults`, defaults.learningRate);
  if (typeof init !== 'function' || typeof update !== 'function') {
    throw new ConfigError(`${where}: 'init' and 'update' must be functions`);
  }
  const hyperparameters = definition.hyperparameters ?? ({} as S);
  for (const key of Object.keys(hyperparameters)) {
    if (FRAMEWORK_OPTIONS.includes(key)) {
      throw new ConfigError(
        `${where}: hyperparameter '${key}' is a framework option (${FRAMEWORK_OPTIONS.join(', ')}). Hint: read the learning rate from context.hp.learningRate.`,
      );
    }
  }
  const framework = frameworkSchema(defaults);
  const schema = { ...framework, ...hyperparameters } as FrameworkOptionsSchema & S;
  const rule: OptimizerRule<OptionsOf<S>, St> = { name, init, update };
  return definePlugin({
    kind: 'optimizer',
    name,
    description,
    options: schema,
    create: (options): Optimizer => {
      const all = options as Readonly<Record<string, unknown>>;
      const ruleHyperparameters: Record<string, unknown> = {};
      for (const key of Object.keys(hyperparameters)) {
        if (all[key] !== undefined) ruleHyperparameters[key] = all[key];
      }
      const clipNorm = all['clipNorm'] as number | undefined;
      const clipValue = all['clipValue'] as number | undefined;
      // The default chain; Optimizer.withTransforms reorders it or adds pieces.
      const transforms = chain(
        scheduleLearningRate(),
        clipValue === undefined ? [] : [clipByValue(clipValue)],
        clipNorm === undefined ? [] : [clipByGlobalNorm(clipNorm)],
        decoupledWeightDecay(),
        perParameter(rule),
      );
      return new Optimizer({
        name,
        transforms,
        learningRate: checkLearningRate(`optimizer '${name}'`, all['learningRate']),
        weightDecay: all['weightDecay'] as number,
        groups: all['groups'] as readonly ParameterGroupOptions[],
        hyperparameters: Object.freeze(ruleHyperparameters),
        schema: hyperparameters,
        ...(clipNorm === undefined ? {} : { clipNorm }),
        ...(clipValue === undefined ? {} : { clipValue }),
      });
    },
  });
}

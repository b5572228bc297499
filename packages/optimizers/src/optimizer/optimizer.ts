import { ConfigError, noGrad, describeValue } from '@deeptune/core';
import type { NamedParameter } from '@deeptune/core';
import { resolveLearningRate } from '../internal/check-options.js';
import { chain } from '../transforms/chain.js';
import type { TransformChain } from '../transforms/chain.js';
import type { GradientTransform } from '../transforms/gradient-transform.js';
import { LEARNING_RATE_TRANSFORM } from '../transforms/schedule-learning-rate.js';
import type { OptimizerStateDict } from './optimizer-state-dict.js';
import { planOptimizerStateLoad, saveOptimizerState } from './optimizer-state-io.js';
import type { StateSource } from './optimizer-state-io.js';
import type { ParameterGroupInfo } from './parameter-group.js';
import { resolvePartition } from './parameter-partition.js';
import type { Group, PartitionSettings } from './parameter-partition.js';
import { ParameterTable } from './parameter-table.js';
import { StepRunner } from './step-runner.js';

/**
 * The validated settings an optimizer factory passes to the {@link Optimizer} constructor.
 * @internal
 */
export interface OptimizerSettings extends PartitionSettings {
  /** The registry name of the optimizer, which is also the name of its rule transform. */
  readonly name: string;
  /** The chain run at every step. */
  readonly transforms: TransformChain;
  readonly clipNorm?: number;
  readonly clipValue?: number;
}

/**
 * An optimizer: a chain of transforms run at every `step()` — by default the scheduled
 * learning rate, gradient clipping, decoupled weight decay and the update rule — over
 * parameter groups that partition the model's parameters, with a step counter and state
 * save/restore keyed by parameter path.
 *
 * Create one with a factory (`adam({ learningRate: 1e-3 })`, or
 * `registry.create('optimizer', 'adam', { learningRate: 1e-3 })`, which runs the same
 * factory and validation), give it the model's named parameters, then call `step()` after
 * each backward pass. {@link Optimizer.withTransforms} reorders the chain, or adds pieces of
 * your own (a weight EMA, lookahead), for any optimizer.
 *
 * @remarks
 * One `step()` runs the chain ({@link Optimizer.transforms}) with t the number of the step
 * being taken (1 for the first); the default chain is:
 * ```text
 * 'learning-rate'         for each group g:  α_g = learningRate_g   (a number, or schedule_g(t))
 * 'clip-by-value'         if clipValue = c:  dW ← min(max(dW, −c), c)   element-wise
 * 'clip-by-global-norm'   if clipNorm = c:   n = √(Σ over all gradients of dW²);  if n > c: dW ← dW · c/n
 * 'weight-decay'          for each W in group g:  if α_g·λ_g ≠ 0: W ← W · (1 − α_g·λ_g)   (decoupled)
 * the rule (its name)     for each W:  update(W, dW, state, hp_g, t)
 * ```
 * Clipping changes the tensors' `grad` in place (as PyTorch's `clip_grad_norm_` does).
 * Parameters whose `grad` is `null` are skipped (their state does not change). Gradients
 * are checked against their parameters before any transform runs.
 * @see https://arxiv.org/abs/1711.05101 (decoupled weight decay, Loshchilov & Hutter)
 * @see https://arxiv.org/abs/1211.5063 (gradient clipping by norm, Pascanu et al.)
 *
 * @example
 * ```ts
 * const optimizer = adam({ learningRate: 1e-3, clipNorm: 1 }).addParameters(model.namedParameters());
 * for (const batch of batches) {
 *   optimizer.zeroGrad();
 *   loss(model, batch).backward();
 *   optimizer.step();
 * }
 * const saved = optimizer.stateDict(); // keyed by parameter path
 * ```
 * @category Optimizers/Framework
 */
export class Optimizer {
  /** The registry name of the rule, e.g. `'adam'`. */
  readonly name: string;
  /**
   * The `clipNorm` option the optimizer was created with: the maximum global gradient norm
   * of its `'clip-by-global-norm'` transform.
   */
  readonly clipNorm: number | undefined;
  /**
   * The `clipValue` option the optimizer was created with: the maximum absolute gradient
   * element of its `'clip-by-value'` transform.
   */
  readonly clipValue: number | undefined;
  readonly #settings: OptimizerSettings;
  readonly #groups: Group[];
  readonly #table = new ParameterTable();
  readonly #runner: StepRunner;
  readonly #runStep: () => void;
  #step = 0;

  /**
   * Use an optimizer factory (`adam()`, `sgd()`, a plugin's `create`) instead.
   * @internal
   */
  constructor(settings: OptimizerSettings) {
    this.name = settings.name;
    this.#settings = settings;
    this.clipNorm = settings.clipNorm;
    this.clipValue = settings.clipValue;
    const where = `optimizer '${settings.name}'`;
    this.#groups = resolvePartition(where, settings);
    const scheduled = this.#groups.find((group) => typeof group.learningRate === 'function');
    const transforms = settings.transforms;
    if (
      scheduled !== undefined &&
      !transforms.some((transform) => transform.name === LEARNING_RATE_TRANSFORM)
    ) {
      throw new ConfigError(
        `${where}: group '${scheduled.name}' has a learning-rate schedule, but no transform of the chain [${transforms.map((t) => t.name).join(', ')}] is named '${LEARNING_RATE_TRANSFORM}'. Hint: keep scheduleLearningRate() first in the chain.`,
      );
    }
    this.#runner = new StepRunner(settings.name, transforms, this.#groups);
    this.#runStep = () => {
      this.#runner.run(this.#table.entries, this.#step + 1);
      this.#step += 1;
    };
  }

  /** How many steps have been taken (0 before the first `step()`). */
  get stepCount(): number {
    return this.#step;
  }

  /**
   * The chain of transforms every `step()` runs, in order: by default `'learning-rate'`,
   * `'clip-by-value'` (with `clipValue`), `'clip-by-global-norm'` (with `clipNorm`),
   * `'weight-decay'` and the update rule, named like the optimizer.
   */
  get transforms(): TransformChain {
    return this.#settings.transforms;
  }

  /** The parameter groups: the configured ones in order, then `'default'`. */
  get parameterGroups(): readonly ParameterGroupInfo[] {
    return this.#groups.map((group) => ({
      name: group.name,
      paths: [...group.members],
      learningRate: group.learningRate,
      weightDecay: group.weightDecay,
      hyperparameters: group.ruleHyperparameters,
    }));
  }

  /** The paths of the parameters this optimizer updates, in the order they were added. */
  get paths(): readonly string[] {
    return this.#table.paths;
  }

  /**
   * The parameters this optimizer updates, in the order they were added: each path with the
   * very tensor it updates (compare by identity to check that an optimizer belongs to a model).
   */
  get parameters(): readonly NamedParameter[] {
    return this.#table.entries.map((entry) =>
      Object.freeze({ path: entry.path, value: entry.tensor, role: entry.role }),
    );
  }

  /**
   * A new optimizer with the same options and another chain of transforms: reorder the
   * pieces, replace one, or add your own (a weight EMA, lookahead) without changing the
   * framework. Call it before `addParameters`.
   *
   * @param transforms - the new chain, or a function from the current chain to the new one.
   * @returns a fresh optimizer (no parameters, step 0); this one is unchanged.
   * @throws {@link @deeptune/core!ConfigError} when this optimizer already has parameters,
   * the chain is not a list of transforms with unique names, or a group's learning rate is a
   * schedule and no transform is named `'learning-rate'`.
   *
   * @example
   * ```ts
   * const optimizer = adam({ learningRate: 1e-3, clipNorm: 1 })
   *   .withTransforms((chain) => [...chain, weightEma(0.999)]) // after the Adam update
   *   .addParameters(model.namedParameters());
   * ```
   */
  withTransforms(
    transforms: TransformChain | ((current: TransformChain) => readonly GradientTransform[]),
  ): Optimizer {
    const where = `optimizer '${this.name}': withTransforms`;
    const count = this.#table.entries.length;
    if (count > 0) {
      throw new ConfigError(
        `${where}: this optimizer already has ${count} parameters; expected none. Hint: call withTransforms before addParameters, e.g. adam(options).withTransforms(…).addParameters(model.namedParameters()).`,
      );
    }
    const next: unknown =
      typeof transforms === 'function' ? transforms(this.transforms) : transforms;
    if (!Array.isArray(next)) {
      throw new ConfigError(
        `${where}: expected an array of transforms (or a function returning one), got ${describeValue(next)}`,
      );
    }
    return new Optimizer({
      ...this.#settings,
      transforms: chain(...(next as GradientTransform[])),
    });
  }

  /**
   * Adds parameters, sorting each into its group and creating its state in every transform.
   *
   * @param parameters - named parameters, e.g. `model.namedParameters()`.
   * @returns this optimizer, for chaining.
   * @throws {@link @deeptune/core!ConfigError} when a path or tensor is already present, an
   * element is not a named parameter, or a transform's `init` returns something other than
   * numbers and buffers of the parameter's dtype. Nothing is added then.
   */
  addParameters(parameters: Iterable<NamedParameter>): this {
    this.#table.add(this.name, parameters, this.#groups, this.transforms);
    return this;
  }

  /**
   * The learning rate the next `step()` will use in a group.
   *
   * @param group - a group name.
   * @defaultValue group `'default'`
   * @throws {@link @deeptune/core!ConfigError} for an unknown group name.
   */
  learningRate(group = 'default'): number {
    const found = this.#groups.find((candidate) => candidate.name === group);
    if (found === undefined) {
      throw new ConfigError(
        `optimizer '${this.name}': unknown parameter group '${group}'. Known groups: ${this.#groups.map((g) => g.name).join(', ')}.`,
      );
    }
    return resolveLearningRate(this.name, found.name, found.learningRate, this.#step + 1);
  }

  /**
   * Takes one optimization step: checks every parameter's `grad` (skipping `null`), runs the
   * chain of transforms (by default: learning rate, clipping, weight decay, the update
   * rule), and advances the step counter.
   *
   * @throws {@link @deeptune/core!ShapeError} / {@link @deeptune/core!DTypeError} when a
   * gradient does not match its parameter (before anything changes).
   * {@link @deeptune/core!NumericError} when clipping by norm meets a non-finite gradient
   * norm. {@link @deeptune/core!InvalidHyperparameterError} when a schedule returns a
   * negative or non-finite learning rate.
   */
  step(): void {
    noGrad(this.#runStep);
  }

  /** Sets every parameter's `grad` to `null`. */
  zeroGrad(): void {
    for (const entry of this.#table.entries) entry.tensor.grad = null;
  }

  /**
   * The optimizer's state: the step count, the update rule's state of every parameter
   * (copied) keyed by path, the state of stateful schedules keyed by group name and, when
   * the chain has other stateful transforms, theirs keyed by transform name and path.
   */
  stateDict(): OptimizerStateDict {
    return saveOptimizerState(this.#stateSource());
  }

  /**
   * Restores a state saved by {@link Optimizer.stateDict}, so that training continues
   * bit-identically. Everything is checked before anything changes. State dicts saved before
   * optimizers became chains of transforms load unchanged.
   *
   * @param saved - a state dict of an optimizer of the same name over the same paths
   * (typed arrays or, after JSON, plain arrays of numbers).
   * @throws {@link @deeptune/core!StateDictError} when the optimizer name, the step, the set
   * of paths, a state key, a buffer's length or dtype, a schedule's state, or the set of
   * stateful transforms does not match.
   */
  loadStateDict(saved: OptimizerStateDict): void {
    const writes = planOptimizerStateLoad(this.#stateSource(), saved);
    for (const write of writes) write();
    this.#step = saved.step;
  }

  #stateSource(): StateSource {
    return {
      name: this.name,
      step: this.#step,
      entries: this.#table.entries,
      transforms: this.transforms,
      groups: this.#groups,
    };
  }
}

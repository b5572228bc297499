import {
  ConfigError,
  DTypeError,
  InvalidHyperparameterError,
  NumericError,
  ShapeError,
  StateDictError,
  isTensor,
  noGrad,
  validateOptions,
  describeValue,
  formatShape,
} from '@deeptune/core';
import type { NamedParameter, OptionsSchema, ParameterRole, Storage, Tensor } from '@deeptune/core';
import type { LearningRateSchedule } from '../schedules/learning-rate-schedule.js';
import { isStatefulSchedule } from '../schedules/stateful-schedule.js';
import type { ScheduleState } from '../schedules/stateful-schedule.js';
import type { OptimizerRule } from './optimizer-rule.js';
import type { OptimizerStateDict } from './optimizer-state-dict.js';
import type { OptimizerState } from './optimizer-state.js';
import type { ParameterGroupInfo, ParameterGroupOptions } from './parameter-group.js';
import type { UpdateContext } from './update-context.js';

const ROLES: readonly ParameterRole[] = ['weight', 'bias', 'scale', 'shift', 'other'];

/**
 * The validated settings an optimizer factory passes to the {@link Optimizer} constructor.
 * @internal
 */
export interface OptimizerSettings {
  readonly learningRate: number | LearningRateSchedule;
  readonly weightDecay: number;
  readonly clipNorm?: number;
  readonly clipValue?: number;
  readonly groups: readonly ParameterGroupOptions[];
  /** The rule's validated hyperparameters. */
  readonly hyperparameters: Readonly<Record<string, unknown>>;
  /** The rule's hyperparameter schema, to validate group overrides. */
  readonly schema: OptionsSchema;
}

type ErasedRule = OptimizerRule<Record<string, unknown>, OptimizerState>;

interface Group {
  readonly name: string;
  readonly roles: readonly ParameterRole[] | undefined;
  readonly paths: readonly (string | RegExp)[] | undefined;
  readonly learningRate: number | LearningRateSchedule;
  readonly weightDecay: number;
  /** The hyperparameters handed to `update`; `learningRate` is rewritten every step. */
  readonly hp: Record<string, unknown> & { learningRate: number; weightDecay: number };
  readonly ruleHyperparameters: Readonly<Record<string, unknown>>;
  readonly paths_: string[];
}

interface Entry {
  readonly path: string;
  readonly tensor: Tensor;
  readonly role: ParameterRole;
  readonly group: Group;
  readonly state: OptimizerState;
}

interface MutableContext {
  param: Storage;
  grad: Storage;
  state: OptimizerState;
  hp: Group['hp'];
  step: number;
  path: string;
}

function isPositiveNumber(value: number): boolean {
  return Number.isFinite(value) && value > 0;
}

/**
 * Checks a learning rate (number or schedule) and returns it.
 * @internal
 */
export function checkLearningRate(where: string, value: unknown): number | LearningRateSchedule {
  if (typeof value === 'function') return value as LearningRateSchedule;
  if (typeof value === 'number') {
    if (!isPositiveNumber(value)) {
      throw new InvalidHyperparameterError(
        `${where}: option 'learningRate' must be a number > 0, got ${describeValue(value)}. Hint: the learning rate α is a step size; typical values are 1e-4 to 1e-1.`,
      );
    }
    return value;
  }
  throw new ConfigError(
    `${where}: option 'learningRate' must be a number > 0 or a schedule function, got ${describeValue(value)}`,
  );
}

/**
 * Checks a decoupled weight decay and returns it.
 * @internal
 */
export function checkWeightDecay(where: string, value: unknown): number {
  if (typeof value !== 'number') {
    throw new ConfigError(
      `${where}: option 'weightDecay' must be a number >= 0, got ${describeValue(value)}`,
    );
  }
  if (!Number.isFinite(value) || value < 0) {
    throw new InvalidHyperparameterError(
      `${where}: option 'weightDecay' must be a finite number >= 0, got ${describeValue(value)}`,
    );
  }
  return value;
}

/**
 * An optimizer: an update rule plus everything the framework supplies for every rule alike
 * — parameter groups, the learning-rate schedule, gradient clipping, decoupled weight decay,
 * the step counter and state save/restore keyed by parameter path.
 *
 * Create one with a factory (`adam({ learningRate: 1e-3 })`, or
 * `registry.create('optimizer', 'adam', { learningRate: 1e-3 })`, which runs the same
 * factory and validation), give it the model's named parameters, then call `step()` after
 * each backward pass.
 *
 * @remarks
 * One `step()` does, with t the number of the step being taken (1 for the first):
 * ```text
 * for each group:            α_g = learningRate_g            (a number, or schedule_g(t))
 * if clipValue = c:          dW ← min(max(dW, −c), c)         element-wise, every gradient
 * if clipNorm = c:           n = √(Σ over all gradients of dW²);  if n > c: dW ← dW · c/n
 * for each parameter W with a gradient, in its group g:
 *   if weightDecay_g = λ > 0: W ← W · (1 − α_g·λ)             decoupled (AdamW, PyTorch)
 *   the rule's update(W, dW, state, hp_g, t)
 * ```
 * Clipping changes the tensors' `grad` in place (as PyTorch's `clip_grad_norm_` does).
 * Parameters whose `grad` is `null` are skipped (their state does not change).
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
  /** The maximum global gradient norm, when clipping by norm. */
  readonly clipNorm: number | undefined;
  /** The maximum absolute gradient element, when clipping by value. */
  readonly clipValue: number | undefined;
  readonly #rule: ErasedRule;
  readonly #groups: Group[];
  readonly #entries: Entry[] = [];
  readonly #byPath = new Map<string, Entry>();
  readonly #tensors = new Set<Tensor>();
  readonly #context: MutableContext;
  readonly #where: string;
  readonly #runStep: () => void;
  #step = 0;

  /**
   * Use an optimizer factory (`adam()`, `sgd()`, a plugin's `create`) instead.
   * @internal
   */
  constructor(rule: ErasedRule, settings: OptimizerSettings) {
    this.name = rule.name;
    this.#rule = rule;
    this.#where = `optimizer '${rule.name}'`;
    this.clipNorm = settings.clipNorm;
    this.clipValue = settings.clipValue;
    this.#groups = this.#resolveGroups(settings);
    this.#context = {
      param: new Float64Array(0),
      grad: new Float64Array(0),
      state: {},
      hp: this.#groups[0]!.hp,
      step: 0,
      path: '',
    };
    this.#runStep = () => this.#applyStep();
  }

  /** How many steps have been taken (0 before the first `step()`). */
  get stepCount(): number {
    return this.#step;
  }

  /** The parameter groups: the configured ones in order, then `'default'`. */
  get parameterGroups(): readonly ParameterGroupInfo[] {
    return this.#groups.map((group) => ({
      name: group.name,
      paths: [...group.paths_],
      learningRate: group.learningRate,
      weightDecay: group.weightDecay,
      hyperparameters: group.ruleHyperparameters,
    }));
  }

  /** The paths of the parameters this optimizer updates, in the order they were added. */
  get paths(): readonly string[] {
    return this.#entries.map((entry) => entry.path);
  }

  /**
   * The parameters this optimizer updates, in the order they were added: each path with the
   * very tensor it updates (compare by identity to check that an optimizer belongs to a model).
   */
  get parameters(): readonly NamedParameter[] {
    return this.#entries.map((entry) =>
      Object.freeze({ path: entry.path, value: entry.tensor, role: entry.role }),
    );
  }

  /**
   * Adds parameters, sorting each into its group and creating its state.
   *
   * @param parameters - named parameters, e.g. `model.namedParameters()`.
   * @returns this optimizer, for chaining.
   * @throws {@link @deeptune/core!ConfigError} when a path or tensor is already present, or
   * an element is not a named parameter.
   */
  addParameters(parameters: Iterable<NamedParameter>): this {
    const where = `${this.#where}: addParameters`;
    const added: Entry[] = [];
    const paths = new Set<string>();
    const tensors = new Set<Tensor>();
    for (const parameter of parameters) {
      const { path, value, role } = parameter as Partial<NamedParameter>;
      if (typeof path !== 'string' || !isTensor(value) || !ROLES.includes(role!)) {
        throw new ConfigError(
          `${where}: expected named parameters { path, value: Tensor, role }, got ${describeValue(parameter)}`,
        );
      }
      if (this.#byPath.has(path) || paths.has(path)) {
        throw new ConfigError(
          `${where}: parameter '${path}' is already present. Hint: every path may be added once.`,
        );
      }
      if (this.#tensors.has(value) || tensors.has(value)) {
        throw new ConfigError(
          `${where}: the tensor of '${path}' is already present under another path. Hint: a shared parameter is updated once; add it once.`,
        );
      }
      const group = this.#groupOf(path, role!);
      const state = this.#rule.init(value);
      this.#checkState(path, value, state);
      paths.add(path);
      tensors.add(value);
      added.push({ path, tensor: value, role: role!, group, state });
    }
    for (const entry of added) {
      this.#entries.push(entry);
      this.#byPath.set(entry.path, entry);
      this.#tensors.add(entry.tensor);
      entry.group.paths_.push(entry.path);
    }
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
        `${this.#where}: unknown parameter group '${group}'. Known groups: ${this.#groups.map((g) => g.name).join(', ')}.`,
      );
    }
    return this.#resolveLearningRate(found, this.#step + 1);
  }

  /**
   * Takes one optimization step: reads every parameter's `grad` (skipping `null`), clips,
   * applies weight decay and the update rule, and advances the step counter.
   *
   * @throws {@link @deeptune/core!ShapeError} / {@link @deeptune/core!DTypeError} when a
   * gradient does not match its parameter. {@link @deeptune/core!NumericError} when clipping
   * by norm meets a non-finite gradient norm. {@link @deeptune/core!InvalidHyperparameterError}
   * when a schedule returns a negative or non-finite learning rate.
   */
  step(): void {
    noGrad(this.#runStep);
  }

  /** Sets every parameter's `grad` to `null`. */
  zeroGrad(): void {
    for (const entry of this.#entries) entry.tensor.grad = null;
  }

  /**
   * The optimizer's state: the step count, every parameter's state (copied) keyed by path,
   * and the state of stateful schedules keyed by group name.
   */
  stateDict(): OptimizerStateDict {
    const parameters: Record<string, Record<string, number | Storage>> = {};
    for (const entry of this.#entries) {
      const copy: Record<string, number | Storage> = {};
      for (const [key, value] of Object.entries(entry.state)) {
        copy[key] = typeof value === 'number' ? value : value.slice();
      }
      parameters[entry.path] = copy;
    }
    const schedules: Record<string, ScheduleState> = {};
    for (const group of this.#groups) {
      if (isStatefulSchedule(group.learningRate)) {
        schedules[group.name] = group.learningRate.stateDict();
      }
    }
    return { optimizer: this.name, step: this.#step, parameters, schedules };
  }

  /**
   * Restores a state saved by {@link Optimizer.stateDict}, so that training continues
   * bit-identically. Everything is checked before anything changes.
   *
   * @param saved - a state dict of an optimizer of the same name over the same paths
   * (typed arrays or, after JSON, plain arrays of numbers).
   * @throws {@link @deeptune/core!StateDictError} when the optimizer name, the step, the set
   * of paths, a state key, a buffer's length or dtype, or a schedule's state does not match.
   */
  loadStateDict(saved: OptimizerStateDict): void {
    const where = `${this.#where}: loadStateDict`;
    if (typeof saved !== 'object' || saved === null) {
      throw new StateDictError(
        `${where}: expected a state dict object, got ${describeValue(saved)}`,
      );
    }
    if (saved.optimizer !== this.name) {
      throw new StateDictError(
        `${where}: the state was saved by optimizer ${describeValue(saved.optimizer)}, not '${this.name}'`,
      );
    }
    if (!Number.isInteger(saved.step) || saved.step < 0) {
      throw new StateDictError(
        `${where}: 'step' must be an integer >= 0, got ${describeValue(saved.step)}`,
      );
    }
    const parameters = saved.parameters;
    if (typeof parameters !== 'object' || parameters === null) {
      throw new StateDictError(`${where}: 'parameters' must be an object keyed by parameter path`);
    }
    const unexpected = Object.keys(parameters).filter((path) => !this.#byPath.has(path));
    const missing = this.#entries
      .map((e) => e.path)
      .filter((path) => !Object.hasOwn(parameters, path));
    if (unexpected.length > 0 || missing.length > 0) {
      throw new StateDictError(
        `${where}: parameter paths differ — missing: [${missing.join(', ')}], unexpected: [${unexpected.join(', ')}]. Hint: load into an optimizer over the same model (state is keyed by path).`,
      );
    }
    const writes: (() => void)[] = [];
    for (const entry of this.#entries) {
      this.#planStateLoad(where, entry, parameters[entry.path]!, writes);
    }
    const schedules = saved.schedules ?? {};
    for (const group of this.#groups) {
      const lr = group.learningRate;
      const state = schedules[group.name];
      if (isStatefulSchedule(lr)) {
        if (state === undefined) {
          throw new StateDictError(
            `${where}: no schedule state for group '${group.name}', whose schedule is stateful`,
          );
        }
        writes.push(() => lr.loadStateDict(state));
      } else if (state !== undefined) {
        throw new StateDictError(
          `${where}: unexpected schedule state for group '${group.name}', whose learning rate is not a stateful schedule`,
        );
      }
    }
    for (const write of writes) write();
    this.#step = saved.step;
  }

  #planStateLoad(
    where: string,
    entry: Entry,
    saved: Readonly<Record<string, unknown>>,
    writes: (() => void)[],
  ): void {
    const at = `${where}: '${entry.path}'`;
    if (typeof saved !== 'object' || saved === null) {
      throw new StateDictError(
        `${at}: expected the parameter's state object, got ${describeValue(saved)}`,
      );
    }
    const keys = Object.keys(entry.state).sort();
    const savedKeys = Object.keys(saved).sort();
    if (keys.join(',') !== savedKeys.join(',')) {
      throw new StateDictError(
        `${at}: state keys differ — expected [${keys.join(', ')}], got [${savedKeys.join(', ')}]`,
      );
    }
    const state = entry.state;
    for (const key of keys) {
      const current = state[key]!;
      const value = saved[key];
      if (typeof current === 'number') {
        if (typeof value !== 'number') {
          throw new StateDictError(
            `${at}: state '${key}' must be a number, got ${describeValue(value)}`,
          );
        }
        writes.push(() => {
          state[key] = value;
        });
        continue;
      }
      const isTyped = value instanceof Float32Array || value instanceof Float64Array;
      if (!isTyped && !Array.isArray(value)) {
        throw new StateDictError(
          `${at}: state '${key}' must be a typed array or an array of numbers, got ${describeValue(value)}`,
        );
      }
      const values = value as ArrayLike<unknown>;
      if (values.length !== current.length) {
        throw new StateDictError(
          `${at}: state '${key}' has ${values.length} elements, expected ${current.length}`,
        );
      }
      if (isTyped && value.constructor !== current.constructor) {
        const dtype = (array: Storage): string =>
          array instanceof Float64Array ? 'float64' : 'float32';
        throw new StateDictError(
          `${at}: state '${key}' is ${dtype(value as Storage)}, expected ${dtype(current)}`,
        );
      }
      if (!isTyped) {
        for (let i = 0; i < values.length; i++) {
          if (typeof values[i] !== 'number') {
            throw new StateDictError(
              `${at}: state '${key}'[${i}] must be a number, got ${describeValue(values[i])}`,
            );
          }
        }
      }
      writes.push(() => current.set(values as ArrayLike<number>));
    }
  }

  #applyStep(): void {
    const t = this.#step + 1;
    for (const group of this.#groups) group.hp.learningRate = this.#resolveLearningRate(group, t);
    if (this.clipValue !== undefined) this.#clipByValue(this.clipValue);
    if (this.clipNorm !== undefined) this.#clipByNorm(this.clipNorm, t);
    const context = this.#context;
    const rule = this.#rule;
    context.step = t;
    for (const entry of this.#entries) {
      const grad = entry.tensor.grad;
      if (grad === null) continue;
      const param = entry.tensor.data;
      this.#checkGradient(entry, grad);
      const hp = entry.group.hp;
      const decay = hp.learningRate * hp.weightDecay;
      if (decay !== 0) {
        const factor = 1 - decay;
        for (let i = 0; i < param.length; i++) param[i] = param[i]! * factor;
      }
      context.param = param;
      context.grad = grad.data;
      context.state = entry.state;
      context.hp = hp;
      context.path = entry.path;
      rule.update(context as UpdateContext<Record<string, unknown>, OptimizerState>);
    }
    this.#step = t;
  }

  #clipByValue(limit: number): void {
    for (const entry of this.#entries) {
      const grad = entry.tensor.grad;
      if (grad === null) continue;
      const g = grad.data;
      for (let i = 0; i < g.length; i++) {
        const value = g[i]!;
        if (value > limit) g[i] = limit;
        else if (value < -limit) g[i] = -limit;
      }
    }
  }

  #clipByNorm(maxNorm: number, t: number): void {
    let squares = 0;
    for (const entry of this.#entries) {
      const grad = entry.tensor.grad;
      if (grad === null) continue;
      const g = grad.data;
      for (let i = 0; i < g.length; i++) squares += g[i]! * g[i]!;
    }
    const norm = Math.sqrt(squares);
    if (!Number.isFinite(norm)) {
      throw new NumericError(
        `${this.#where}: the global gradient norm is ${String(norm)} at step ${t}; clipping cannot rescale it. Hint: lower the learning rate, or check the loss for NaN or overflow.`,
      );
    }
    if (norm <= maxNorm) return;
    const scale = maxNorm / norm;
    for (const entry of this.#entries) {
      const grad = entry.tensor.grad;
      if (grad === null) continue;
      const g = grad.data;
      for (let i = 0; i < g.length; i++) g[i] = g[i]! * scale;
    }
  }

  #checkGradient(entry: Entry, grad: Tensor): void {
    if (grad.dtype !== entry.tensor.dtype) {
      throw new DTypeError(
        `${this.#where}: the gradient of '${entry.path}' is ${grad.dtype} but the parameter is ${entry.tensor.dtype}`,
      );
    }
    if (grad.size !== entry.tensor.size) {
      throw new ShapeError(
        `${this.#where}: the gradient of '${entry.path}' has shape ${formatShape(grad.shape)} but the parameter has ${formatShape(entry.tensor.shape)}`,
      );
    }
  }

  #resolveLearningRate(group: Group, t: number): number {
    const source = group.learningRate;
    if (typeof source === 'number') return source;
    const value = source(t);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new InvalidHyperparameterError(
        `${this.#where}: the learning-rate schedule of group '${group.name}' returned ${describeValue(value)} at step ${t}; expected a finite number >= 0`,
      );
    }
    return value;
  }

  #groupOf(path: string, role: ParameterRole): Group {
    for (const group of this.#groups) {
      if (group.roles !== undefined && !group.roles.includes(role)) continue;
      if (
        group.paths !== undefined &&
        !group.paths.some((pattern) =>
          typeof pattern === 'string'
            ? pattern === path
            : new RegExp(pattern.source, pattern.flags).test(path),
        )
      ) {
        continue;
      }
      return group;
    }
    return this.#groups[this.#groups.length - 1]!;
  }

  #checkState(path: string, tensor: Tensor, state: unknown): void {
    const where = `${this.#where}: init('${path}')`;
    if (typeof state !== 'object' || state === null || Array.isArray(state)) {
      throw new ConfigError(
        `${where} must return a plain object of buffers and numbers, got ${describeValue(state)}`,
      );
    }
    for (const [key, value] of Object.entries(state)) {
      const ok =
        typeof value === 'number' ||
        ((value instanceof Float32Array || value instanceof Float64Array) &&
          value.constructor === tensor.data.constructor);
      if (!ok) {
        throw new ConfigError(
          `${where}: state '${key}' must be a number or a ${tensor.dtype === 'float64' ? 'Float64Array' : 'Float32Array'} (the parameter's dtype), got ${describeValue(value)}. Hint: allocate buffers with zerosLike(param).data.`,
        );
      }
    }
  }

  #resolveGroups(settings: OptimizerSettings): Group[] {
    const groups: Group[] = [];
    const names = new Set<string>();
    const groupOptions = settings.groups as unknown;
    if (!Array.isArray(groupOptions)) {
      throw new ConfigError(`${this.#where}: option 'groups' must be an array of parameter groups`);
    }
    for (const [index, options] of (groupOptions as ParameterGroupOptions[]).entries()) {
      const at = `${this.#where}: groups[${index}]`;
      if (typeof options !== 'object' || options === null) {
        throw new ConfigError(
          `${at} must be an object { name, roles?, paths?, … }, got ${describeValue(options)}`,
        );
      }
      const known = ['name', 'roles', 'paths', 'learningRate', 'weightDecay', 'hyperparameters'];
      const unknown = Object.keys(options).filter((key) => !known.includes(key));
      if (unknown.length > 0) {
        throw new ConfigError(
          `${at}: unknown field '${unknown[0]}'. Known fields: ${known.join(', ')}. Hint: put the rule's own hyperparameters under 'hyperparameters'.`,
        );
      }
      const { name, roles, paths } = options;
      if (typeof name !== 'string' || name === '' || name === 'default' || names.has(name)) {
        throw new ConfigError(
          `${at}: 'name' must be a unique non-empty string other than 'default', got ${describeValue(name)}`,
        );
      }
      if (
        roles !== undefined &&
        (!Array.isArray(roles) || !roles.every((role) => ROLES.includes(role)))
      ) {
        throw new ConfigError(
          `${at} ('${name}'): 'roles' must be an array of ${ROLES.map((r) => `'${r}'`).join(', ')}, got ${describeValue(roles)}`,
        );
      }
      if (
        paths !== undefined &&
        (!Array.isArray(paths) ||
          !paths.every((path) => typeof path === 'string' || path instanceof RegExp))
      ) {
        throw new ConfigError(
          `${at} ('${name}'): 'paths' must be an array of strings and regular expressions, got ${describeValue(paths)}`,
        );
      }
      names.add(name);
      groups.push(
        this.#makeGroup(
          `${at} ('${name}')`,
          name,
          roles === undefined ? undefined : [...roles],
          paths === undefined ? undefined : [...paths],
          options,
          settings,
        ),
      );
    }
    groups.push(this.#makeGroup(this.#where, 'default', undefined, undefined, {}, settings));
    return groups;
  }

  #makeGroup(
    where: string,
    name: string,
    roles: ParameterRole[] | undefined,
    paths: (string | RegExp)[] | undefined,
    overrides: Partial<ParameterGroupOptions>,
    settings: OptimizerSettings,
  ): Group {
    const learningRate =
      overrides.learningRate === undefined
        ? settings.learningRate
        : checkLearningRate(where, overrides.learningRate);
    const weightDecay =
      overrides.weightDecay === undefined
        ? settings.weightDecay
        : checkWeightDecay(where, overrides.weightDecay);
    let ruleHyperparameters = settings.hyperparameters;
    if (overrides.hyperparameters !== undefined) {
      const given = overrides.hyperparameters as unknown;
      if (typeof given !== 'object' || given === null || Array.isArray(given)) {
        throw new ConfigError(
          `${where}: 'hyperparameters' must be an object, got ${describeValue(given)}`,
        );
      }
      ruleHyperparameters = Object.freeze(
        validateOptions(where, settings.schema, { ...settings.hyperparameters, ...given }),
      );
    }
    return {
      name,
      roles,
      paths,
      learningRate,
      weightDecay,
      hp: {
        ...ruleHyperparameters,
        learningRate: typeof learningRate === 'number' ? learningRate : 0,
        weightDecay,
      },
      ruleHyperparameters,
      paths_: [],
    };
  }
}

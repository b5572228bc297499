import {
  ConfigError,
  StateDictError,
  defineBrand,
  isTensor,
  noGrad,
  zeros,
  type Tensor,
  type DType,
  type ForwardMode,
  type Model,
  type NamedParameter,
  type ParameterRole,
  type StateDict,
  type LoadStateDictOptions,
  type LoadStateDictResult,
  formatShape,
} from '@deeptune/core';

/** A named buffer: state that is saved but not trained (e.g. batch norm's running mean). */
export interface NamedBuffer {
  /** The dotted path. */
  readonly path: string;
  /** The tensor. */
  readonly value: Tensor;
  /** Whether `stateDict()` includes it. */
  readonly persistent: boolean;
}

interface ParameterSlot {
  value: Tensor;
  readonly role: ParameterRole;
}

interface BufferSlot {
  value: Tensor;
  readonly persistent: boolean;
}

const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

const moduleBrand = defineBrand<Module>('deeptune.layers.Module', 'a Module');

/**
 * The base of every layer and model: named parameters, buffers and child modules with
 * dotted paths, a training/inference mode that recurses, and state dictionaries.
 *
 * A subclass registers its tensors in its constructor with `registerParameter`,
 * `registerBuffer` and `registerModule`, names its type in `typeName`, and implements
 * `call(input, mode)`. `forward(input, mode?)` resolves the mode — the module's own
 * `train()` / `eval()` state unless the caller passes one explicitly — and calls `call`.
 *
 * @example
 * ```ts
 * class Affine extends Module {
 *   readonly typeName = 'Affine';
 *   readonly weight: Tensor;
 *   constructor(features: number) {
 *     super();
 *     this.weight = this.registerParameter('weight', ones([features]), 'weight');
 *   }
 *   protected call(input: Tensor): Tensor {
 *     return input.mul(this.weight);
 *   }
 * }
 * ```
 */
export abstract class Module implements Model {
  /** The layer's type as shown by `summary()` and stored in saved architectures, e.g. `'Dense'`. */
  abstract readonly typeName: string;

  readonly #parameters = new Map<string, ParameterSlot>();
  readonly #buffers = new Map<string, BufferSlot>();
  readonly #children = new Map<string, Module>();
  #training = true;
  #lastOutputShape: readonly number[] | null = null;

  static {
    moduleBrand.mark(this.prototype);
  }

  /**
   * Whether `value` is a module (of any subclass) of this or of a compatible copy of
   * `@deeptune/layers`, such as a layer made by a plugin with its own install of deeptune;
   * use it instead of `instanceof`, which only knows this copy.
   *
   * Modules carry a `Symbol.for('deeptune.layers.Module')` brand on the prototype, with the
   * version of the `@deeptune/core` copy they were built against. A module works with a
   * child of another copy: it reaches its children only through their public methods.
   *
   * @throws {@link @deeptune/core!IncompatibleCopyError} when `value` is a module built
   * against an incompatible copy of `@deeptune/core`.
   */
  static isModule(value: unknown): value is Module {
    return moduleBrand.is(value);
  }

  /**
   * Computes the output; `mode` is already resolved.
   *
   * @param input - the batch, batch-first.
   * @param mode - whether to use training behaviour and randomness.
   */
  protected abstract call(input: Tensor, mode: ForwardMode): Tensor;

  /**
   * Runs the module on a batch.
   *
   * @param input - the batch, batch-first (`[m, features]`).
   * @param mode - overrides this module's `train()` / `eval()` state for this call;
   *   `stochastic` defaults to `training`, and is always off when `training` is false.
   */
  forward(input: Tensor, mode: Partial<ForwardMode> = {}): Tensor {
    const training = mode.training ?? this.#training;
    const resolved: ForwardMode = { training, stochastic: training && (mode.stochastic ?? true) };
    const output = this.call(input, resolved);
    this.#lastOutputShape = output.shape;
    return output;
  }

  /** Whether the module is in training mode (the default) rather than inference mode. */
  get training(): boolean {
    return this.#training;
  }

  /** Puts this module and every descendant in training mode (or inference mode with `false`). */
  train(mode = true): this {
    this.#training = mode;
    for (const child of this.#children.values()) child.train(mode);
    return this;
  }

  /** Puts this module and every descendant in inference mode: running statistics, no dropout. */
  eval(): this {
    return this.train(false);
  }

  /**
   * Registers a trainable tensor under `name`; it becomes a gradient leaf.
   *
   * @param role - what the parameter is for; L1/L2 penalties apply to `'weight'` only.
   * @throws {@link @deeptune/core!ConfigError} when the name is invalid or taken.
   */
  protected registerParameter(name: string, value: Tensor, role: ParameterRole): Tensor {
    this.#checkName(name);
    value.requiresGrad = true;
    this.#parameters.set(name, { value, role });
    return value;
  }

  /**
   * Registers state that is not trained (e.g. running averages); persistent buffers are
   * part of `stateDict()`.
   * @throws {@link @deeptune/core!ConfigError} when the name is invalid or taken.
   */
  protected registerBuffer(name: string, value: Tensor, persistent = true): Tensor {
    this.#checkName(name);
    this.#buffers.set(name, { value, persistent });
    return value;
  }

  /**
   * Registers a child module under `name`.
   * @throws {@link @deeptune/core!ConfigError} when the name is invalid or taken.
   */
  protected registerModule<M extends Module>(name: string, module: M): M {
    this.#checkName(name);
    if (!Module.isModule(module)) {
      throw new ConfigError(`${this.typeName}: child '${name}' is not a Module.`);
    }
    this.#children.set(name, module);
    return module;
  }

  /** The direct children with their names, in registration order. */
  namedChildren(): [string, Module][] {
    return [...this.#children];
  }

  /** This module and every descendant with dotted paths (`''` for this module), depth-first. */
  namedModules(): [string, Module][] {
    const result: [string, Module][] = [];
    const stack: [string, Module][] = [['', this]];
    while (stack.length > 0) {
      const [path, module] = stack.pop()!;
      result.push([path, module]);
      // Through the public method: a child may come from another copy of this package.
      const children = module.namedChildren();
      for (let i = children.length - 1; i >= 0; i--) {
        const [name, child] = children[i]!;
        stack.push([path === '' ? name : `${path}.${name}`, child]);
      }
    }
    return result;
  }

  /** This module and every descendant, depth-first. */
  modules(): Module[] {
    return this.namedModules().map(([, module]) => module);
  }

  /**
   * Every trainable parameter with its dotted path (`'dense2.bias'`) and role, depth-first
   * in registration order; a tensor shared by two modules is listed once.
   */
  namedParameters(): NamedParameter[] {
    const seen = new Set<Tensor>();
    const result: NamedParameter[] = [];
    const add = (path: string, value: Tensor, role: ParameterRole): void => {
      if (seen.has(value)) return;
      seen.add(value);
      result.push({ path, value, role });
    };
    for (const [name, slot] of this.#parameters) add(name, slot.value, slot.role);
    // Children are asked through their public method (depth-first, like namedModules): a
    // child may come from another copy of this package, whose private fields this one
    // cannot read.
    for (const [name, child] of this.#children) {
      for (const { path, value, role } of child.namedParameters())
        add(`${name}.${path}`, value, role);
    }
    return result;
  }

  /** The trainable tensors, in the order of {@link Module.namedParameters}. */
  parameters(): Tensor[] {
    return this.namedParameters().map((parameter) => parameter.value);
  }

  /** Every buffer with its dotted path. */
  namedBuffers(): NamedBuffer[] {
    const result: NamedBuffer[] = [];
    for (const [name, slot] of this.#buffers) {
      result.push({ path: name, value: slot.value, persistent: slot.persistent });
    }
    // Through the public method, as in namedParameters.
    for (const [name, child] of this.#children) {
      for (const buffer of child.namedBuffers()) {
        result.push({ ...buffer, path: `${name}.${buffer.path}` });
      }
    }
    return result;
  }

  /** The number of trainable scalars (Σ of parameter sizes). */
  parameterCount(): number {
    let count = 0;
    for (const parameter of this.namedParameters()) count += parameter.value.size;
    return count;
  }

  /**
   * A snapshot of every parameter and persistent buffer by dotted path. The tensors are
   * copies: later training does not change a saved dictionary.
   */
  stateDict(): StateDict {
    const dict: StateDict = {};
    for (const parameter of this.namedParameters()) dict[parameter.path] = parameter.value.clone();
    for (const buffer of this.namedBuffers()) {
      if (buffer.persistent) dict[buffer.path] = buffer.value.clone();
    }
    return dict;
  }

  /**
   * Copies values from a state dictionary into this module's tensors, in place (so
   * optimizers holding the parameters keep working).
   *
   * @returns the missing and unexpected keys.
   * @throws {@link @deeptune/core!StateDictError} when a shape or dtype differs, or with
   *   `strict` (the default) when keys are missing or unexpected; nothing is changed then.
   */
  loadStateDict(
    dict: Readonly<StateDict>,
    options: LoadStateDictOptions = {},
  ): LoadStateDictResult {
    const targets = new Map<string, Tensor>();
    for (const parameter of this.namedParameters()) targets.set(parameter.path, parameter.value);
    for (const buffer of this.namedBuffers())
      if (buffer.persistent) targets.set(buffer.path, buffer.value);
    // Own keys only: a dictionary decoded from a file may hold any name, and names such as
    // 'constructor' must not resolve to what every object inherits.
    const missingKeys = [...targets.keys()].filter((key) => !Object.hasOwn(dict, key));
    const unexpectedKeys = Object.keys(dict).filter((key) => !targets.has(key));
    if ((options.strict ?? true) && (missingKeys.length > 0 || unexpectedKeys.length > 0)) {
      throw new StateDictError(
        `${this.typeName}.loadStateDict: the state does not match the model — ` +
          `missing keys: ${missingKeys.length > 0 ? missingKeys.join(', ') : 'none'}; ` +
          `unexpected keys: ${unexpectedKeys.length > 0 ? unexpectedKeys.join(', ') : 'none'}. ` +
          'Hint: pass { strict: false } to load the keys that match.',
      );
    }
    const updates: [Tensor, Tensor][] = [];
    for (const [key, target] of targets) {
      if (!Object.hasOwn(dict, key)) continue;
      const source = dict[key];
      if (!isTensor(source)) {
        throw new StateDictError(`${this.typeName}.loadStateDict: '${key}' is not a Tensor.`);
      }
      if (source.dtype !== target.dtype || source.shape.join(',') !== target.shape.join(',')) {
        throw new StateDictError(
          `${this.typeName}.loadStateDict: '${key}' is ${source.dtype} ${formatShape(source.shape)} ` +
            `but the model has ${target.dtype} ${formatShape(target.shape)}.`,
        );
      }
      updates.push([target, source]);
    }
    for (const [target, source] of updates) target.data.set(source.data);
    return { missingKeys, unexpectedKeys };
  }

  /**
   * A table of the layers: path, type, output shape (from a forward pass on one example
   * of `inputShape`, in inference mode, without gradients) and parameter count.
   *
   * @param inputShape - the shape of one example without the batch axis, e.g. `[784]`.
   * @param dtype - the dtype of the probe input. @defaultValue the dtype of the first parameter, or float32
   */
  summary(inputShape?: readonly number[], dtype?: DType): string {
    if (inputShape !== undefined) {
      const probeDType = dtype ?? this.namedParameters()[0]?.value.dtype ?? 'float32';
      noGrad(() =>
        this.forward(zeros([1, ...inputShape], { dtype: probeDType }), { training: false }),
      );
    }
    const rows: [string, string, string, string][] = [
      ['layer', 'type', 'output shape', 'parameters'],
    ];
    for (const [path, module] of this.namedModules()) {
      let own = 0;
      // Own parameters have paths without a dot; read through public members, as above.
      for (const parameter of module.namedParameters()) {
        if (!parameter.path.includes('.')) own += parameter.value.size;
      }
      const shape = module.lastOutputShape;
      const details = module.describe();
      rows.push([
        path === '' ? '(model)' : path,
        details === '' ? module.typeName : `${module.typeName}(${details})`,
        shape === null ? '?' : `[-1, ${shape.slice(1).join(', ')}]`.replace(', ]', ']'),
        String(own),
      ]);
    }
    const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
    const line = (row: string[]): string =>
      row
        .map((cell, column) =>
          column === 3 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
        )
        .join('  ');
    const rule = widths.map((width) => '─'.repeat(width)).join('  ');
    return [
      line(rows[0]!),
      rule,
      ...rows.slice(1).map(line),
      rule,
      `total parameters: ${this.parameterCount()}`,
    ].join('\n');
  }

  /**
   * The output shape of the last `forward` call, or `null` before the first one; what
   * `summary()` shows.
   * @internal
   */
  get lastOutputShape(): readonly number[] | null {
    return this.#lastOutputShape;
  }

  /**
   * A short description of the layer's configuration for `summary()`, e.g.
   * `'784 → 128, relu, no bias'`. Empty by default.
   */
  describe(): string {
    return '';
  }

  #checkName(name: string): void {
    if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
      throw new ConfigError(
        `${this.typeName}: invalid name ${JSON.stringify(name)}; expected an identifier (letters, digits, _), without dots.`,
      );
    }
    if (name === '__proto__') {
      throw new ConfigError(
        `${this.typeName}: invalid name '__proto__': it is the prototype key of JavaScript objects, so a state dictionary or a record of layers keyed by it would lose the entry. Hint: choose another name.`,
      );
    }
    if (this.#parameters.has(name) || this.#buffers.has(name) || this.#children.has(name)) {
      throw new ConfigError(`${this.typeName}: the name '${name}' is already registered.`);
    }
  }
}

import {
  ConfigError,
  DeeptuneError,
  defineBrand,
  type ForwardMode,
  type Tensor,
} from '@deeptune/core';
import { Module } from './module.js';

const sequentialBrand = defineBrand<Sequential>('deeptune.layers.Sequential', 'a Sequential');

/**
 * Runs modules one after another, feeding each one's output to the next.
 *
 * Children get names from their type and position among modules of that type —
 * `dense1`, `dense2`, `batchNorm1`, `dropout1` — so parameter paths read like
 * `dense2.bias`. Pass a record instead of an array to choose the names.
 *
 * @example
 * ```ts
 * const model = new Sequential([
 *   new Dense({ inputs: 784, units: 128, activation: 'relu' }),
 *   new Dense({ inputs: 128, units: 10 }),
 * ]);
 * model.namedParameters().map((p) => p.path); // ['dense1.weight', 'dense1.bias', 'dense2.weight', 'dense2.bias']
 * ```
 */
export class Sequential extends Module {
  /** @inheritDoc */
  readonly typeName = 'Sequential';
  /** The modules in order. */
  readonly layers: readonly Module[];
  readonly #names: readonly string[];

  static {
    sequentialBrand.mark(this.prototype);
  }

  /**
   * Whether `value` is a `Sequential` of this or of a compatible copy of
   * `@deeptune/layers`; use it instead of `instanceof`, which only knows this copy.
   *
   * @throws {@link @deeptune/core!IncompatibleCopyError} when `value` was built against an
   * incompatible copy of `@deeptune/core`.
   */
  static isSequential(value: unknown): value is Sequential {
    return sequentialBrand.is(value);
  }

  /**
   * @param layers - the modules in order, or a record of them by name (in insertion order).
   * @throws {@link @deeptune/core!ConfigError} when empty, when an entry is not a Module, or
   *   when a name is not an identifier or is `'__proto__'` (which an object literal turns
   *   into the record's prototype).
   */
  constructor(layers: readonly Module[] | Readonly<Record<string, Module>>) {
    super();
    if (!Array.isArray(layers) && Module.isModule(Object.getPrototypeOf(layers))) {
      throw new ConfigError(
        "Sequential: the record of layers has a Module as its prototype: the key '__proto__' in an object literal sets the prototype instead of naming a layer. Hint: '__proto__' cannot be a layer name; choose another.",
      );
    }
    const entries: [string | null, Module][] = Array.isArray(layers)
      ? layers.map((layer): [null, Module] => [null, layer])
      : Object.entries(layers);
    if (entries.length === 0) {
      throw new ConfigError('Sequential: expected at least one layer.');
    }
    const counts = new Map<string, number>();
    for (const [index, [name, layer]] of entries.entries()) {
      if (!Module.isModule(layer)) {
        throw new ConfigError(
          `Sequential: layer ${name ?? index} is not a Module (got ${typeof layer}).`,
        );
      }
      const base = layer.typeName.charAt(0).toLowerCase() + layer.typeName.slice(1);
      const count = (counts.get(base) ?? 0) + 1;
      counts.set(base, count);
      this.registerModule(name ?? `${base}${count}`, layer);
    }
    this.layers = entries.map(([, layer]) => layer);
    this.#names = this.namedChildren().map(([name]) => name);
  }

  /** @inheritDoc */
  protected call(input: Tensor, mode: ForwardMode): Tensor {
    let output = input;
    for (let index = 0; index < this.layers.length; index++) {
      try {
        output = this.layers[index]!.forward(output, mode);
      } catch (error) {
        throw withLayerPath(error, this.#names[index]!);
      }
    }
    return output;
  }
}

/**
 * Prefixes a deeptune error raised inside a child with the child's name, so the message
 * says which layer failed (`dense2: Dense (128 → 10): expected input …`). The error keeps
 * its class and code; the original is its `cause`. Other errors pass through unchanged.
 */
function withLayerPath(error: unknown, name: string): unknown {
  if (!DeeptuneError.isInstance(error) || !(error instanceof DeeptuneError)) return error;
  const ErrorClass = error.constructor as new (
    message: string,
    options: { cause: unknown },
  ) => DeeptuneError;
  const prefixed = new ErrorClass(`${name}: ${error.message}`, { cause: error });
  return prefixed;
}

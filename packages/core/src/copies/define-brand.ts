import { ConfigError } from '../errors/config-error.js';
import { assertCompatibleCopy, THIS_CORE_COPY } from './core-copy.js';

/**
 * A cross-copy `instanceof`: marks objects as made by this copy of `@deeptune/core` and
 * recognises values marked by any compatible copy.
 *
 * @typeParam T - the type a recognised value has.
 * @category Copies
 */
export interface Brand<T extends object> {
  /** The registered symbol the brand is stored under: `Symbol.for(name)`. */
  readonly symbol: symbol;
  /**
   * Marks `target`, normally a class prototype (so instances carry the brand at no cost),
   * with a non-enumerable property holding this copy's version and location.
   */
  mark(target: object): void;
  /**
   * Whether `value` carries the brand, set by this copy or by a compatible one. It does not
   * use `this`, so it can be passed around on its own.
   *
   * @throws {@link IncompatibleCopyError} when `value` was marked by an incompatible copy of
   * `@deeptune/core`, naming both versions and both locations.
   */
  is(value: unknown): value is T;
}

/**
 * Defines a brand: how values of a class are recognised when they may come from another
 * copy of the package that defines it (an app and a plugin that each installed deeptune).
 *
 * `instanceof` compares prototypes, and two copies of a package have two prototypes, so a
 * tensor of the plugin's copy is not `instanceof` the app's `Tensor`. A brand is a
 * `Symbol.for` key (the same symbol in every copy) on the class prototype whose value is the
 * marking copy's {@link CoreCopy} record. Checking a value costs one property lookup and
 * one identity comparison for values of this copy; a value of another copy has its version
 * checked once per copy (then remembered), and an incompatible version throws
 * {@link IncompatibleCopyError} instead of being mistaken for "not a tensor".
 *
 * Recognition is not enough on its own: code of one copy must use another copy's values only
 * through their public members (never `#private` fields of another instance), which is what
 * the deeptune classes do.
 *
 * @param name - the brand's key, unique to the class, e.g. `'deeptune.core.Tensor'`.
 * @param what - the value as a message names it, e.g. `'a Tensor'`.
 * @returns the brand.
 * @throws {@link ConfigError} when `name` or `what` is empty.
 *
 * @example
 * ```ts
 * const moduleBrand = defineBrand<Module>('deeptune.layers.Module', 'a Module');
 * abstract class Module {
 *   static {
 *     moduleBrand.mark(this.prototype);
 *   }
 *   static isModule(value: unknown): value is Module {
 *     return moduleBrand.is(value);
 *   }
 * }
 * ```
 * @category Copies
 */
export function defineBrand<T extends object>(name: string, what: string): Brand<T> {
  if (typeof name !== 'string' || name === '' || typeof what !== 'string' || what === '') {
    throw new ConfigError(
      `defineBrand: expected a non-empty name such as 'deeptune.core.Tensor' and a description such as 'a Tensor', got ${typeof name} and ${typeof what}.`,
    );
  }
  const symbol = Symbol.for(name);
  return Object.freeze({
    symbol,
    mark(target: object): void {
      Object.defineProperty(target, symbol, { value: THIS_CORE_COPY });
    },
    is(value: unknown): value is T {
      if (typeof value !== 'object' || value === null) return false;
      const copy = (value as Record<symbol, unknown>)[symbol];
      return copy === THIS_CORE_COPY || (copy !== undefined && assertCompatibleCopy(copy, what));
    },
  });
}

import { ConfigError } from '../errors/config-error.js';
import { Rng, assertSeed } from './rng.js';

/** The default generator, created on first use (so importing this module has no effect). */
let defaultRng: Rng | undefined;

/**
 * The generator that deeptune uses when no `Rng` is passed explicitly.
 *
 * It starts as `new Rng(0)`: results are deterministic by default and never depend on the
 * clock. Re-seed it with {@link seed} or replace it with {@link setDefaultRng}. Passing an
 * `Rng` explicitly (or one obtained from `rng.split()`) is preferred in library code.
 *
 * @returns the current default generator (the same object until {@link setDefaultRng}).
 * @category Random
 *
 * @example
 * ```ts
 * const rng = getDefaultRng(); // new Rng(0) until re-seeded or replaced
 * const x = randn([2, 3]); // draws from the default generator
 * const y = randn([2, 3], { rng: new Rng(1) }); // its own generator, preferred in libraries
 * ```
 */
export function getDefaultRng(): Rng {
  defaultRng ??= new Rng(0);
  return defaultRng;
}

/**
 * Replaces the default generator.
 *
 * Later calls to {@link getDefaultRng} return `rng` itself (not a copy), so drawing from it
 * elsewhere advances the default stream too.
 *
 * @param rng - the generator to use as the default.
 * @throws {@link ConfigError} if `rng` is not an {@link Rng}.
 * @category Random
 *
 * @example
 * ```ts
 * setDefaultRng(new Rng(7));
 * const a = rand([3]);
 * setDefaultRng(new Rng(7));
 * rand([3]).equal(a).min().item(); // 1: the same draws again
 * ```
 */
export function setDefaultRng(rng: Rng): void {
  if (!Rng.isRng(rng)) {
    throw new ConfigError(
      `setDefaultRng: rng must be an Rng, got ${rng === null ? 'null' : typeof rng}. ` +
        'Hint: create one with new Rng(seed).',
    );
  }
  defaultRng = rng;
}

/**
 * Re-seeds the default generator, like `torch.manual_seed`.
 *
 * The default generator object is kept and its state is reset in place to that of
 * `new Rng(value)` (any pending spare normal is dropped), so references obtained earlier from
 * {@link getDefaultRng} follow the new seed as well.
 *
 * @param value - any finite number; see the {@link Rng} constructor.
 * @throws {@link ConfigError} if `value` is not a finite number.
 * @category Random
 *
 * @example
 * ```ts
 * seed(42);
 * const a = getDefaultRng().nextFloat();
 * seed(42);
 * getDefaultRng().nextFloat() === a; // true
 * ```
 */
export function seed(value: number): void {
  assertSeed('seed', value);
  getDefaultRng().setState(new Rng(value).getState());
}

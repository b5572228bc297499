import { ConfigError, Rng, getDefaultRng, describeValue } from '@deeptune/core';

/**
 * The generator chosen by `{ rng, seed }` options: `rng` itself, `new Rng(seed)`, or
 * `fallback()` when neither is given. Both at once is a `ConfigError`.
 * @internal
 */
export function resolveRng(
  where: string,
  rng: Rng | undefined,
  seed: number | undefined,
  fallback: () => Rng = getDefaultRng,
): Rng {
  if (rng !== undefined && seed !== undefined) {
    throw new ConfigError(
      `${where}: got both rng and seed; expected at most one. ` +
        'Hint: pass new Rng(seed) as rng, or only seed.',
    );
  }
  if (rng !== undefined) {
    if (!Rng.isRng(rng)) {
      throw new ConfigError(
        `${where}: rng must be an Rng, got ${describeValue(rng)}. Hint: new Rng(seed) from @deeptune/core.`,
      );
    }
    return rng;
  }
  if (seed !== undefined) {
    if (typeof seed !== 'number' || !Number.isFinite(seed)) {
      throw new ConfigError(`${where}: seed must be a finite number, got ${describeValue(seed)}.`);
    }
    return new Rng(seed);
  }
  return fallback();
}

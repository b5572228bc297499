import { ConfigError, Rng, randn, uniform } from '@deeptune/core';
import type { InitializerContext, Tensor } from '@deeptune/core';

/**
 * Checks what an initializer reads from its context: a positive integer `fanIn` (and
 * `fanOut` when `usesFanOut`) and an `Rng` (never silently the default generator).
 * @internal
 */
export function checkContext(
  where: string,
  context: InitializerContext,
  usesFanOut: boolean,
): void {
  if (typeof context !== 'object' || context === null) {
    throw new ConfigError(
      `${where}: expected a context { dtype, rng, fanIn, fanOut }, got ${String(context)}.`,
    );
  }
  const fans: ('fanIn' | 'fanOut')[] = usesFanOut ? ['fanIn', 'fanOut'] : ['fanIn'];
  for (const fan of fans) {
    const value = context[fan];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new ConfigError(
        `${where}: context.${fan} must be an integer >= 1, got ${String(value)}. ` +
          'Hint: fanIn is the number of inputs of the layer (nIn), fanOut its number of units (nOut).',
      );
    }
  }
  if (!Rng.isRng(context.rng)) {
    throw new ConfigError(
      `${where}: context.rng must be an Rng, got ${String(context.rng)}. ` +
        'Hint: pass getDefaultRng() explicitly to use the default generator.',
    );
  }
}

/**
 * Samples N(0, variance) in the context's dtype from the context's generator.
 * @internal
 */
export function normalWithVariance(
  shape: readonly number[],
  context: InitializerContext,
  variance: number,
): Tensor {
  return randn(shape, { dtype: context.dtype, rng: context.rng, std: Math.sqrt(variance) });
}

/**
 * Samples U(−limit, limit) with `limit = √(3·variance)`, which has the given variance.
 * @internal
 */
export function uniformWithVariance(
  shape: readonly number[],
  context: InitializerContext,
  variance: number,
): Tensor {
  const limit = Math.sqrt(3 * variance);
  return uniform(shape, -limit, limit, { dtype: context.dtype, rng: context.rng });
}

import { option, validateOptions } from '@deeptune/core';
import type { Initializer } from '@deeptune/core';
import { glorotNormal, glorotUniform } from './glorot.js';
import { heNormal, heUniform } from './he.js';
import { INITIALIZER_NAMES, type InitializerName } from './initializer-name.js';
import { lecunNormal, lecunUniform } from './lecun.js';
import { xavierNormal, xavierUniform } from './xavier.js';
import { zerosInitializer } from './zeros-initializer.js';

const BUILT_IN_INITIALIZERS: Readonly<Record<InitializerName, Initializer>> = Object.freeze({
  'he-normal': heNormal,
  'he-uniform': heUniform,
  'xavier-normal': xavierNormal,
  'xavier-uniform': xavierUniform,
  'glorot-normal': glorotNormal,
  'glorot-uniform': glorotUniform,
  'lecun-normal': lecunNormal,
  'lecun-uniform': lecunUniform,
  zeros: zerosInitializer,
});

const nameSchema = Object.freeze({ initializer: option.enum(INITIALIZER_NAMES) });

/**
 * The initializer of a built-in initializer name, e.g. `'he-normal'` → {@link heNormal}.
 *
 * Names are looked up in this package's own table, not in a registry, so a layer built
 * with `initializer: 'he-normal'` means the same thing whatever plugins are installed.
 *
 * @param name - one of {@link INITIALIZER_NAMES}.
 * @param where - who asks, the start of the error message.
 * @returns the initializer.
 * @throws {@link @deeptune/core!ConfigError} when `name` is unknown; the message lists the
 *   names and suggests the closest one.
 * @category Initializers
 *
 * @example
 * ```ts
 * const init = resolveInitializer('glorot-uniform');
 * const w = init([4, 3], { dtype: 'float64', rng: new Rng(0), fanIn: 4, fanOut: 3 });
 * ```
 */
export function resolveInitializer(
  name: InitializerName,
  where = 'resolveInitializer',
): Initializer {
  const { initializer } = validateOptions(where, nameSchema, { initializer: name });
  return BUILT_IN_INITIALIZERS[initializer];
}

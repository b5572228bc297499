import { option, Rng } from '@deeptune/core';

/**
 * The `rng` option of the functions that draw random numbers (an `Rng`, optional), for
 * their options schemas.
 * @internal
 */
export const rngOption = option.custom({
  typeName: 'an Rng',
  check: (value: unknown): value is Rng => Rng.isRng(value),
  optional: true,
  description: 'The generator; give rng or seed, not both.',
});

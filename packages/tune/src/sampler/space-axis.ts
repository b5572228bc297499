import { ConfigError } from '@deeptune/core';
import type { SamplerContext } from './sampler.js';
import type { SearchSpace } from '../space/search-space.js';

/**
 * Where a hyperparameter sits in the study's declared space, for samplers that lay points
 * out over every declared hyperparameter (grid, quasi-random): the space and the entry's
 * index (its axis, or dimension).
 *
 * @param sampler - the sampler's registry name, for messages.
 * @param why - why the sampler needs a declared space, e.g. `grid points are laid out over
 * every declared hyperparameter`.
 * @throws {@link @deeptune/core!ConfigError} when the study has no declared space or `name`
 * is not one of its entries.
 * @category Samplers
 *
 * @example
 * ```ts
 * const { space, index } = axisOf('grid', context, 'learningRate', 'grid points are …');
 * ```
 */
export function axisOf(
  sampler: string,
  context: SamplerContext,
  name: string,
  why: string,
): { readonly space: SearchSpace; readonly index: number } {
  const { space } = context;
  if (space === undefined) {
    throw new ConfigError(
      `sampler '${sampler}' needs a declared search space (${why}); use 'random' for define-by-run objectives`,
    );
  }
  const index = space.entries.findIndex((entry) => entry.name === name);
  if (index < 0) {
    throw new ConfigError(
      `sampler '${sampler}': hyperparameter '${name}' is not in the declared search space (declared: ${space.entries.map((entry) => entry.name).join(', ')}); declare it in the space, or use 'random'`,
    );
  }
  return { space, index };
}

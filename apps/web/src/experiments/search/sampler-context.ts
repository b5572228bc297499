import type { SamplerContext, SearchSpace } from 'deeptune';

/**
 * The context a sampler sees for trial `trialNumber` of a study with no finished trials yet:
 * enough for the stateless samplers (random, grid) the figures call directly.
 */
export function freshSamplerContext(
  studySeed: number,
  trialNumber: number,
  space: SearchSpace,
  plannedTrials: number,
): SamplerContext {
  return { studySeed, trialNumber, space, plannedTrials, trials: [], direction: 'minimize' };
}

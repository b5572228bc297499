import type { SamplerContext } from '../../src/sampler/sampler.js';
import type { Sampler } from '../../src/sampler/sampler.js';
import type { ParamValue } from '../../src/space/distribution.js';
import type { SearchSpace } from '../../src/space/search-space.js';
import { sampleSpace } from '../../src/space/search-space.js';

/** A sampler context with the given fields and empty defaults. */
export function contextOf(fields: Partial<SamplerContext> = {}): SamplerContext {
  return {
    studySeed: 0,
    trialNumber: 0,
    space: undefined,
    plannedTrials: undefined,
    trials: [],
    direction: 'minimize',
    ...fields,
  };
}

/** The parameters of trials 0 … n − 1 sampled over a declared space. */
export function runTrials(
  sampler: Sampler,
  space: SearchSpace,
  n: number,
  fields: Partial<SamplerContext> = {},
): Record<string, ParamValue>[] {
  const trials: Record<string, ParamValue>[] = [];
  for (let trialNumber = 0; trialNumber < n; trialNumber++) {
    const context = contextOf({ space, plannedTrials: n, ...fields, trialNumber });
    trials.push(
      sampleSpace(space, (name, distribution) => sampler.sample(context, name, distribution)),
    );
  }
  return trials;
}

/** The number of distinct values of `key` in `trials`. */
export function distinct(trials: readonly Record<string, ParamValue>[], key: string): number {
  return new Set(trials.map((trial) => trial[key])).size;
}

/** The fraction of `values` in [low, high]. */
export function fractionIn(values: readonly number[], low: number, high: number): number {
  return values.filter((value) => value >= low && value <= high).length / values.length;
}

import { gridSampler, hp, randomSampler, searchSpace, type Sampler } from 'deeptune';
import { freshSamplerContext } from './sampler-context.js';

/** The hyperparameter that matters: the learning rate α, sampled on a log scale. */
export const IMPORTANT_ALPHA = hp.log(1e-4, 1);

/** One that hardly matters: Adam's ε, sampled on a log scale. */
export const UNIMPORTANT_EPSILON = hp.log(1e-10, 1e-6);

/** The 2-D space of the grid-versus-random figure (α first: the grid's fastest axis). */
export const GRID_VS_RANDOM_SPACE = searchSpace({
  alpha: IMPORTANT_ALPHA,
  epsilon: UNIMPORTANT_EPSILON,
});

/** The trials one sampler placed, with the number of distinct values of each axis. */
export interface SampledTrials {
  /** The learning rate of each trial. */
  readonly alpha: Float64Array;
  /** The ε of each trial. */
  readonly epsilon: Float64Array;
  /** How many different α the trials tried. */
  readonly distinctAlpha: number;
  /** How many different ε the trials tried. */
  readonly distinctEpsilon: number;
}

/** What the grid and the random sampler do with the same budget. */
export interface GridVsRandom {
  /** The grid sampler's trials. */
  readonly grid: SampledTrials;
  /** The random sampler's trials. */
  readonly random: SampledTrials;
}

/** The number of different values in `values`. */
export function countDistinct(values: Float64Array): number {
  return new Set(values).size;
}

function sampleTrials(sampler: Sampler, trials: number, seed: number): SampledTrials {
  const alpha = new Float64Array(trials);
  const epsilon = new Float64Array(trials);
  for (let trial = 0; trial < trials; trial++) {
    const context = freshSamplerContext(seed, trial, GRID_VS_RANDOM_SPACE, trials);
    alpha[trial] = sampler.sample(context, 'alpha', IMPORTANT_ALPHA) as number;
    epsilon[trial] = sampler.sample(context, 'epsilon', UNIMPORTANT_EPSILON) as number;
  }
  return {
    alpha,
    epsilon,
    distinctAlpha: countDistinct(alpha),
    distinctEpsilon: countDistinct(epsilon),
  };
}

/**
 * Places `trials` trials over (α, ε) with the library's grid sampler (the fewest points per
 * axis whose grid covers the trials, visited in a seeded order) and its random sampler, both
 * seeded with `seed`. With N = k² trials the grid tries k values of α, random search N.
 */
export function gridVsRandom(trials: number, seed: number): GridVsRandom {
  return {
    grid: sampleTrials(gridSampler(), trials, seed),
    random: sampleTrials(randomSampler(), trials, seed),
  };
}

import { Rng, definePlugin } from '@deeptune/core';
import type { Distribution, ParamValue } from '../space/distribution.js';
import { fromUnit } from '../space/unit-interval.js';
import { deriveSeed } from '../study/derive-seed.js';
import type { Sampler, SamplerContext } from './sampler.js';

/**
 * The `random` sampler plugin: each hyperparameter of each trial drawn independently and
 * uniformly on its own scale (log-uniform for `hp.log`, and so on). The course's advice for
 * hyperparameter search: try random values, not a grid, so that each of N trials tries a
 * different value of every hyperparameter, including the one that matters most.
 *
 * @remarks
 * The value of hyperparameter `name` in trial n is
 * `fromUnit(distribution, new Rng(deriveSeed(studySeed, n, name)).nextFloat())`: it
 * depends only on the study seed, the trial number and the name, never on the order the
 * names are asked in, on conditional hyperparameters being active or not, or on other trials.
 * Works without a declared search space (define-by-run objectives).
 * @category Samplers
 */
export const randomSamplerPlugin = definePlugin({
  kind: 'searcher',
  name: 'random',
  description: 'Random search: every value drawn independently on its own scale (seeded).',
  create: (): Sampler =>
    Object.freeze({
      name: 'random',
      options: Object.freeze({}),
      sample(context: SamplerContext, name: string, distribution: Distribution): ParamValue {
        const u = new Rng(deriveSeed(context.studySeed, context.trialNumber, name)).nextFloat();
        return fromUnit(distribution, u);
      },
    }),
});

/**
 * Creates the `random` sampler: independent, seeded draws on each hyperparameter's scale.
 *
 * @category Samplers
 *
 * @example
 * ```ts
 * const sampler = randomSampler();
 * const context = { studySeed: 0, trialNumber: 3, space: undefined, plannedTrials: undefined, trials: [], direction: 'minimize' as const };
 * sampler.sample(context, 'learningRate', hp.log(1e-4, 1)); // e.g. 0.0037, the same every time
 * ```
 */
export function randomSampler(...options: Parameters<typeof randomSamplerPlugin.create>): Sampler {
  return randomSamplerPlugin.create(...options);
}

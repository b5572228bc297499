import { definePlugin } from '@deeptune/core';
import type { Distribution, ParamValue } from '../space/distribution.js';
import { fromUnit } from '../space/unit-interval.js';
import { scrambledHalton } from './halton.js';
import type { Sampler, SamplerContext } from './sampler.js';
import { axisOf } from './space-axis.js';

const WHY = 'each declared hyperparameter is one dimension of the Halton sequence';

/**
 * The `quasi-random` sampler plugin: a scrambled Halton sequence, which fills the space more
 * evenly than independent random draws (no clumps, no large gaps) while still trying N
 * distinct values of every hyperparameter in N trials.
 *
 * @remarks
 * Hyperparameter `name` is dimension j, its index among the declared space's entries
 * (conditional ones included, so the dimensions never shift), and uses the j-th prime as its
 * base. Trial n takes point n + 1 of the sequence; the coordinate u ∈ [0, 1) becomes a
 * value with `fromUnit(distribution, u)`, so a log scale is filled evenly in its exponent.
 * Each dimension's digits are scrambled with random permutations, one per digit position,
 * seeded by `deriveSeed(studySeed, 'halton', j)` (see {@link scrambledHalton}): different
 * study seeds give different, equally even point sets.
 * @category Samplers
 */
export const quasiRandomSamplerPlugin = definePlugin({
  kind: 'searcher',
  name: 'quasi-random',
  description: 'Quasi-random search: a scrambled Halton sequence over the declared space.',
  create: (): Sampler =>
    Object.freeze({
      name: 'quasi-random',
      options: Object.freeze({}),
      sample(context: SamplerContext, name: string, distribution: Distribution): ParamValue {
        const { index } = axisOf('quasi-random', context, name, WHY);
        const u = scrambledHalton(context.trialNumber + 1, index, context.studySeed);
        return fromUnit(distribution, u);
      },
    }),
});

/**
 * Creates the `quasi-random` sampler: a scrambled Halton sequence over the study's declared
 * search space.
 *
 * @throws {@link @deeptune/core!ConfigError} (when sampling) without a declared search space
 * or for a name the space does not declare.
 * @category Samplers
 *
 * @example
 * ```ts
 * const space = searchSpace({ learningRate: hp.log(1e-4, 1), beta: hp.oneMinusLog(0.9, 0.999) });
 * const sampler = quasiRandomSampler();
 * const context = { studySeed: 0, trialNumber: 0, space, plannedTrials: undefined, trials: [], direction: 'minimize' as const };
 * sampler.sample(context, 'beta', hp.oneMinusLog(0.9, 0.999)); // e.g. 0.9931
 * ```
 */
export function quasiRandomSampler(
  ...options: Parameters<typeof quasiRandomSamplerPlugin.create>
): Sampler {
  return quasiRandomSamplerPlugin.create(...options);
}

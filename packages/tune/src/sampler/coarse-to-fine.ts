import { ConfigError, definePlugin, option } from '@deeptune/core';
import type { Distribution, ParamValue } from '../space/distribution.js';
import type { TrialRecord } from '../study/trial-record.js';
import { gridSampler } from './grid-sampler.js';
import { narrowDistribution } from './narrow-distribution.js';
import { quasiRandomSampler } from './quasi-random-sampler.js';
import { randomSampler } from './random-sampler.js';
import type { Sampler, SamplerContext } from './sampler.js';

/** The samplers a round can use inside its box. */
const INNER_SAMPLERS = ['random', 'quasi-random', 'grid'] as const;

function better(direction: 'minimize' | 'maximize', a: TrialRecord, b: TrialRecord): number {
  const difference = direction === 'minimize' ? a.value! - b.value! : b.value! - a.value!;
  return difference !== 0 ? difference : a.number - b.number;
}

/**
 * The `coarse-to-fine` search strategy: round 0 samples the whole space; each later round
 * takes the best `topK` complete trials of the round before, shrinks every hyperparameter's
 * range to the box around their values *in its own scale* (log10 α for `log`, log10(1 − β)
 * for `oneMinusLog`, the values that occur for `choice`), widened by `margin` times the
 * previous box's width on each side, and samples `trialsPerRound` trials inside it with the
 * `within` sampler.
 *
 * A round starts when every trial of the round before has finished, so the boxes — and
 * therefore the whole study — are the same however many trials run in parallel. A round
 * with no complete trial before it keeps the previous box. Each trial records the box it was
 * sampled from (its `distributions`), which reports draw per round.
 *
 * @category Samplers
 * @see https://github.com/optuna/optuna/issues/822 (the feature request this answers)
 */
export const coarseToFinePlugin = definePlugin({
  kind: 'searcher',
  name: 'coarse-to-fine',
  description:
    'Rounds of sampling, each inside the box around the best trials of the round before.',
  options: {
    /** Rounds, the first one coarse (≥ 1). */
    rounds: option.number({
      default: 3,
      integer: true,
      min: 1,
      description: 'Rounds, the first one coarse (≥ 1).',
    }),
    /** Trials in each round (≥ 1). */
    trialsPerRound: option.number({
      default: 10,
      integer: true,
      min: 1,
      description: 'Trials in each round (≥ 1).',
    }),
    /** How many of a round's best trials make the next box (≥ 1). */
    topK: option.number({
      default: 3,
      integer: true,
      min: 1,
      description: "How many of a round's best trials make the next box (≥ 1).",
    }),
    /** The box's widening on each side, as a fraction of the previous box's width (> 0). */
    margin: option.number({
      default: 0.1,
      exclusiveMin: 0,
      max: 1,
      description:
        "The box's widening on each side, a fraction of the previous box's width (in (0, 1]).",
    }),
    /** How trials are placed inside a box. */
    within: option.enum(INNER_SAMPLERS, {
      default: 'random',
      description: 'How trials are placed inside a box.',
    }),
  },
  create: ({ rounds, trialsPerRound, topK, margin, within }): Sampler => {
    const inner: Sampler =
      within === 'grid'
        ? gridSampler()
        : within === 'quasi-random'
          ? quasiRandomSampler()
          : randomSampler();
    const roundOf = (trialNumber: number): number => Math.floor(trialNumber / trialsPerRound);
    const roundTrials = (context: SamplerContext, round: number): readonly TrialRecord[] =>
      context.trials.slice(round * trialsPerRound, (round + 1) * trialsPerRound);

    /** The distribution of `name` in `round`, given the declared one. */
    const boxOf = (
      context: SamplerContext,
      round: number,
      name: string,
      declared: Distribution,
    ): Distribution => {
      if (round === 0) return declared;
      const previous = roundTrials(context, round - 1);
      const withName = previous.filter((trial) => name in trial.distributions);
      if (withName.length === 0) return declared;
      const previousBox = withName[0]!.distributions[name]!;
      const best = withName
        .filter((trial) => trial.state === 'complete' && trial.value !== null)
        .sort((a, b) => better(context.direction, a, b))
        .slice(0, topK);
      if (best.length === 0) return previousBox;
      const values: ParamValue[] = best.map((trial) => trial.params[name]!);
      return narrowDistribution(previousBox, values, margin);
    };

    return {
      name: 'coarse-to-fine',
      options: { rounds, trialsPerRound, topK, margin, within },
      plannedTrials: rounds * trialsPerRound,
      roundOf,
      canStart(context: SamplerContext): boolean {
        const round = roundOf(context.trialNumber);
        if (round >= rounds) return false;
        if (round === 0) return true;
        const previous = roundTrials(context, round - 1);
        return (
          previous.length === trialsPerRound && previous.every((trial) => trial.state !== 'running')
        );
      },
      sample(context: SamplerContext, name: string, distribution: Distribution): ParamValue {
        const round = roundOf(context.trialNumber);
        if (round >= rounds) {
          throw new ConfigError(
            `sampler 'coarse-to-fine': trial ${context.trialNumber} is beyond its ${rounds} rounds of ${trialsPerRound} trials`,
          );
        }
        const box = boxOf(context, round, name, distribution);
        return inner.sample({ ...context, plannedTrials: trialsPerRound }, name, box);
      },
      boxFor(context: SamplerContext, name: string, distribution: Distribution): Distribution {
        return boxOf(
          context,
          Math.min(roundOf(context.trialNumber), rounds - 1),
          name,
          distribution,
        );
      },
    };
  },
});

/**
 * Creates the `coarse-to-fine` search strategy (see {@link coarseToFinePlugin}).
 *
 * @param options - `rounds` (3), `trialsPerRound` (10), `topK` (3), `margin` (0.1) and
 * `within` (`'random'`, `'quasi-random'` or `'grid'`).
 * @throws {@link @deeptune/core!InvalidHyperparameterError} for an option out of range.
 * @category Samplers
 *
 * @example
 * ```ts
 * const study = await createStudy({
 *   sampler: coarseToFine({ rounds: 3, trialsPerRound: 10, topK: 3, margin: 0.1 }),
 *   space: searchSpace({ learningRate: hp.log(1e-4, 1), beta: hp.oneMinusLog(0.9, 0.999) }),
 * });
 * await study.optimize(objective); // 30 trials; rounds 2 and 3 zoom in on the best 3
 * ```
 */
export function coarseToFine(...options: Parameters<typeof coarseToFinePlugin.create>): Sampler {
  return coarseToFinePlugin.create(...options);
}

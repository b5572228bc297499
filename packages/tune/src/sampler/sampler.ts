import type { Distribution, ParamValue } from '../space/distribution.js';
import type { SearchSpace } from '../space/search-space.js';
import type { Direction, TrialRecord } from '../study/trial-record.js';

/**
 * What a sampler may base a choice on. Everything here is fixed when the trial starts, so a
 * sampler that uses only these (as every built-in one does) makes the same choices however
 * many trials run in parallel and whatever order they finish in.
 *
 * @category Samplers
 */
export interface SamplerContext {
  /** The study's seed. */
  readonly studySeed: number;
  /** The trial's number, from 0. */
  readonly trialNumber: number;
  /** The declared search space, when the study has one (grid and quasi-random need it). */
  readonly space: SearchSpace | undefined;
  /** The number of trials the study runs, when known (grid sizes its axes from it). */
  readonly plannedTrials: number | undefined;
  /** Every trial the study knows, in number order (finished ones have their value). */
  readonly trials: readonly TrialRecord[];
  /** Whether the study minimizes its objective (which trials are best). */
  readonly direction: Direction;
}

/**
 * Chooses hyperparameter values for trials. Built-in: `random` (seeded), `grid`,
 * `quasi-random` (scrambled Halton), and the `coarse-to-fine` strategy around any of them.
 *
 * A sampler must be a pure function of its context, the name and the distribution:
 * the study asks again for the same trial when it re-runs an interrupted one, and expects
 * the same value.
 *
 * @category Samplers
 */
export interface Sampler {
  /** Its registry name, e.g. `random`. */
  readonly name: string;
  /** Its options as JSON data (recorded in the study's storage). */
  readonly options: Readonly<Record<string, unknown>>;
  /**
   * The number of trials the sampler plans on its own (coarse-to-fine: rounds ×
   * trialsPerRound), which then is the study's budget; `undefined` when the study decides.
   */
  readonly plannedTrials?: number;
  /**
   * Chooses the value of hyperparameter `name` for trial `context.trialNumber`.
   *
   * @throws {@link @deeptune/core!ConfigError} when the sampler cannot work with the study
   * (e.g. a grid without a declared space).
   */
  sample(context: SamplerContext, name: string, distribution: Distribution): ParamValue;
  /**
   * Whether trial `context.trialNumber` can start now; absent means always. Coarse-to-fine
   * says no until every trial of the previous round has finished.
   */
  canStart?(context: SamplerContext): boolean;
  /**
   * The distribution a value is actually drawn from when the sampler narrows the declared
   * one (a coarse-to-fine round's box); absent means the declared one. The study records it
   * with the value, so reports can draw the boxes.
   */
  boxFor?(context: SamplerContext, name: string, distribution: Distribution): Distribution;
  /** The round a trial belongs to, for samplers that work in rounds. */
  roundOf?(trialNumber: number): number;
}

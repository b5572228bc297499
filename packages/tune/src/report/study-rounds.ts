import { stableJson } from '../study/stable-json.js';
import type { StudyHeaderEvent } from '../storage/study-event.js';
import type { TrialRecord } from '../study/trial-record.js';

/**
 * Which round each trial belongs to: for the `coarse-to-fine` sampler, trials of round r
 * are numbers [r·T, (r+1)·T) with T its `trialsPerRound`; otherwise a new round starts
 * whenever a trial's boxes (its `distributions`) differ from the trial before it, so a
 * study with one box throughout has one round.
 *
 * @internal
 */
export interface StudyRounds {
  /** Whether the study searched in rounds: coarse-to-fine, or trials with differing boxes. */
  readonly zooming: boolean;
  /** The number of rounds (≥ 1 when there are trials). */
  readonly count: number;
  /** The round of a trial. */
  readonly roundOf: (trial: TrialRecord) => number;
}

/** @internal */
export function studyRounds(header: StudyHeaderEvent, trials: readonly TrialRecord[]): StudyRounds {
  const perRound = header.sampler.options['trialsPerRound'];
  if (
    header.sampler.name === 'coarse-to-fine' &&
    typeof perRound === 'number' &&
    Number.isInteger(perRound) &&
    perRound >= 1
  ) {
    const roundOf = (trial: TrialRecord): number => Math.floor(trial.number / perRound);
    const count = trials.reduce((most, trial) => Math.max(most, roundOf(trial) + 1), 0);
    return { zooming: true, count, roundOf };
  }
  const sorted = [...trials].sort((a, b) => a.number - b.number);
  const rounds = new Map<number, number>();
  let round = 0;
  // The latest box of each name; a new round starts when a name's box changes (a trial that
  // did not sample a name, e.g. a conditional one, does not start a round).
  const boxes = new Map<string, string>();
  for (const trial of sorted) {
    const current = Object.entries(trial.distributions).map(
      ([name, box]) => [name, stableJson(box)] as const,
    );
    const changed = current.some(([name, key]) => boxes.has(name) && boxes.get(name) !== key);
    if (changed) {
      round++;
      boxes.clear();
    }
    for (const [name, key] of current) boxes.set(name, key);
    rounds.set(trial.number, round);
  }
  const count = sorted.length === 0 ? 0 : round + 1;
  return { zooming: count > 1, count, roundOf: (trial) => rounds.get(trial.number) ?? 0 };
}

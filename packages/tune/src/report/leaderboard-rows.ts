import type { StudyHeaderEvent } from '../storage/study-event.js';
import type { TrialRecord } from '../study/trial-record.js';
import { formatNumber, formatParamValue, formatSeconds } from './format-value.js';
import { lastValue, rankTrials } from './study-ranking.js';

/**
 * One leaderboard row as text cells (not escaped).
 *
 * @internal
 */
export interface LeaderboardRow {
  /** The trial. */
  readonly trial: TrialRecord;
  /** The rank among complete trials (1 = best), or `null` for other states. */
  readonly rank: number | null;
  /** The objective (complete), the last reported value (pruned, running), or `-`. */
  readonly value: string;
  /** Each hyperparameter's value, `-` when the trial did not sample it. */
  readonly params: readonly string[];
  /** The number of epochs reported. */
  readonly epochs: string;
  /** The seconds it took, or `-`. */
  readonly seconds: string;
}

/**
 * The leaderboard's rows, in order (see {@link rankTrials}).
 *
 * @internal
 */
export function leaderboardRows(
  header: StudyHeaderEvent,
  trials: readonly TrialRecord[],
  names: readonly string[],
): LeaderboardRow[] {
  let rank = 0;
  return rankTrials(header.direction, trials).map((trial) => {
    const value = trial.state === 'failed' ? null : lastValue(trial);
    return {
      trial,
      rank: trial.state === 'complete' ? ++rank : null,
      value: value === null ? '-' : formatNumber(value),
      params: names.map((name) => {
        const param = trial.params[name];
        return param === undefined ? '-' : formatParamValue(trial.distributions[name], param);
      }),
      epochs: String(trial.intermediate.length),
      seconds: formatSeconds(trial.seconds),
    };
  });
}

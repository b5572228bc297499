import type { Distribution } from '../space/distribution.js';
import type { StudyHeaderEvent } from '../storage/study-event.js';
import type { TrialRecord } from '../study/trial-record.js';
import { formatNumber, formatParamValue } from './format-value.js';
import { bestTrial, fullDistribution, lastValue, paramNames } from './study-ranking.js';
import { studyRounds, type StudyRounds } from './study-rounds.js';

/**
 * What every chart of a report needs to know about the study.
 *
 * @internal
 */
export interface ReportContext {
  readonly header: StudyHeaderEvent;
  readonly trials: readonly TrialRecord[];
  /** The hyperparameter names, in order. */
  readonly names: readonly string[];
  /** Each hyperparameter's full range (see {@link fullDistribution}). */
  readonly full: ReadonlyMap<string, Distribution>;
  readonly rounds: StudyRounds;
  readonly best: TrialRecord | undefined;
}

/** @internal */
export function reportContext(
  header: StudyHeaderEvent,
  trials: readonly TrialRecord[],
): ReportContext {
  const names = paramNames(header, trials);
  const full = new Map<string, Distribution>();
  for (const name of names) {
    const distribution = fullDistribution(header, trials, name);
    if (distribution !== undefined) full.set(name, distribution);
  }
  return {
    header,
    trials,
    names,
    full,
    rounds: studyRounds(header, trials),
    best: bestTrial(header.direction, trials),
  };
}

/**
 * A trial in one line (not escaped): `trial 7: lr=0.00316, beta=0.9968, dev error 0.0312`,
 * with its state when not complete and its round when the study has rounds.
 *
 * @internal
 */
export function describeTrial(context: ReportContext, trial: TrialRecord): string {
  const state =
    trial.state === 'complete'
      ? ''
      : trial.state === 'pruned'
        ? `pruned at epoch ${trial.intermediate.at(-1)?.epoch ?? '?'}`
        : trial.state;
  const round = context.rounds.zooming ? `round ${context.rounds.roundOf(trial)}` : '';
  const notes = [round, state].filter((note) => note !== '').join(', ');
  const params = context.names
    .filter((name) => trial.params[name] !== undefined)
    .map((name) => `${name}=${formatParamValue(trial.distributions[name], trial.params[name]!)}`);
  const value = trial.state === 'failed' ? null : lastValue(trial);
  const tail = [
    ...params,
    ...(value === null ? [] : [`${context.header.objective} ${formatNumber(value)}`]),
    ...(trial.state === 'failed' && trial.reason !== null ? [trial.reason] : []),
  ];
  return `trial ${trial.number}${notes === '' ? '' : ` (${notes})`}: ${tail.join(', ')}`;
}

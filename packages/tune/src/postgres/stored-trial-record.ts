import type { StoredTrial } from './postgres-trial-store.js';
import type { TrialRecord } from '../study/trial-record.js';

/**
 * A stored trial as a study's {@link TrialRecord}, the form samplers, pruners and reports
 * read: a queued trial (waiting for a worker after a lost heartbeat) is `running`, since it
 * has not finished. {@link SharedStudy.trials} is this of every stored trial; use it directly
 * on trials already read with {@link SharedStudy.storedTrials} (which carry the workers too)
 * instead of reading them twice.
 *
 * @category Storage
 *
 * @example
 * ```ts
 * const stored = await study.storedTrials(); // with workers, heartbeats, lost attempts
 * const records = stored.map(storedTrialRecord); // for reports, samplers, pruners
 * ```
 */
export function storedTrialRecord(trial: StoredTrial): TrialRecord {
  return Object.freeze({
    number: trial.number,
    attempt: trial.attempt,
    state: trial.state === 'queued' ? 'running' : trial.state,
    params: Object.freeze({ ...trial.params }),
    distributions: Object.freeze({ ...trial.distributions }),
    intermediate: Object.freeze([...trial.intermediate]),
    value: trial.value,
    reason: trial.reason,
    seconds: trial.seconds,
    attributes: Object.freeze({ ...trial.attributes }),
  });
}

import type { TrialRecord } from './trial-record.js';

/**
 * The record of a trial that has just started: running, with nothing chosen or reported yet.
 * @internal
 */
export function runningRecord(number: number, attempt: number): TrialRecord {
  return Object.freeze({
    number,
    attempt,
    state: 'running',
    params: Object.freeze({}),
    distributions: Object.freeze({}),
    intermediate: Object.freeze([]),
    value: null,
    reason: null,
    seconds: null,
    attributes: Object.freeze({}),
  });
}

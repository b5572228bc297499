import { DataFormatError } from '@deeptune/core';
import type { Distribution, ParamValue } from '../space/distribution.js';
import type { StudyEvent, StudyHeaderEvent } from '../storage/study-event.js';
import type { IntermediateValue, TrialRecord, TrialState } from './trial-record.js';

/**
 * A study as its events describe it.
 *
 * @category Studies
 */
export interface ReplayedStudy {
  /** The header, or `undefined` for an empty storage. */
  readonly header: StudyHeaderEvent | undefined;
  /** Every trial, indexed by number. */
  readonly trials: readonly TrialRecord[];
  /**
   * For each trial still `running` at the end of the events (its process died, or it was
   * stopped cleanly), how many of its attempts ended without any record: crashes.
   */
  readonly crashes: ReadonlyMap<number, number>;
}

interface MutableTrial {
  number: number;
  attempt: number;
  state: TrialState;
  params: Record<string, ParamValue>;
  distributions: Record<string, Distribution>;
  intermediate: IntermediateValue[];
  value: number | null;
  reason: string | null;
  seconds: number | null;
  attributes: Record<string, number | string | boolean | null>;
  /** Whether the current attempt ended with a clean stop. */
  stopped: boolean;
  /** Attempts that ended without a finish or a stop record. */
  crashes: number;
}

function fresh(number: number, attempt: number, crashes: number): MutableTrial {
  return {
    number,
    attempt,
    state: 'running',
    params: {},
    distributions: {},
    intermediate: [],
    value: null,
    reason: null,
    seconds: null,
    attributes: {},
    stopped: false,
    crashes,
  };
}

function freeze(trial: MutableTrial): TrialRecord {
  return Object.freeze({
    number: trial.number,
    attempt: trial.attempt,
    state: trial.state,
    params: Object.freeze({ ...trial.params }),
    distributions: Object.freeze({ ...trial.distributions }),
    intermediate: Object.freeze([...trial.intermediate]),
    value: trial.value,
    reason: trial.reason,
    seconds: trial.seconds,
    attributes: Object.freeze({ ...trial.attributes }),
  });
}

/**
 * Rebuilds a study from its events, checking that they tell a consistent story: one header
 * first, trial numbers dense from 0, attempts increasing, no event for a trial that has not
 * started or has finished, epochs increasing. Events of an earlier attempt after a later one
 * started are ignored (a late writer of a trial that was re-run).
 *
 * @param where - the storage, for messages.
 * @throws {@link @deeptune/core!DataFormatError} naming `where` and the record's position
 * when the events are inconsistent.
 * @category Studies
 *
 * @example
 * ```ts
 * const { header, trials } = replayStudy(await storage.load(), storage.description);
 * trials.filter((trial) => trial.state === 'complete').length;
 * ```
 */
export function replayStudy(events: readonly StudyEvent[], where: string): ReplayedStudy {
  if (events.length === 0) return { header: undefined, trials: [], crashes: new Map() };
  const fail = (index: number, problem: string): never => {
    throw new DataFormatError(`${where}: record ${index + 1}: ${problem}`);
  };
  const first = events[0]!;
  if (first.type !== 'study')
    fail(0, `the first record must be the study header, got '${first.type}'`);
  const header = first as StudyHeaderEvent;
  const trials: MutableTrial[] = [];
  for (let index = 1; index < events.length; index++) {
    const event = events[index]!;
    if (event.type === 'study') fail(index, 'a second study header');
    const { number } = event as Exclude<StudyEvent, StudyHeaderEvent>;
    const { attempt } = event as Exclude<StudyEvent, StudyHeaderEvent>;
    if (event.type === 'trial-start') {
      if (number === trials.length) {
        if (attempt !== 1) fail(index, `trial ${number} starts with attempt ${attempt}, not 1`);
        trials.push(fresh(number, 1, 0));
        continue;
      }
      const trial = trials[number];
      if (trial === undefined) {
        fail(index, `trial ${number} starts before trial ${trials.length}: numbers must be dense`);
      }
      const known = trial!;
      if (known.state !== 'running') fail(index, `trial ${number} restarts after it finished`);
      if (attempt !== known.attempt + 1) {
        fail(
          index,
          `trial ${number} restarts as attempt ${attempt} after attempt ${known.attempt}`,
        );
      }
      trials[number] = fresh(number, attempt, known.crashes + (known.stopped ? 0 : 1));
      continue;
    }
    const trial = trials[number];
    if (trial === undefined)
      fail(index, `a '${event.type}' record for trial ${number}, which has not started`);
    const current = trial!;
    if (attempt < current.attempt) continue; // a late writer of an attempt that was re-run
    if (attempt > current.attempt) {
      fail(
        index,
        `a '${event.type}' record for attempt ${attempt} of trial ${number}, which is at attempt ${current.attempt}`,
      );
    }
    if (current.state !== 'running' || current.stopped) {
      fail(
        index,
        `a '${event.type}' record for trial ${number} after it ${current.stopped ? 'stopped' : 'finished'}`,
      );
    }
    switch (event.type) {
      case 'trial-param':
        if (event.name in current.params && current.params[event.name] !== event.value) {
          fail(index, `trial ${number} sets '${event.name}' twice`);
        }
        current.params[event.name] = event.value;
        current.distributions[event.name] = event.distribution;
        break;
      case 'trial-report': {
        const last = current.intermediate.at(-1);
        if (last !== undefined && event.epoch <= last.epoch) {
          fail(index, `trial ${number} reports epoch ${event.epoch} after epoch ${last.epoch}`);
        }
        current.intermediate.push({ epoch: event.epoch, value: event.value });
        break;
      }
      case 'trial-finish':
        current.state = event.state;
        current.value = event.value;
        current.reason = event.reason;
        current.seconds = event.seconds;
        current.attributes = { ...event.attributes };
        break;
      case 'trial-stop':
        current.stopped = true;
        break;
    }
  }
  const crashes = new Map<number, number>();
  for (const trial of trials) {
    if (trial.state === 'running')
      crashes.set(trial.number, trial.crashes + (trial.stopped ? 0 : 1));
  }
  return { header, trials: Object.freeze(trials.map(freeze)), crashes };
}

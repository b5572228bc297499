import type { Distribution, ParamValue } from '../space/distribution.js';
import type { SpaceEntry } from '../space/search-space.js';
import type { Direction } from '../study/trial-record.js';

/**
 * The format name in a study header.
 *
 * @category Storage
 */
export const STUDY_FORMAT = 'deeptune-study';

/**
 * The version of the study event format this code writes and reads.
 *
 * @category Storage
 */
export const STUDY_FORMAT_VERSION = 1;

/**
 * A sampler or pruner as recorded: its registry name and options (JSON data).
 *
 * @category Storage
 */
export interface RecordedPlugin {
  /** The registry name, e.g. `coarse-to-fine`. */
  readonly name: string;
  /** Its options. */
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * The first event of every study: what the study is, so that resuming it with different
 * settings is refused instead of mixing two searches.
 *
 * @category Storage
 */
export interface StudyHeaderEvent {
  /** The event type. */
  readonly type: 'study';
  /** Always {@link STUDY_FORMAT}. */
  readonly format: typeof STUDY_FORMAT;
  /** The format version, {@link STUDY_FORMAT_VERSION}. */
  readonly version: number;
  /** The study's name. */
  readonly name: string;
  /** Whether the objective is minimized or maximized. */
  readonly direction: Direction;
  /** What the objective is, e.g. `dev error`. */
  readonly objective: string;
  /** The study seed. */
  readonly seed: number;
  /** The sampler. */
  readonly sampler: RecordedPlugin;
  /** The pruner, or `null` for none. */
  readonly pruner: RecordedPlugin | null;
  /** The declared search space, or `null` for define-by-run. */
  readonly space: readonly SpaceEntry[] | null;
  /** The number of trials planned, or `null` when open-ended. */
  readonly trials: number | null;
  /** Settings of the application that runs the trials (the CLI's base training flags). */
  readonly settings: Readonly<Record<string, unknown>>;
  /** When it was created (ISO 8601). */
  readonly at: string;
}

/**
 * A trial (re)starts: attempt 1, or 2 when a trial interrupted by a crash is re-run. Events
 * of an earlier attempt are void from here on.
 *
 * @category Storage
 */
export interface TrialStartEvent {
  /** The event type. */
  readonly type: 'trial-start';
  /** The trial number. */
  readonly number: number;
  /** The attempt. */
  readonly attempt: number;
  /** When (ISO 8601). */
  readonly at: string;
}

/**
 * A trial sampled one hyperparameter.
 *
 * @category Storage
 */
export interface TrialParamEvent {
  /** The event type. */
  readonly type: 'trial-param';
  /** The trial number. */
  readonly number: number;
  /** The attempt. */
  readonly attempt: number;
  /** The hyperparameter. */
  readonly name: string;
  /** Its value. */
  readonly value: ParamValue;
  /** The distribution it was sampled from. */
  readonly distribution: Distribution;
}

/**
 * A trial reported its value after an epoch.
 *
 * @category Storage
 */
export interface TrialReportEvent {
  /** The event type. */
  readonly type: 'trial-report';
  /** The trial number. */
  readonly number: number;
  /** The attempt. */
  readonly attempt: number;
  /** The epoch, from 1. */
  readonly epoch: number;
  /** The value. */
  readonly value: number;
}

/**
 * A trial finished: complete with its objective, pruned, or failed.
 *
 * @category Storage
 */
export interface TrialFinishEvent {
  /** The event type. */
  readonly type: 'trial-finish';
  /** The trial number. */
  readonly number: number;
  /** The attempt. */
  readonly attempt: number;
  /** How it finished. */
  readonly state: 'complete' | 'pruned' | 'failed';
  /** The objective (complete), the last reported value (pruned), or `null`. */
  readonly value: number | null;
  /** Why it was pruned or failed, else `null`. */
  readonly reason: string | null;
  /** Seconds from its start. */
  readonly seconds: number;
  /** Extra results (numbers, strings, booleans, nulls). */
  readonly attributes: Readonly<Record<string, number | string | boolean | null>>;
  /** When (ISO 8601). */
  readonly at: string;
}

/**
 * A running trial was stopped cleanly (Ctrl-C, an abort signal) before it finished: it is
 * run again when the study resumes, and unlike a crash this does not use up a retry.
 *
 * @category Storage
 */
export interface TrialStopEvent {
  /** The event type. */
  readonly type: 'trial-stop';
  /** The trial number. */
  readonly number: number;
  /** The attempt. */
  readonly attempt: number;
  /** Why, e.g. `interrupted`. */
  readonly reason: string;
  /** When (ISO 8601). */
  readonly at: string;
}

/**
 * One record of a study's storage. A study is the replay of its events in order.
 *
 * @category Storage
 */
export type StudyEvent =
  | StudyHeaderEvent
  | TrialStartEvent
  | TrialParamEvent
  | TrialReportEvent
  | TrialFinishEvent
  | TrialStopEvent;

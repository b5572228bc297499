/**
 * The PostgreSQL part of `@deeptune/tune` (Node only): a study storage that workers on many
 * machines share, through the `pg` driver. The tables (studies, trials, per-epoch values,
 * lost attempts, a schema version) are created on first use, or explicitly with
 * {@link PostgresTrialStore.upgrade}.
 *
 * ```ts
 * import { PostgresTrialStore } from '@deeptune/tune/postgres';
 *
 * const store = await PostgresTrialStore.open('postgres://postgres@127.0.0.1:5432/test');
 * const { study } = await store.createStudy(header);
 * const claim = await store.startNewTrial(study.id, 'host-a/1', 200); // trial 0, 1, … in order
 * // … train, calling store.heartbeat(claim) every few seconds …
 * await store.finishTrial(claim!, { state: 'complete', value: 0.031 });
 * ```
 *
 * @packageDocumentation
 */
export { PostgresTrialStore } from './postgres-trial-store.js';
export type {
  ClaimedTrial,
  CompleteOutcome,
  CreatedStudy,
  OutcomeDetails,
  StartTrialResult,
  StoredRound,
  StudyFull,
  TrialStarted,
  TrialWaiting,
  TrialPlan,
  TrialPlanContext,
  FailedOutcome,
  LostAttempt,
  PostgresTrialStoreOptions,
  PrunedOutcome,
  RequeueResult,
  SchemaUpgrade,
  StoredStudy,
  StoredTrial,
  StoredTrialState,
  TrialClaim,
  TrialOutcome,
} from './postgres-trial-store.js';
export { SharedStudy } from './shared-study.js';
export { storedTrialRecord } from './stored-trial-record.js';
export type { JoinStudyOptions, SharedStudyOptions } from './shared-study.js';
export type { WorkOptions, WorkResult } from './shared-worker.js';
export { POSTGRES_SCHEMA_VERSION } from './postgres-schema.js';
export { isPostgresUrl, parsePostgresUrl, redactPostgresUrl } from './postgres-url.js';
export type { PostgresTarget } from './postgres-url.js';
export { StorageUnavailableError } from './storage-unavailable-error.js';

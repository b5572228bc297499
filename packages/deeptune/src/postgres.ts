/**
 * The PostgreSQL study storage of deeptune (Node only), from `@deeptune/tune/postgres`:
 * {@link PostgresTrialStore}, shared by workers on many machines, and its URL helpers.
 *
 * @packageDocumentation
 */
export {
  POSTGRES_SCHEMA_VERSION,
  PostgresTrialStore,
  SharedStudy,
  storedTrialRecord,
  StorageUnavailableError,
  isPostgresUrl,
  parsePostgresUrl,
  redactPostgresUrl,
} from '@deeptune/tune/postgres';
export type {
  ClaimedTrial,
  CompleteOutcome,
  CreatedStudy,
  JoinStudyOptions,
  OutcomeDetails,
  SharedStudyOptions,
  StartTrialResult,
  StoredRound,
  StudyFull,
  TrialStarted,
  TrialWaiting,
  TrialPlan,
  TrialPlanContext,
  WorkOptions,
  WorkResult,
  FailedOutcome,
  LostAttempt,
  PostgresTarget,
  PostgresTrialStoreOptions,
  PrunedOutcome,
  RequeueResult,
  SchemaUpgrade,
  StoredStudy,
  StoredTrial,
  StoredTrialState,
  TrialClaim,
  TrialOutcome,
} from '@deeptune/tune/postgres';

/**
 * The PostgreSQL schema of a study storage, as forward migrations: migration `i` (from 0)
 * takes a storage from version `i` to `i + 1`. Never edit a migration that has shipped; add
 * the next one. Each is SQL for the Postgres schema `s` (a quoted identifier).
 *
 * Version 1, modelled on Optuna's RDB storage:
 * - `studies`: one row per study (its name, the header the journal file starts with as
 *   JSON, and the next trial number). A new trial is numbered under a lock on this row, so
 *   numbers stay dense and unique whatever the number of workers.
 * - `trials`: one row per trial number: its state (`queued`, `running`, `complete`,
 *   `pruned`, `failed`), its parameters and their distributions (JSON), its value, the worker
 *   that holds it, the attempt, and the time of its last heartbeat.
 * - `trial_values`: the values a trial reported after each epoch, per attempt.
 * - `trial_attempts`: attempts that ended without a result (a lost heartbeat), with the worker
 *   and the reason.
 *
 * Version 2, for workers that run whole studies:
 * - `trials.retries`: how many times the trial was re-queued after a lost heartbeat (a clean
 *   stop gives a trial back without using a retry); `trials.seconds` and `trials.attributes`
 *   (the extra results of a finished trial, as in a journal file's finish record).
 * - `study_rounds`: a coarse-to-fine round's box, per hyperparameter, computed once by the
 *   worker that starts the round's first trial, under the lock on the study's row.
 *
 * Only JSON parameters and numbers are stored, never code.
 * @internal
 */
export const MIGRATIONS: readonly ((s: string) => string)[] = [
  (s) => `
    CREATE TABLE ${s}.studies (
      id bigserial PRIMARY KEY,
      name text NOT NULL UNIQUE,
      header jsonb NOT NULL,
      next_number integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE ${s}.trials (
      id bigserial PRIMARY KEY,
      study_id bigint NOT NULL REFERENCES ${s}.studies (id) ON DELETE CASCADE,
      number integer NOT NULL,
      state text NOT NULL CHECK (state IN ('queued', 'running', 'complete', 'pruned', 'failed')),
      params jsonb NOT NULL DEFAULT '{}',
      distributions jsonb NOT NULL DEFAULT '{}',
      value double precision,
      reason text,
      worker_id text,
      attempt integer NOT NULL DEFAULT 1,
      heartbeat_at timestamptz,
      started_at timestamptz,
      finished_at timestamptz,
      UNIQUE (study_id, number)
    );
    CREATE INDEX trials_queued ON ${s}.trials (study_id, number) WHERE state = 'queued';
    CREATE INDEX trials_running ON ${s}.trials (study_id, heartbeat_at) WHERE state = 'running';
    CREATE TABLE ${s}.trial_values (
      trial_id bigint NOT NULL REFERENCES ${s}.trials (id) ON DELETE CASCADE,
      attempt integer NOT NULL,
      epoch integer NOT NULL,
      value double precision NOT NULL,
      PRIMARY KEY (trial_id, attempt, epoch)
    );
    CREATE TABLE ${s}.trial_attempts (
      trial_id bigint NOT NULL REFERENCES ${s}.trials (id) ON DELETE CASCADE,
      attempt integer NOT NULL,
      worker_id text,
      reason text NOT NULL,
      ended_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (trial_id, attempt)
    );
  `,
  (s) => `
    ALTER TABLE ${s}.trials
      ADD COLUMN retries integer NOT NULL DEFAULT 0,
      ADD COLUMN seconds double precision,
      ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}';
    UPDATE ${s}.trials SET retries = attempt - 1;
    CREATE TABLE ${s}.study_rounds (
      study_id bigint NOT NULL REFERENCES ${s}.studies (id) ON DELETE CASCADE,
      round integer NOT NULL,
      boxes jsonb NOT NULL,
      worker_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (study_id, round)
    );
  `,
];

/**
 * The schema version of a PostgreSQL storage that this code writes and reads (the number of
 * its migrations). A storage of a newer version is refused, one of an older version is
 * migrated forward.
 *
 * @category Storage
 */
export const POSTGRES_SCHEMA_VERSION = MIGRATIONS.length;

/** Postgres schema names deeptune accepts: lower-case letters, digits and `_`, ≤ 63 long. */
export const SCHEMA_NAME_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

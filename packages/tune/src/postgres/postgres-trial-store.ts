import type pg from 'pg';
import { ConfigError, DataFormatError } from '@deeptune/core';
import type { Distribution, ParamValue } from '../space/distribution.js';
import type { StudyHeaderEvent } from '../storage/study-event.js';
import type { IntermediateValue } from '../study/trial-record.js';
import { MIGRATIONS, POSTGRES_SCHEMA_VERSION, SCHEMA_NAME_PATTERN } from './postgres-schema.js';
import { parsePostgresUrl, redactPostgresUrl, type PostgresTarget } from './postgres-url.js';
import { StorageUnavailableError } from './storage-unavailable-error.js';

/**
 * Options of {@link PostgresTrialStore.open}.
 *
 * @category Storage
 */
export interface PostgresTrialStoreOptions {
  /**
   * The Postgres schema that holds the tables (lower-case letters, digits and `_`): one
   * database can hold several independent storages.
   * @defaultValue 'deeptune'
   */
  readonly schema?: string;
  /**
   * Apply pending schema migrations when opening (the first worker to open a new database
   * creates the tables). With `false`, opening fails unless the schema is current: run
   * {@link PostgresTrialStore.upgrade} (`deeptune tune storage upgrade`).
   * @defaultValue true
   */
  readonly migrate?: boolean;
  /**
   * How long to wait for a connection, in milliseconds.
   * @defaultValue 10000
   */
  readonly connectTimeoutMs?: number;
  /**
   * Connections kept open at most.
   * @defaultValue 4
   */
  readonly maxConnections?: number;
}

/**
 * A trial's state in a shared storage: `queued` (waiting for a worker to claim it) or one of
 * a study's trial states.
 *
 * @category Storage
 */
export type StoredTrialState = 'queued' | 'running' | 'complete' | 'pruned' | 'failed';

/**
 * A study as stored: its row id and its header.
 *
 * @category Storage
 */
export interface StoredStudy {
  /** The study's row id, for the trial methods. */
  readonly id: number;
  /** The study's name. */
  readonly name: string;
  /** What the study is (as the first event of a journal file). */
  readonly header: StudyHeaderEvent;
}

/**
 * A worker's hold on a running trial. Every write about the trial is fenced by it: once the
 * trial is re-queued (its heartbeat was lost) or claimed again, the old claim writes nothing
 * and its methods return `false`, so a late worker never overwrites a retry.
 *
 * @category Storage
 */
export interface TrialClaim {
  /** The study's row id. */
  readonly studyId: number;
  /** The trial's row id. */
  readonly trialId: number;
  /** The trial number, dense from 0 in its study. */
  readonly number: number;
  /** The attempt this claim runs, from 1. */
  readonly attempt: number;
  /** The worker that holds it. */
  readonly workerId: string;
}

/**
 * A claim on a trial with the hyperparameters stored so far: all of them for a trial that
 * is run again, those chosen when it was created for a new one.
 *
 * @category Storage
 */
export interface ClaimedTrial extends TrialClaim {
  /** The hyperparameters stored for the trial. */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** The distribution each was sampled from. */
  readonly distributions: Readonly<Record<string, Distribution>>;
}

/**
 * A coarse-to-fine round's box: the distribution of each hyperparameter in the round,
 * stored once, by the worker that started the round's first trial.
 *
 * @category Storage
 */
export interface StoredRound {
  /** The round, from 0. */
  readonly round: number;
  /** Each hyperparameter's distribution in this round. */
  readonly boxes: Readonly<Record<string, Distribution>>;
  /** The worker that computed it (`null` when stored without one). */
  readonly workerId: string | null;
}

/**
 * What {@link PostgresTrialStore.startTrial} shows the planner: the number the new trial
 * would get, and the study as it is under the lock.
 *
 * @category Storage
 */
export interface TrialPlanContext {
  /** The number of the trial to create. */
  readonly number: number;
  /** Every trial of the study, by number. */
  readonly trials: readonly StoredTrial[];
  /** The stored rounds, by round. */
  readonly rounds: readonly StoredRound[];
}

/**
 * The planner's answer: the new trial's hyperparameters and, for the first trial of a
 * round, the round's box to store.
 *
 * @category Storage
 */
export interface TrialPlan {
  /** Its hyperparameters (all of them for a declared space; may be empty). */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** The distribution each was sampled from. */
  readonly distributions: Readonly<Record<string, Distribution>>;
  /** A round to store, unless one with its number is stored already. */
  readonly round?: StoredRound;
}

/**
 * What {@link PostgresTrialStore.startTrial} did: `started` with the claim, `full` when the
 * study has all its trials, `waiting` when the planner said no trial can start yet (a
 * coarse-to-fine round waits for the round before it).
 *
 * @category Storage
 */
export type StartTrialResult = TrialStarted | StudyFull | TrialWaiting;

/**
 * {@link PostgresTrialStore.startTrial} created the trial, claimed by the caller.
 *
 * @category Storage
 */
export interface TrialStarted {
  /** What happened. */
  readonly status: 'started';
  /** The new trial, with the hyperparameters the planner chose. */
  readonly claim: ClaimedTrial;
}

/**
 * {@link PostgresTrialStore.startTrial} found the study with all its trials.
 *
 * @category Storage
 */
export interface StudyFull {
  /** What happened. */
  readonly status: 'full';
}

/**
 * {@link PostgresTrialStore.startTrial}'s planner said no trial can start yet.
 *
 * @category Storage
 */
export interface TrialWaiting {
  /** What happened. */
  readonly status: 'waiting';
}

/**
 * An attempt that ended without a result: the worker that held it and why it ended.
 *
 * @category Storage
 */
export interface LostAttempt {
  /** The attempt, from 1. */
  readonly attempt: number;
  /** The worker that held it. */
  readonly workerId: string | null;
  /** Why it ended, e.g. `no heartbeat for 31.2 s`. */
  readonly reason: string;
}

/**
 * A trial as stored, with the values reported by its current attempt.
 *
 * @category Storage
 */
export interface StoredTrial {
  /** The trial number. */
  readonly number: number;
  /** Its state. */
  readonly state: StoredTrialState;
  /** The attempt that runs or ran last, from 1. */
  readonly attempt: number;
  /** The worker that holds it or held it last, or `null`. */
  readonly workerId: string | null;
  /** How many times it was queued again after a lost heartbeat. */
  readonly retries: number;
  /** Its hyperparameters so far. */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** The distribution each hyperparameter was sampled from. */
  readonly distributions: Readonly<Record<string, Distribution>>;
  /** The values the current attempt reported, by epoch. */
  readonly intermediate: readonly IntermediateValue[];
  /** The objective (complete), the last reported value (pruned), or `null`. */
  readonly value: number | null;
  /** Why it was pruned or failed, or `null`. */
  readonly reason: string | null;
  /** When its current attempt last said it was alive, or `null` before it first ran. */
  readonly heartbeatAt: Date | null;
  /** When its current attempt started, or `null` while queued before it first ran. */
  readonly startedAt: Date | null;
  /** When it finished, or `null`. */
  readonly finishedAt: Date | null;
  /** Seconds its finishing attempt took, or `null`. */
  readonly seconds: number | null;
  /** Its extra results (numbers, strings, booleans, nulls). */
  readonly attributes: Readonly<Record<string, number | string | boolean | null>>;
  /** Earlier attempts that ended without a result. */
  readonly lostAttempts: readonly LostAttempt[];
}

/**
 * What every outcome may carry besides its state: how long the attempt took and extra
 * results.
 *
 * @category Storage
 */
export interface OutcomeDetails {
  /** Seconds the attempt took. */
  readonly seconds?: number;
  /** Extra results (numbers, strings, booleans, nulls), e.g. the train error. */
  readonly attributes?: Readonly<Record<string, number | string | boolean | null>>;
}

/**
 * A trial that finished with its objective value.
 *
 * @category Storage
 */
export interface CompleteOutcome extends OutcomeDetails {
  /** The state it ends in. */
  readonly state: 'complete';
  /** The objective (finite). */
  readonly value: number;
}

/**
 * A trial stopped by a pruner.
 *
 * @category Storage
 */
export interface PrunedOutcome extends OutcomeDetails {
  /** The state it ends in. */
  readonly state: 'pruned';
  /** The last value it reported (finite), or `null`. */
  readonly value: number | null;
  /** The pruner's reason. */
  readonly reason: string;
}

/**
 * A trial that failed (its training threw, or diverged).
 *
 * @category Storage
 */
export interface FailedOutcome extends OutcomeDetails {
  /** The state it ends in. */
  readonly state: 'failed';
  /** What went wrong. */
  readonly reason: string;
}

/**
 * How a trial ended.
 *
 * @category Storage
 */
export type TrialOutcome = CompleteOutcome | PrunedOutcome | FailedOutcome;

/**
 * What {@link PostgresTrialStore.upgrade} did: the schema version before and after.
 *
 * @category Storage
 */
export interface SchemaUpgrade {
  /** The version found (0 for a database without deeptune's tables). */
  readonly from: number;
  /** The version now, {@link POSTGRES_SCHEMA_VERSION}. */
  readonly to: number;
}

/**
 * What {@link PostgresTrialStore.createStudy} did.
 *
 * @category Storage
 */
export interface CreatedStudy {
  /** The stored study: the new one, or the one of that name that was there. */
  readonly study: StoredStudy;
  /** Whether this call created it. */
  readonly created: boolean;
}

/**
 * What {@link PostgresTrialStore.requeueStale} did: trials given back to the queue, and
 * trials marked failed because they had used up their retries.
 *
 * @category Storage
 */
export interface RequeueResult {
  /** Numbers of the trials queued again. */
  readonly requeued: readonly number[];
  /** Numbers of the trials that failed for good. */
  readonly failed: readonly number[];
}

/**
 * The `pg` driver, loaded when a storage is opened: it is an optional peer dependency, so
 * that an install without PostgreSQL storage does not carry it.
 */
async function loadDriver(redacted: string): Promise<typeof pg> {
  try {
    return (await import('pg')).default;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND') {
      throw new ConfigError(
        `storage ${redacted}: a PostgreSQL storage needs the npm package 'pg' (pure JavaScript), which is not installed; install it next to deeptune: npm install pg`,
        { cause: error },
      );
    }
    throw error;
  }
}

/** Error codes of a connection that failed or was refused (Node and PostgreSQL). */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  '28P01', // invalid password
  '28000', // invalid authorization (no such role, pg_hba)
  '3D000', // no such database
  '57P01', // the server shut down (admin_shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot connect now (starting up)
  '53300', // too many connections: the server (or the role) is at its limit until others leave
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

/** Whether `error` says the database could not be reached (rather than a bad query). */
function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  return /timeout exceeded when trying to connect|Connection terminated|connection error/i.test(
    error.message,
  );
}

/** The message of `error` (or of each error of an AggregateError), password hidden. */
function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map(describeError))].join('; ');
  }
  const text = error instanceof Error ? error.message : String(error);
  return redactPostgresUrl(text === '' ? String((error as { code?: unknown }).code) : text);
}

/** The row of a trial query. */
interface TrialRow {
  number: number;
  state: StoredTrialState;
  attempt: number;
  retries: number;
  worker_id: string | null;
  params: Record<string, ParamValue>;
  distributions: Record<string, Distribution>;
  value: number | null;
  reason: string | null;
  heartbeat_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  seconds: number | null;
  attributes: Record<string, number | string | boolean | null>;
  intermediate: IntermediateValue[] | null;
  lost: { attempt: number; worker_id: string | null; reason: string }[] | null;
}

/**
 * A study storage in PostgreSQL that many workers on many machines share, with a schema
 * modelled on Optuna's RDB storage: no coordinator process; each worker creates trials (numbered
 * densely under a lock on the study's row), claims queued ones (`FOR UPDATE SKIP LOCKED`), sends
 * heartbeats, and writes its results fenced by its claim. Trials whose heartbeat stops are
 * re-queued, or failed after their retries, by whichever worker notices.
 *
 * All SQL is parameterised; the database holds only JSON parameters and numbers. The
 * password of the URL is never part of a message.
 *
 * @category Storage
 *
 * @example
 * ```ts
 * const store = await PostgresTrialStore.open('postgres://postgres@127.0.0.1:5432/test');
 * const { study } = await store.createStudy(header); // or store.findStudy('lr-search')
 * const claim = (await store.claimQueuedTrial(study.id, 'worker-1'))
 *   ?? (await store.startNewTrial(study.id, 'worker-1', 200));
 * if (claim !== undefined) {
 *   await store.recordParams(claim, { lr: 0.01 }, { lr: { scale: 'log', low: 1e-4, high: 1 } });
 *   await store.reportValue(claim, 1, 0.12);
 *   await store.finishTrial(claim, { state: 'complete', value: 0.1 });
 * }
 * await store.close();
 * ```
 */
export class PostgresTrialStore {
  /** The storage for messages: the URL with its password hidden, and the schema. */
  readonly description: string;
  /** The Postgres schema of the tables. */
  readonly schema: string;
  readonly #pool: pg.Pool;
  /** The schema as a quoted SQL identifier. */
  readonly #s: string;
  #closed = false;

  private constructor(target: PostgresTarget, schema: string, pool: pg.Pool) {
    this.description = `${target.redacted} (schema ${schema})`;
    this.schema = schema;
    this.#pool = pool;
    this.#s = `"${schema}"`;
  }

  /**
   * Connects to the database of `url` (`postgres://user[:password]@host[:port]/database`),
   * checks the schema version and, unless `migrate` is false, applies pending migrations
   * (under an advisory lock, so workers starting together apply them once).
   *
   * @throws {@link @deeptune/core!ConfigError} for a malformed URL or schema name, or an old
   * schema with `migrate: false`.
   * @throws {@link StorageUnavailableError} when the server cannot be reached or refuses the
   * credentials or the database.
   * @throws {@link @deeptune/core!DataFormatError} when the storage's schema is newer than
   * this version of deeptune.
   */
  static async open(
    url: string,
    options: PostgresTrialStoreOptions = {},
  ): Promise<PostgresTrialStore> {
    return PostgresTrialStore.#connect(
      url,
      options,
      options.migrate === false ? 'check' : 'migrate',
    );
  }

  /**
   * Connects, then brings the schema up to date (`migrate`), checks that it is (`check`), or
   * leaves it to the caller (`connect`, for {@link PostgresTrialStore.upgradeSchema}).
   */
  static async #connect(
    url: string,
    options: PostgresTrialStoreOptions,
    mode: 'migrate' | 'check' | 'connect',
  ): Promise<PostgresTrialStore> {
    const target = parsePostgresUrl(url);
    const schema = options.schema ?? 'deeptune';
    if (typeof schema !== 'string' || !SCHEMA_NAME_PATTERN.test(schema)) {
      throw new ConfigError(
        `storage ${target.redacted}: schema ${JSON.stringify(schema)} is not a valid name; expected lower-case letters, digits and _ (at most 63, not starting with a digit)`,
      );
    }
    const driver = await loadDriver(target.redacted);
    const pool = new driver.Pool({
      connectionString: target.url,
      max: options.maxConnections ?? 4,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      application_name: 'deeptune',
    });
    // An idle connection that breaks (the server restarted) must not crash the process:
    // the next query opens a new one, or reports the storage unavailable.
    pool.on('error', () => undefined);
    const store = new PostgresTrialStore(target, schema, pool);
    try {
      if (mode === 'connect') await store.#transaction(() => Promise.resolve());
      else await store.#prepare(mode === 'migrate');
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return store;
  }

  /**
   * Connects to the storage at `url` and applies its pending schema migrations, whatever its
   * version (`deeptune tune storage upgrade`): the versions before and after.
   *
   * @throws {@link @deeptune/core!ConfigError} for a malformed URL or schema name.
   * @throws {@link StorageUnavailableError} when the database cannot be reached.
   * @throws {@link @deeptune/core!DataFormatError} when the schema is newer than this code.
   *
   * @example
   * ```ts
   * const { from, to } = await PostgresTrialStore.upgradeSchema('postgres://postgres@127.0.0.1/test');
   * console.log(from === to ? `at version ${to}` : `version ${from} → ${to}`);
   * ```
   */
  static async upgradeSchema(
    url: string,
    options: Omit<PostgresTrialStoreOptions, 'migrate'> = {},
  ): Promise<SchemaUpgrade> {
    const store = await PostgresTrialStore.#connect(url, options, 'connect');
    try {
      return await store.upgrade();
    } finally {
      await store.close();
    }
  }

  /**
   * Applies the pending schema migrations (`deeptune tune storage upgrade`) and returns the
   * versions before and after.
   *
   * @throws {@link @deeptune/core!DataFormatError} when the schema is newer than this code.
   * @throws {@link StorageUnavailableError} when the database cannot be reached.
   */
  async upgrade(): Promise<SchemaUpgrade> {
    return this.#transaction(async (client) => {
      const from = await this.#lockedVersion(client);
      await this.#migrate(client, from);
      return { from, to: POSTGRES_SCHEMA_VERSION };
    });
  }

  /** The schema version stored in the database (0 before the first migration). */
  async schemaVersion(): Promise<number> {
    return this.#transaction((client) => this.#lockedVersion(client, false));
  }

  /**
   * Creates the study of `header` unless one of that name exists, and returns the stored one
   * with `created` saying which happened. A caller joining an existing study compares its
   * header with its own.
   */
  async createStudy(header: StudyHeaderEvent): Promise<CreatedStudy> {
    const inserted = await this.#query<{ id: string }>(
      `INSERT INTO ${this.#s}.studies (name, header) VALUES ($1, $2)
       ON CONFLICT (name) DO NOTHING RETURNING id`,
      [header.name, JSON.stringify(header)],
    );
    const row = inserted.rows[0];
    if (row !== undefined) {
      return { study: { id: Number(row.id), name: header.name, header }, created: true };
    }
    const study = await this.findStudy(header.name);
    if (study === undefined) {
      throw new DataFormatError(
        `storage ${this.description}: study '${header.name}' was deleted while it was being created; try again`,
      );
    }
    return { study, created: false };
  }

  /** The study named `name`, or undefined when the storage has none of that name. */
  async findStudy(name: string): Promise<StoredStudy | undefined> {
    const result = await this.#query<{ id: string; header: StudyHeaderEvent }>(
      `SELECT id, header FROM ${this.#s}.studies WHERE name = $1`,
      [name],
    );
    const row = result.rows[0];
    return row === undefined ? undefined : { id: Number(row.id), name, header: row.header };
  }

  /** The names of the stored studies, in the order they were created. */
  async studyNames(): Promise<string[]> {
    const result = await this.#query<{ name: string }>(
      `SELECT name FROM ${this.#s}.studies ORDER BY id`,
    );
    return result.rows.map((row) => row.name);
  }

  /**
   * Creates the study's next trial, running and claimed by `workerId`: its number is taken
   * under a lock on the study's row, so numbers are dense and unique across workers. Returns
   * undefined when the study already has `limit` trials.
   */
  async startNewTrial(
    studyId: number,
    workerId: string,
    limit?: number,
  ): Promise<TrialClaim | undefined> {
    const result = await this.#createTrial(studyId, workerId, limit ?? Infinity, () =>
      Promise.resolve({ params: {}, distributions: {} }),
    );
    if (result.status !== 'started') return undefined;
    const { trialId, number, attempt } = result.claim;
    return { studyId, trialId, number, attempt, workerId };
  }

  /**
   * Creates the study's next trial for `workerId` as {@link startNewTrial} does, with the
   * hyperparameters `plan` chooses: `plan` runs under the lock on the study's row and sees
   * every trial and stored round, so a sampler's decision (may this trial start? which box
   * is its round's?) is taken once, by one worker, on the study as it is. Returns `full`
   * when the study has `limit` trials and `waiting` when `plan` returns undefined. `known`:
   * finished trials already read, as for {@link trials} (the lock is held for less time).
   *
   * @example
   * ```ts
   * const result = await store.startTrial(study.id, 'host-a/1', 200, ({ number }) => ({
   *   params: { lr: 10 ** (-4 + (number % 4)) },
   *   distributions: { lr: { scale: 'log', low: 1e-4, high: 1 } },
   * }));
   * if (result.status === 'started') console.log(result.claim.number);
   * ```
   */
  async startTrial(
    studyId: number,
    workerId: string,
    limit: number,
    plan: (context: TrialPlanContext) => TrialPlan | undefined,
    known?: ReadonlyMap<number, StoredTrial>,
  ): Promise<StartTrialResult> {
    return this.#createTrial(studyId, workerId, limit, async (client, number) => {
      const trials = await this.#trialsWith(client, studyId, known);
      const rounds = await this.#roundsWith(client, studyId);
      return plan({ number, trials, rounds });
    });
  }

  /**
   * In one transaction: locks the study's row, takes its next number (`full` at `limit`),
   * lets `choose` plan the trial (`waiting` when it returns undefined), inserts it running and
   * claimed by `workerId`, stores a new round's box, and advances the study's next number.
   */
  async #createTrial(
    studyId: number,
    workerId: string,
    limit: number,
    choose: (client: pg.PoolClient, number: number) => Promise<TrialPlan | undefined>,
  ): Promise<StartTrialResult> {
    return this.#transaction(async (client) => {
      const locked = await client.query<{ next_number: number }>(
        `SELECT next_number FROM ${this.#s}.studies WHERE id = $1 FOR UPDATE`,
        [studyId],
      );
      const next = locked.rows[0]?.next_number;
      if (next === undefined) {
        throw new ConfigError(`storage ${this.description}: no study with id ${studyId}`);
      }
      if (next >= limit) return { status: 'full' } as const;
      const chosen = await choose(client, next);
      if (chosen === undefined) return { status: 'waiting' } as const;
      // clock_timestamp(), not now(): now() is when the transaction began, before it waited
      // for the lock, so a trial could seem to start before the trials it waited for ended.
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO ${this.#s}.trials
           (study_id, number, state, worker_id, attempt, heartbeat_at, started_at, params,
            distributions)
         VALUES ($1, $2, 'running', $3, 1, clock_timestamp(), clock_timestamp(), $4, $5) RETURNING id`,
        [
          studyId,
          next,
          workerId,
          JSON.stringify(chosen.params),
          JSON.stringify(chosen.distributions),
        ],
      );
      if (chosen.round !== undefined) {
        await client.query(
          `INSERT INTO ${this.#s}.study_rounds (study_id, round, boxes, worker_id)
           VALUES ($1, $2, $3, $4) ON CONFLICT (study_id, round) DO NOTHING`,
          [studyId, chosen.round.round, JSON.stringify(chosen.round.boxes), workerId],
        );
      }
      await client.query(`UPDATE ${this.#s}.studies SET next_number = $2 WHERE id = $1`, [
        studyId,
        next + 1,
      ]);
      return {
        status: 'started',
        claim: {
          studyId,
          trialId: Number(inserted.rows[0]!.id),
          number: next,
          attempt: 1,
          workerId,
          params: chosen.params,
          distributions: chosen.distributions,
        },
      } as const;
    });
  }

  /**
   * Claims the queued trial with the lowest number for `workerId` as its next attempt
   * (`UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1)`): two workers never get
   * the same one. Its parameters are kept, so a retry runs the same configuration. Returns
   * undefined when none is queued.
   */
  async claimQueuedTrial(studyId: number, workerId: string): Promise<ClaimedTrial | undefined> {
    const result = await this.#query<{
      id: string;
      number: number;
      attempt: number;
      params: Record<string, ParamValue>;
      distributions: Record<string, Distribution>;
    }>(
      `UPDATE ${this.#s}.trials
          SET state = 'running', worker_id = $2, attempt = attempt + 1,
              heartbeat_at = now(), started_at = now(), value = NULL, reason = NULL
        WHERE id = (SELECT id FROM ${this.#s}.trials
                     WHERE study_id = $1 AND state = 'queued'
                     ORDER BY number FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING id, number, attempt, params, distributions`,
      [studyId, workerId],
    );
    const row = result.rows[0];
    return row === undefined
      ? undefined
      : {
          studyId,
          trialId: Number(row.id),
          number: row.number,
          attempt: row.attempt,
          workerId,
          params: row.params,
          distributions: row.distributions,
        };
  }

  /** Says that the claim's trial is alive; false when the claim was lost (stop the trial). */
  async heartbeat(claim: TrialClaim): Promise<boolean> {
    const result = await this.#query(
      `UPDATE ${this.#s}.trials SET heartbeat_at = now() WHERE ${FENCE}`,
      fenceValues(claim),
    );
    return result.rowCount === 1;
  }

  /** Adds sampled hyperparameters to the claim's trial; false when the claim was lost. */
  async recordParams(
    claim: TrialClaim,
    params: Readonly<Record<string, ParamValue>>,
    distributions: Readonly<Record<string, Distribution>>,
  ): Promise<boolean> {
    const result = await this.#query(
      `UPDATE ${this.#s}.trials
          SET params = params || $4::jsonb, distributions = distributions || $5::jsonb
        WHERE ${FENCE}`,
      [...fenceValues(claim), JSON.stringify(params), JSON.stringify(distributions)],
    );
    return result.rowCount === 1;
  }

  /**
   * Records the value the claim's trial reported after `epoch` (a later report of the same
   * epoch replaces it); false when the claim was lost.
   *
   * @throws {@link @deeptune/core!ConfigError} when the epoch is not an integer ≥ 1 or the value
   * is not finite.
   */
  async reportValue(claim: TrialClaim, epoch: number, value: number): Promise<boolean> {
    if (!Number.isSafeInteger(epoch) || epoch < 1) {
      throw new ConfigError(`reportValue: epoch must be an integer ≥ 1, got ${epoch}`);
    }
    if (!Number.isFinite(value)) {
      throw new ConfigError(`reportValue: the value must be a finite number, got ${value}`);
    }
    const result = await this.#query(
      `INSERT INTO ${this.#s}.trial_values (trial_id, attempt, epoch, value)
       SELECT id, attempt, $4, $5 FROM ${this.#s}.trials WHERE ${FENCE}
       ON CONFLICT (trial_id, attempt, epoch) DO UPDATE SET value = EXCLUDED.value`,
      [...fenceValues(claim), epoch, value],
    );
    return result.rowCount === 1;
  }

  /**
   * Ends the claim's trial: complete with its value, pruned, or failed. False when the claim
   * was lost: then nothing is written, and the retry's result stands. Finishing again with
   * the same state and value (a retry after the connection broke before the answer came)
   * is true and changes nothing else.
   *
   * @throws {@link @deeptune/core!ConfigError} when a value is not finite.
   */
  async finishTrial(claim: TrialClaim, outcome: TrialOutcome): Promise<boolean> {
    const value = outcome.state === 'failed' ? null : outcome.value;
    if (value !== null && !Number.isFinite(value)) {
      throw new ConfigError(`finishTrial: the value must be a finite number, got ${value}`);
    }
    const reason = outcome.state === 'complete' ? null : outcome.reason;
    const result = await this.#query(
      `UPDATE ${this.#s}.trials
          SET state = $4, value = $5, reason = $6, finished_at = now(), heartbeat_at = now(),
              seconds = $7, attributes = $8
        WHERE id = $1 AND worker_id = $2 AND attempt = $3
          AND (state = 'running'
               OR (state = $4 AND value IS NOT DISTINCT FROM $5 AND finished_at IS NOT NULL))`,
      [
        ...fenceValues(claim),
        outcome.state,
        value,
        reason,
        outcome.seconds ?? null,
        JSON.stringify(outcome.attributes ?? {}),
      ],
    );
    return result.rowCount === 1;
  }

  /**
   * Gives the claim's trial back to the queue without using up a retry (the worker stops
   * cleanly: Ctrl-C), recording the attempt with `reason`. False when the claim was lost.
   *
   * @example
   * ```ts
   * await store.releaseTrial(claim, 'stopped: the worker was interrupted');
   * ```
   */
  async releaseTrial(claim: TrialClaim, reason: string): Promise<boolean> {
    const result = await this.#query(
      `WITH released AS (
         UPDATE ${this.#s}.trials SET state = 'queued', started_at = NULL
          WHERE ${FENCE}
         RETURNING id, attempt, worker_id
       )
       INSERT INTO ${this.#s}.trial_attempts (trial_id, attempt, worker_id, reason)
       SELECT id, attempt, worker_id, $4 FROM released
       ON CONFLICT (trial_id, attempt) DO NOTHING
       RETURNING trial_id`,
      [...fenceValues(claim), reason],
    );
    return result.rowCount === 1;
  }

  /**
   * Gives back the study's running trials whose last heartbeat is older than `graceSeconds`:
   * each lost attempt is recorded with its worker, then the trial is queued again, up to
   * `maxRetries` times in all (a clean {@link releaseTrial} does not count), after which it
   * is marked failed. Any worker may call this; rows another worker is changing are skipped.
   */
  async requeueStale(
    studyId: number,
    graceSeconds: number,
    maxRetries: number,
  ): Promise<RequeueResult> {
    if (!(graceSeconds > 0) || !Number.isFinite(graceSeconds)) {
      throw new ConfigError(`requeueStale: the grace period must be > 0 s, got ${graceSeconds}`);
    }
    if (!Number.isSafeInteger(maxRetries) || maxRetries < 0) {
      throw new ConfigError(`requeueStale: maxRetries must be an integer ≥ 0, got ${maxRetries}`);
    }
    const result = await this.#query<{ number: number; state: 'queued' | 'failed' }>(
      `WITH stale AS (
         SELECT id, attempt, retries, worker_id,
                'no heartbeat for ' || round(extract(epoch FROM now() - heartbeat_at)::numeric, 1)
                  || ' s (grace ' || ($2::double precision)::text || ' s)' AS reason
           FROM ${this.#s}.trials
          WHERE study_id = $1 AND state = 'running'
            AND heartbeat_at < now() - make_interval(secs => $2::double precision)
          FOR UPDATE SKIP LOCKED
       ), lost AS (
         INSERT INTO ${this.#s}.trial_attempts (trial_id, attempt, worker_id, reason)
         SELECT id, attempt, worker_id, reason FROM stale
         ON CONFLICT (trial_id, attempt) DO NOTHING
       )
       UPDATE ${this.#s}.trials AS t
          SET state = CASE WHEN stale.retries < $3::integer THEN 'queued' ELSE 'failed' END,
              retries = CASE WHEN stale.retries < $3::integer THEN stale.retries + 1
                             ELSE stale.retries END,
              reason = CASE WHEN stale.retries < $3::integer THEN NULL
                            ELSE stale.reason || '; ' || stale.attempt || ' attempts' END,
              finished_at = CASE WHEN stale.retries < $3::integer THEN NULL ELSE now() END
         FROM stale
        WHERE t.id = stale.id
       RETURNING t.number, t.state`,
      [studyId, graceSeconds, maxRetries],
    );
    const rows = [...result.rows].sort((a, b) => a.number - b.number);
    return {
      requeued: rows.filter((row) => row.state === 'queued').map((row) => row.number),
      failed: rows.filter((row) => row.state === 'failed').map((row) => row.number),
    };
  }

  /**
   * Every trial of the study by number, with its current attempt's values and lost attempts.
   *
   * @param known - finished trials the caller has read before (a finished trial never
   *   changes): they are not read again, which keeps the cost of a read to the unfinished
   *   trials in a long study.
   */
  async trials(studyId: number, known?: ReadonlyMap<number, StoredTrial>): Promise<StoredTrial[]> {
    this.#checkOpen();
    return this.#trialsWith(this.#pool, studyId, known);
  }

  /** The stored coarse-to-fine rounds of the study, by round. */
  async rounds(studyId: number): Promise<StoredRound[]> {
    this.#checkOpen();
    return this.#roundsWith(this.#pool, studyId);
  }

  /** The rounds, read through `client` (a pool, or a transaction's connection). */
  async #roundsWith(client: pg.Pool | pg.PoolClient, studyId: number): Promise<StoredRound[]> {
    let result: pg.QueryResult<{
      round: number;
      boxes: Record<string, Distribution>;
      worker_id: string | null;
    }>;
    try {
      result = await client.query(
        `SELECT round, boxes, worker_id FROM ${this.#s}.study_rounds
          WHERE study_id = $1 ORDER BY round`,
        [studyId],
      );
    } catch (error) {
      throw this.#translate(error);
    }
    return result.rows.map((row) => ({
      round: row.round,
      boxes: row.boxes,
      workerId: row.worker_id,
    }));
  }

  /** The trials, read through `client` (a pool, or a transaction's connection). */
  async #trialsWith(
    client: pg.Pool | pg.PoolClient,
    studyId: number,
    known?: ReadonlyMap<number, StoredTrial>,
  ): Promise<StoredTrial[]> {
    // The known trials as they are now: the caller may add to `known` while the query runs,
    // and a trial added then would come back twice (from `known` and from the query).
    const kept = known === undefined ? [] : [...known.values()];
    const skip = kept.map((trial) => trial.number);
    let result: pg.QueryResult<TrialRow>;
    try {
      result = await client.query<TrialRow>(
        `SELECT t.number, t.state, t.attempt, t.retries, t.worker_id, t.params, t.distributions,
              t.value, t.reason, t.heartbeat_at, t.started_at, t.finished_at, t.seconds,
              t.attributes,
              (SELECT json_agg(json_build_object('epoch', v.epoch, 'value', v.value)
                               ORDER BY v.epoch)
                 FROM ${this.#s}.trial_values v
                WHERE v.trial_id = t.id AND v.attempt = t.attempt) AS intermediate,
              (SELECT json_agg(json_build_object('attempt', a.attempt, 'worker_id', a.worker_id,
                                                 'reason', a.reason) ORDER BY a.attempt)
                 FROM ${this.#s}.trial_attempts a WHERE a.trial_id = t.id) AS lost
         FROM ${this.#s}.trials t
        WHERE t.study_id = $1 AND NOT (t.number = ANY($2::integer[]))
        ORDER BY t.number`,
        [studyId, skip],
      );
    } catch (error) {
      throw this.#translate(error);
    }
    const read = result.rows.map((row): StoredTrial => ({
      number: row.number,
      state: row.state,
      attempt: row.attempt,
      retries: row.retries,
      workerId: row.worker_id,
      params: row.params,
      distributions: row.distributions,
      intermediate: row.intermediate ?? [],
      value: row.value,
      reason: row.reason,
      heartbeatAt: row.heartbeat_at,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      seconds: row.seconds,
      attributes: row.attributes,
      lostAttempts: (row.lost ?? []).map((lost) => ({
        attempt: lost.attempt,
        workerId: lost.worker_id,
        reason: lost.reason,
      })),
    }));
    if (kept.length === 0) return read;
    return [...kept, ...read].sort((a, b) => a.number - b.number);
  }

  /** Closes the connections. Later calls fail. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }

  /** Checks (and with `migrate`, brings up to date) the schema. */
  async #prepare(migrate: boolean): Promise<void> {
    await this.#transaction(async (client) => {
      const version = await this.#lockedVersion(client, migrate);
      if (version === POSTGRES_SCHEMA_VERSION) return;
      if (!migrate) {
        throw new ConfigError(
          `storage ${this.description}: schema version ${version}, this deeptune uses ${POSTGRES_SCHEMA_VERSION}; run deeptune tune storage upgrade --storage <url>`,
        );
      }
      await this.#migrate(client, version);
    });
  }

  /**
   * Takes the storage's migration lock for the transaction, creates the schema and its version
   * table when missing, and returns the stored version.
   */
  async #lockedVersion(client: pg.PoolClient, create = true): Promise<number> {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `deeptune storage ${this.schema}`,
    ]);
    if (!create) {
      // Without migrations nothing is created: a storage that has no tables yet is version 0.
      const exists = await client.query<{ table: string | null }>(
        'SELECT to_regclass($1) AS table',
        [`${this.#s}.schema_version`],
      );
      if (exists.rows[0]?.table === null) return 0;
    } else {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.#s}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${this.#s}.schema_version (
           only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
           version integer NOT NULL
         )`,
      );
    }
    const result = await client.query<{ version: number }>(
      `SELECT version FROM ${this.#s}.schema_version`,
    );
    const version = result.rows[0]?.version ?? 0;
    if (version > POSTGRES_SCHEMA_VERSION) {
      throw new DataFormatError(
        `storage ${this.description}: schema version ${version} is newer than this deeptune reads (${POSTGRES_SCHEMA_VERSION}); upgrade deeptune on this machine`,
      );
    }
    return version;
  }

  /** Applies the migrations after `from` (inside the locked transaction). */
  async #migrate(client: pg.PoolClient, from: number): Promise<void> {
    for (let version = from; version < POSTGRES_SCHEMA_VERSION; version++) {
      await client.query(MIGRATIONS[version]!(this.#s));
    }
    await client.query(
      `INSERT INTO ${this.#s}.schema_version (only_row, version) VALUES (true, $1)
       ON CONFLICT (only_row) DO UPDATE SET version = EXCLUDED.version`,
      [POSTGRES_SCHEMA_VERSION],
    );
  }

  /** Runs one statement on a pooled connection. */
  async #query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    values: unknown[] = [],
  ): Promise<pg.QueryResult<Row>> {
    this.#checkOpen();
    try {
      return await this.#pool.query<Row>(sql, values);
    } catch (error) {
      throw this.#translate(error);
    }
  }

  /** Runs `work` in a transaction on one connection; rolls back when it throws. */
  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    this.#checkOpen();
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw this.#translate(error);
    }
    // The pool listens for errors only on idle connections. A connection that breaks while
    // checked out (reset, closed without a message) emits 'error' on the client, which would
    // be an uncaught exception; its query fails with the same error, so noting it is enough.
    let connectionError: Error | undefined;
    const onConnectionError = (error: Error): void => {
      connectionError ??= error;
    };
    client.on('error', onConnectionError);
    const release = (broken: unknown): void => {
      client.removeListener('error', onConnectionError);
      const discard = connectionError ?? (broken instanceof Error ? broken : undefined);
      client.release(discard);
    };
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      release(undefined);
      return result;
    } catch (error) {
      // A broken connection is discarded; a healthy one is rolled back and reused.
      let broken: unknown = isUnavailable(error) ? error : connectionError;
      if (broken === undefined) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError;
        });
      }
      release(broken);
      throw this.#translate(error);
    }
  }

  /** A connection failure as a {@link StorageUnavailableError}; other errors unchanged. */
  #translate(error: unknown): unknown {
    if (!isUnavailable(error)) return error;
    return new StorageUnavailableError(
      `storage ${this.description}: cannot use the database: ${describeError(error)}`,
      { cause: error },
    );
  }

  #checkOpen(): void {
    if (this.#closed) {
      throw new ConfigError(`storage ${this.description}: the storage is closed`);
    }
  }
}

/** The fence of every write about a claimed trial: its row, worker, attempt, and running. */
const FENCE = `id = $1 AND worker_id = $2 AND attempt = $3 AND state = 'running'`;

function fenceValues(claim: TrialClaim): [number, string, number] {
  return [claim.trialId, claim.workerId, claim.attempt];
}

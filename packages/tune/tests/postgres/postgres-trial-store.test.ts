import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, DataFormatError } from '@deeptune/core';
import {
  POSTGRES_SCHEMA_VERSION,
  PostgresTrialStore,
  StorageUnavailableError,
  parsePostgresUrl,
  redactPostgresUrl,
  type StoredTrial,
  type TrialClaim,
} from '../../src/postgres/index.js';
import { MIGRATIONS } from '../../src/postgres/postgres-schema.js';
import { header } from '../storage/sample-events.js';
import { TcpProxy } from './tcp-proxy.js';
import { TestSchemas, URL } from './test-database.js';

const schemas = new TestSchemas();

/** A fresh schema name for one test. */
function freshSchema(): string {
  return schemas.fresh();
}

async function sql(text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  return schemas.sql(text, values);
}

/** Makes the heartbeat of a trial an hour old, as if its worker had died. */
async function staleHeartbeat(schema: string, number: number): Promise<void> {
  await sql(
    `UPDATE "${schema}".trials SET heartbeat_at = now() - interval '1 hour' WHERE number = $1`,
    [number],
  );
}

beforeAll(async () => {
  await sql('SELECT 1');
});

afterAll(async () => {
  await schemas.dropAll();
});

describe('postgres URLs', () => {
  it('hides the password in every form it is printed', () => {
    expect(redactPostgresUrl('postgres://ann:s3cret@db:5432/studies')).toBe(
      'postgres://ann:***@db:5432/studies',
    );
    expect(redactPostgresUrl('storage postgresql://ann:p%40ss@db/x failed')).toBe(
      'storage postgresql://ann:***@db/x failed',
    );
    expect(redactPostgresUrl('postgres://ann@db/x')).toBe('postgres://ann@db/x');
    const target = parsePostgresUrl('postgres://ann:s3cret@db.example/studies');
    expect(target).toMatchObject({ user: 'ann', host: 'db.example:5432', database: 'studies' });
    expect(target.redacted).toBe('postgres://ann:***@db.example/studies');
  });

  it('names what is wrong with a URL, without its password', () => {
    const attempt = (url: string): string => {
      try {
        parsePostgresUrl(url);
      } catch (error) {
        expect(ConfigError.isInstance(error)).toBe(true);
        return (error as Error).message;
      }
      throw new Error(`${url} was accepted`);
    };
    expect(attempt('postgres://:s3cret@db/x')).toBe(
      'storage postgres://:***@db/x: no user; expected postgres://user[:password]@host[:port]/database',
    );
    expect(attempt('postgres://ann:s3cret@db')).toMatch(
      /^storage postgres:\/\/ann:\*\*\*@db: no database name/,
    );
    expect(attempt('postgres://ann:s3cret@db:99999/x')).toMatch(/not a valid URL|port/);
    expect(attempt('mysql://ann@db/x')).toMatch(/not a postgres:\/\/ URL/);
    for (const url of ['postgres://:s3cret@db/x', 'postgres://ann:s3cret@db']) {
      expect(attempt(url)).not.toContain('s3cret');
    }
  });
});

describe('PostgresTrialStore: opening', () => {
  it('creates the schema on first use, once, when many workers open it together', async () => {
    const schema = freshSchema();
    const stores = await Promise.all(
      Array.from({ length: 6 }, () => PostgresTrialStore.open(URL, { schema })),
    );
    try {
      for (const store of stores) expect(await store.schemaVersion()).toBe(POSTGRES_SCHEMA_VERSION);
      const tables = await sql(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1',
        [schema],
      );
      expect(tables.rows.map((row: { table_name: string }) => row.table_name)).toEqual([
        'schema_version',
        'studies',
        'study_rounds',
        'trial_attempts',
        'trial_values',
        'trials',
      ]);
      expect(stores[0]!.description).toBe(`${URL} (schema ${schema})`);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('without migrate, creates nothing and says to run the upgrade; upgrade applies it', async () => {
    const schema = freshSchema();
    await expect(PostgresTrialStore.open(URL, { schema, migrate: false })).rejects.toThrow(
      `storage ${URL} (schema ${schema}): schema version 0, this deeptune uses ${POSTGRES_SCHEMA_VERSION}; run deeptune tune storage upgrade --storage <url>`,
    );
    const exists = await sql('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    expect(exists.rowCount).toBe(0);
    const store = await PostgresTrialStore.open(URL, { schema });
    try {
      expect(await store.upgrade()).toEqual({
        from: POSTGRES_SCHEMA_VERSION,
        to: POSTGRES_SCHEMA_VERSION,
      });
    } finally {
      await store.close();
    }
    const again = await PostgresTrialStore.open(URL, { schema, migrate: false });
    await again.close();
    // upgradeSchema brings a storage of any older version up, and says from which.
    const other = freshSchema();
    expect(await PostgresTrialStore.upgradeSchema(URL, { schema: other })).toEqual({
      from: 0,
      to: POSTGRES_SCHEMA_VERSION,
    });
    expect(await PostgresTrialStore.upgradeSchema(URL, { schema: other })).toEqual({
      from: POSTGRES_SCHEMA_VERSION,
      to: POSTGRES_SCHEMA_VERSION,
    });
  });

  it('upgrades a version 1 storage to 2, keeping its trials and counting their retries', async () => {
    const schema = freshSchema();
    await sql(`CREATE SCHEMA "${schema}"`);
    await sql(
      `CREATE TABLE "${schema}".schema_version (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), version integer NOT NULL)`,
    );
    await sql(MIGRATIONS[0]!(`"${schema}"`));
    await sql(`INSERT INTO "${schema}".schema_version (version) VALUES (1)`);
    await sql(`INSERT INTO "${schema}".studies (name, header, next_number) VALUES ('old', $1, 1)`, [
      JSON.stringify(header),
    ]);
    await sql(
      `INSERT INTO "${schema}".trials (study_id, number, state, attempt, value) SELECT id, 0, 'complete', 3, 0.5 FROM "${schema}".studies`,
    );
    await expect(PostgresTrialStore.open(URL, { schema, migrate: false })).rejects.toThrow(
      `storage ${URL} (schema ${schema}): schema version 1, this deeptune uses ${POSTGRES_SCHEMA_VERSION}; run deeptune tune storage upgrade --storage <url>`,
    );
    expect(await PostgresTrialStore.upgradeSchema(URL, { schema })).toEqual({ from: 1, to: 2 });
    const store = await PostgresTrialStore.open(URL, { schema, migrate: false });
    try {
      const study = (await store.findStudy('old'))!;
      const [trial] = await store.trials(study.id);
      expect(trial).toMatchObject({
        number: 0,
        state: 'complete',
        attempt: 3,
        retries: 2,
        value: 0.5,
        attributes: {},
        seconds: null,
      });
      expect(await store.rounds(study.id)).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('refuses a schema newer than this code, naming both versions', async () => {
    const schema = freshSchema();
    await (await PostgresTrialStore.open(URL, { schema })).close();
    await sql(`UPDATE "${schema}".schema_version SET version = 99`);
    const error = await PostgresTrialStore.open(URL, { schema }).catch((caught: unknown) => caught);
    expect(DataFormatError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      `storage ${URL} (schema ${schema}): schema version 99 is newer than this deeptune reads (${POSTGRES_SCHEMA_VERSION}); upgrade deeptune on this machine`,
    );
  });

  it('rejects a schema name that is not a plain identifier (no SQL through it)', async () => {
    await expect(PostgresTrialStore.open(URL, { schema: 'x"; DROP TABLE y; --' })).rejects.toThrow(
      /schema "x\\"; DROP TABLE y; --" is not a valid name/,
    );
  });

  it('reports an unreachable server, a role and a database that do not exist, never the password', async () => {
    const cases: [string, RegExp][] = [
      ['postgres://postgres:hunter2@127.0.0.1:1/test', /cannot use the database: .*ECONNREFUSED/],
      ['postgres://nobody_here:hunter2@127.0.0.1:5432/test', /role "nobody_here" does not exist/],
      [
        'postgres://postgres:hunter2@127.0.0.1:5432/no_such_db',
        /database "no_such_db" does not exist/,
      ],
    ];
    for (const [url, expected] of cases) {
      const error = await PostgresTrialStore.open(url, { connectTimeoutMs: 5000 }).catch(
        (caught: unknown) => caught,
      );
      expect(StorageUnavailableError.isInstance(error)).toBe(true);
      const message = (error as Error).message;
      expect(message).toMatch(expected);
      expect(
        message.startsWith(`storage ${url.replace(':hunter2@', ':***@')} (schema deeptune): `),
      ).toBe(true);
      expect(message).not.toContain('hunter2');
    }
  });
});

describe('PostgresTrialStore: a server at its connection limit', () => {
  it('is unavailable for now (a worker waits and tries again), not a failure', async () => {
    const role = `deeptune_full_${process.pid}`;
    await sql(`CREATE ROLE ${role} LOGIN CONNECTION LIMIT 0`);
    try {
      const target = new globalThis.URL(URL);
      target.username = role;
      target.password = '';
      const url = target.href;
      const error = await PostgresTrialStore.open(url).catch((caught: unknown) => caught);
      expect(StorageUnavailableError.isInstance(error)).toBe(true);
      expect((error as Error).message).toBe(
        `storage ${url} (schema deeptune): cannot use the database: too many connections for role "${role}"`,
      );
    } finally {
      await sql(`DROP ROLE ${role}`);
    }
  });
});

describe('PostgresTrialStore: a connection that breaks in a transaction', () => {
  it('reports the storage unavailable instead of crashing, and works once connections do', async () => {
    const database = new globalThis.URL(URL);
    const proxy = await TcpProxy.start(database.hostname, Number(database.port || 5432));
    const proxied = new globalThis.URL(URL);
    proxied.port = String(proxy.port);
    const schema = freshSchema();
    const store = await PostgresTrialStore.open(proxied.href, { schema });
    const holder = await schemas.admin.connect();
    try {
      const { study } = await store.createStudy(header);
      // Another session holds the study's row, so the store's transaction waits in a query.
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM "${schema}".studies WHERE id = $1 FOR UPDATE`, [study.id]);
      const starting = store.startNewTrial(study.id, 'w').catch((error: unknown) => error);
      for (;;) {
        const waiting = await sql(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1",
          [`%"${schema}".studies%FOR UPDATE%`],
        );
        if ((waiting.rows[0] as { n: number }).n === 1) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // The connection is reset with no message from PostgreSQL (a network failure).
      expect(proxy.resetAll()).toBeGreaterThan(0);
      const error = await starting;
      expect(StorageUnavailableError.isInstance(error)).toBe(true);
      expect((error as Error).message).toBe(
        `storage ${proxied.href} (schema ${schema}): cannot use the database: read ECONNRESET`,
      );
      await holder.query('ROLLBACK');
      // The broken connection was discarded: the next transaction opens a new one.
      expect(await store.startNewTrial(study.id, 'w')).toMatchObject({ number: 0, attempt: 1 });
    } finally {
      holder.release();
      await store.close();
      await proxy.close();
    }
  });
});

describe('PostgresTrialStore: reading a long study', () => {
  it('skips the finished trials a caller already has, and plans under the lock with them', async () => {
    const store = await PostgresTrialStore.open(URL, { schema: freshSchema() });
    try {
      const { study } = await store.createStudy(header);
      const first = (await store.startNewTrial(study.id, 'w'))!;
      await store.finishTrial(first, { state: 'complete', value: 0.5 });
      const second = (await store.startNewTrial(study.id, 'w'))!;
      const read = await store.trials(study.id);
      const known = new Map([[0, read[0]!]]);
      // Change the finished trial behind the reader's back: a read with `known` does not see it.
      await sql(`UPDATE "${store.schema}".trials SET value = 0.75 WHERE number = 0`);
      const again = await store.trials(study.id, known);
      expect(again.map((trial) => [trial.number, trial.state, trial.value])).toEqual([
        [0, 'complete', 0.5],
        [1, 'running', null],
      ]);
      expect(again[0]).toBe(read[0]);
      // A trial the caller learns of while a read is under way comes back once, not twice.
      const growing = new Map<number, StoredTrial>();
      const pending = store.trials(study.id, growing);
      growing.set(0, read[0]!);
      expect((await pending).map((trial) => trial.number)).toEqual([0, 1]);
      expect((await store.trials(study.id))[0]!.value).toBe(0.75);
      await store.finishTrial(second, { state: 'failed', reason: 'diverged' });
      const seen: number[][] = [];
      const started = await store.startTrial(
        study.id,
        'w',
        10,
        ({ number, trials }) => {
          seen.push(trials.map((trial) => trial.number));
          expect(trials[0]!.value).toBe(0.5); // the known copy
          expect(trials[1]!.state).toBe('failed'); // read now
          return {
            params: { lr: number },
            distributions: { lr: { scale: 'uniform', low: 0, high: 9 } },
          };
        },
        known,
      );
      expect(started).toMatchObject({ status: 'started', claim: { number: 2, params: { lr: 2 } } });
      expect(seen).toEqual([[0, 1]]);
    } finally {
      await store.close();
    }
  });
});

describe('PostgresTrialStore: trials across workers', () => {
  let schema: string;
  let stores: PostgresTrialStore[];
  let studyId: number;

  beforeAll(async () => {
    schema = freshSchema();
    stores = await Promise.all(
      Array.from({ length: 4 }, () => PostgresTrialStore.open(URL, { schema })),
    );
    const { study, created } = await stores[0]!.createStudy(header);
    expect(created).toBe(true);
    studyId = study.id;
    // A second worker joining gets the same study and its header back.
    const joined = await stores[1]!.createStudy({ ...header, at: 'later' });
    expect(joined).toEqual({ study: { id: studyId, name: header.name, header }, created: false });
    expect(await stores[2]!.findStudy('no-such-study')).toBeUndefined();
    expect(await stores[2]!.studyNames()).toEqual([header.name]);
  });

  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
  });

  it('numbers new trials densely and uniquely while 4 workers create them at once, up to the limit', async () => {
    const attempts = stores.flatMap((store, worker) =>
      Array.from({ length: 25 }, () => store.startNewTrial(studyId, `w${worker}`, 60)),
    );
    const claims = (await Promise.all(attempts)).filter((claim) => claim !== undefined);
    expect(claims.map((claim) => claim.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 60 }, (_, i) => i),
    );
    expect(claims.every((claim) => claim.attempt === 1)).toBe(true);
    for (const claim of claims) {
      expect(
        await stores[0]!.finishTrial(claim, { state: 'complete', value: claim.number / 100 }),
      ).toBe(true);
    }
    const trials = await stores[3]!.trials(studyId);
    expect(trials).toHaveLength(60);
    expect(trials.every((trial) => trial.state === 'complete')).toBe(true);
    expect(trials[7]).toMatchObject({ number: 7, value: 0.07, attempt: 1, reason: null });
  });

  it('hands each queued trial to exactly one of 4 workers claiming at once', async () => {
    const started: TrialClaim[] = [];
    for (let i = 0; i < 20; i++) started.push((await stores[0]!.startNewTrial(studyId, 'dead'))!);
    for (const claim of started) await staleHeartbeat(schema, claim.number);
    const requeued = await stores[1]!.requeueStale(studyId, 30, 3);
    expect(requeued).toEqual({ requeued: started.map((claim) => claim.number), failed: [] });
    const claimed: number[] = [];
    await Promise.all(
      stores.map(async (store, worker) => {
        for (;;) {
          const claim = await store.claimQueuedTrial(studyId, `w${worker}`);
          if (claim === undefined) return;
          expect(claim.attempt).toBe(2);
          claimed.push(claim.number);
          await store.finishTrial(claim, { state: 'complete', value: 1 });
        }
      }),
    );
    expect(claimed.sort((a, b) => a - b)).toEqual(started.map((claim) => claim.number));
  });

  it('fences a worker that lost its trial: its late writes change nothing, the retry stands', async () => {
    const first = (await stores[0]!.startNewTrial(studyId, 'host-a/1'))!;
    const distributions = { learningRate: { scale: 'log', low: 1e-4, high: 1 } } as const;
    expect(await stores[0]!.recordParams(first, { learningRate: 0.01 }, distributions)).toBe(true);
    expect(await stores[0]!.reportValue(first, 1, 0.5)).toBe(true);
    await staleHeartbeat(schema, first.number);
    expect(await stores[2]!.requeueStale(studyId, 30, 1)).toEqual({
      requeued: [first.number],
      failed: [],
    });
    // Queued, not yet claimed: the old worker's writes already find nothing.
    expect(await stores[0]!.heartbeat(first)).toBe(false);
    const retry = (await stores[1]!.claimQueuedTrial(studyId, 'host-b/2'))!;
    expect(retry).toMatchObject({ number: first.number, attempt: 2, workerId: 'host-b/2' });
    expect(await stores[1]!.reportValue(retry, 1, 0.25)).toBe(true);
    // The first worker comes back: nothing it writes lands.
    expect(await stores[0]!.heartbeat(first)).toBe(false);
    expect(await stores[0]!.reportValue(first, 2, 0.4)).toBe(false);
    expect(await stores[0]!.recordParams(first, { learningRate: 0.5 }, distributions)).toBe(false);
    expect(await stores[0]!.finishTrial(first, { state: 'complete', value: 0.4 })).toBe(false);
    expect(await stores[1]!.heartbeat(retry)).toBe(true);
    expect(await stores[1]!.finishTrial(retry, { state: 'complete', value: 0.2 })).toBe(true);
    expect(await stores[1]!.finishTrial(retry, { state: 'complete', value: 0.9 })).toBe(false);
    // The same finish again (its answer was lost with the connection) is no change: true.
    expect(await stores[1]!.finishTrial(retry, { state: 'complete', value: 0.2 })).toBe(true);
    const trial = (await stores[3]!.trials(studyId)).find((t) => t.number === first.number)!;
    expect(trial).toMatchObject({
      state: 'complete',
      value: 0.2,
      attempt: 2,
      workerId: 'host-b/2',
      // The retry runs the same configuration: the parameters are kept.
      params: { learningRate: 0.01 },
      distributions,
      intermediate: [{ epoch: 1, value: 0.25 }],
    });
    expect(trial.lostAttempts).toHaveLength(1);
    expect(trial.lostAttempts[0]).toMatchObject({ attempt: 1, workerId: 'host-a/1' });
    expect(trial.lostAttempts[0]!.reason).toMatch(
      /^no heartbeat for 3\d{3}(\.\d)? s \(grace 30 s\)$/,
    );
  });

  it('fails a trial for good once its retries are used up', async () => {
    const claim = (await stores[0]!.startNewTrial(studyId, 'a'))!;
    await staleHeartbeat(schema, claim.number);
    expect(await stores[0]!.requeueStale(studyId, 30, 1)).toEqual({
      requeued: [claim.number],
      failed: [],
    });
    const retry = (await stores[0]!.claimQueuedTrial(studyId, 'b'))!;
    await staleHeartbeat(schema, claim.number);
    expect(await stores[0]!.requeueStale(studyId, 30, 1)).toEqual({
      requeued: [],
      failed: [claim.number],
    });
    expect(await stores[0]!.claimQueuedTrial(studyId, 'c')).toBeUndefined();
    expect(await stores[0]!.heartbeat(retry)).toBe(false);
    const trial = (await stores[0]!.trials(studyId)).find((t) => t.number === claim.number)!;
    expect(trial.state).toBe('failed');
    expect(trial.reason).toMatch(/^no heartbeat for \d+(\.\d)? s \(grace 30 s\); 2 attempts$/);
    expect(trial.lostAttempts.map((lost) => lost.workerId)).toEqual(['a', 'b']);
  });

  it('leaves trials with a recent heartbeat alone, and records pruned and failed outcomes', async () => {
    const alive = (await stores[0]!.startNewTrial(studyId, 'a'))!;
    expect(await stores[1]!.requeueStale(studyId, 30, 3)).toEqual({ requeued: [], failed: [] });
    expect(
      await stores[0]!.finishTrial(alive, {
        state: 'pruned',
        value: 0.7,
        reason: 'median pruner: 0.7 > 0.3',
      }),
    ).toBe(true);
    const broken = (await stores[0]!.startNewTrial(studyId, 'a'))!;
    expect(
      await stores[0]!.finishTrial(broken, { state: 'failed', reason: 'diverged at epoch 2' }),
    ).toBe(true);
    const trials = await stores[0]!.trials(studyId);
    expect(trials.find((t) => t.number === alive.number)).toMatchObject({
      state: 'pruned',
      value: 0.7,
      reason: 'median pruner: 0.7 > 0.3',
    });
    expect(trials.find((t) => t.number === broken.number)).toMatchObject({
      state: 'failed',
      value: null,
      reason: 'diverged at epoch 2',
    });
  });

  it('rejects values that are not finite and epochs that are not positive integers', async () => {
    const claim = (await stores[0]!.startNewTrial(studyId, 'a'))!;
    await expect(stores[0]!.reportValue(claim, 0, 1)).rejects.toThrow(
      'reportValue: epoch must be an integer ≥ 1, got 0',
    );
    await expect(stores[0]!.reportValue(claim, 1, Number.NaN)).rejects.toThrow(
      'reportValue: the value must be a finite number, got NaN',
    );
    await expect(
      stores[0]!.finishTrial(claim, { state: 'complete', value: Infinity }),
    ).rejects.toThrow('finishTrial: the value must be a finite number, got Infinity');
    await expect(stores[0]!.requeueStale(studyId, 0, 1)).rejects.toThrow(
      'requeueStale: the grace period must be > 0 s, got 0',
    );
  });
});

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCliError } from './support/expect-cli-error.js';
import { runCli } from './support/run-cli.js';

/** The project's machines run PostgreSQL here (trust authentication); CI too. */
const URL = process.env['DEEPTUNE_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/test';
/** This file's schema; dropped at the end. */
const SCHEMA = `cli${process.pid}_${Math.floor(Math.random() * 1e6)}`;
/** The same URL with a password the server ignores (trust authentication), never to be printed. */
const WITH_PASSWORD = URL.replace('://postgres@', '://postgres:hunter2@');
const admin = new pg.Pool({ connectionString: URL, max: 1 });
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deeptune-tune-storage-'));
});

afterAll(async () => {
  await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
  await admin.end();
  await rm(dir, { recursive: true, force: true });
});

describe('deeptune tune storage upgrade', () => {
  it('creates the tables of a new storage, then says it is current, the password never printed', async () => {
    const first = await runCli([
      'tune',
      'storage',
      'upgrade',
      '--storage',
      WITH_PASSWORD,
      '--schema',
      SCHEMA,
    ]);
    const shown = WITH_PASSWORD.replace(':hunter2@', ':***@');
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(`storage ${shown} (schema ${SCHEMA}): schema version 0 → 2\n`);
    expect(first.code).toBe(0);
    const tables = await admin.query(
      'SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1',
      [SCHEMA],
    );
    expect(tables.rows[0]).toEqual({ n: 6 });
    const again = await runCli([
      'tune',
      'storage',
      'upgrade',
      '--storage',
      WITH_PASSWORD,
      '--schema',
      SCHEMA,
    ]);
    expect(again.stdout).toBe(`storage ${shown} (schema ${SCHEMA}): already at schema version 2\n`);
    expect(again.code).toBe(0);
  });

  it('takes the URL from DEEPTUNE_STORAGE when --storage is not given', async () => {
    const schema = `${SCHEMA}_env`;
    try {
      const run = await runCli(['tune', 'storage', 'upgrade', '--schema', schema], {
        env: { DEEPTUNE_STORAGE: WITH_PASSWORD },
      });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(
        `storage ${WITH_PASSWORD.replace(':hunter2@', ':***@')} (schema ${schema}): schema version 0 → 2\n`,
      );
      expect(run.code).toBe(0);
      // The flag wins over the variable.
      const flag = await runCli(
        ['tune', 'storage', 'upgrade', '--storage', URL, '--schema', schema],
        {
          env: { DEEPTUNE_STORAGE: 'postgres://postgres@127.0.0.1:1/test' },
        },
      );
      expect(flag.stdout).toBe(`storage ${URL} (schema ${schema}): already at schema version 2\n`);
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  });

  it('refuses a schema of a newer version in one line, exit 1', async () => {
    const schema = `${SCHEMA}_new`;
    await runCli(['tune', 'storage', 'upgrade', '--storage', URL, '--schema', schema]);
    await admin.query(`UPDATE "${schema}".schema_version SET version = 7`);
    try {
      const run = await runCli([
        'tune',
        'storage',
        'upgrade',
        '--storage',
        URL,
        '--schema',
        schema,
      ]);
      expectCliError(
        run,
        1,
        `storage ${URL} (schema ${schema}): schema version 7 is newer than this deeptune reads (2); upgrade deeptune on this machine`,
      );
    } finally {
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
    }
  });

  it('names an unreachable server, an unknown role and a missing database in one line, exit 1, no password', async () => {
    const cases: [string, RegExp][] = [
      ['postgres://postgres:hunter2@127.0.0.1:1/test', /cannot use the database: .*ECONNREFUSED/],
      ['postgres://nobody_here:hunter2@127.0.0.1:5432/test', /role "nobody_here" does not exist/],
      [
        'postgres://postgres:hunter2@127.0.0.1:5432/no_such_db',
        /database "no_such_db" does not exist/,
      ],
    ];
    for (const [url, expected] of cases) {
      const run = await runCli(['tune', 'storage', 'upgrade', '--storage', url]);
      expectCliError(run, 1, expected);
      expect(run.stderr).toContain(url.replace(':hunter2@', ':***@'));
      expect(run.stderr).not.toContain('hunter2');
    }
  });

  it('rejects a bad invocation with exit 2: no action, no storage, a journal file, a bad URL or schema', async () => {
    expectCliError(
      await runCli(['tune', 'storage']),
      2,
      "deeptune tune storage: missing action; the only one is 'upgrade'",
    );
    expectCliError(await runCli(['tune', 'storage', 'migrate']), 2, "unknown action 'migrate'");
    expectCliError(
      await runCli(['tune', 'storage', 'upgrade'], { env: { DEEPTUNE_STORAGE: undefined } }),
      2,
      'deeptune tune storage upgrade: missing --storage postgres://user@host:5432/db (or the environment variable DEEPTUNE_STORAGE)',
    );
    expectCliError(
      await runCli(['tune', 'storage', 'upgrade', '--storage', 'runs/search.jsonl']),
      2,
      '--storage runs/search.jsonl is not a postgres:// URL; a journal file has no schema to upgrade',
    );
    expectCliError(
      await runCli([
        'tune',
        'storage',
        'upgrade',
        '--storage',
        'postgres://:hunter2@127.0.0.1/test',
      ]),
      2,
      'storage postgres://:***@127.0.0.1/test: no user',
    );
    expectCliError(
      await runCli(['tune', 'storage', 'upgrade', '--storage', URL, '--schema', 'Bad-Name']),
      2,
      'schema "Bad-Name" is not a valid name',
    );
    expectCliError(
      await runCli(['tune', 'storage', 'upgrade', '--storage', URL, '--trials', '3']),
      2,
      '--trials applies to a search, not to deeptune tune storage',
    );
  });
});

describe('search and report commands given a postgres:// URL', () => {
  it('connect to it (never writing a file named after it), and hide its password', async () => {
    const url = 'postgres://ann:hunter2@127.0.0.1:5432/test';
    const search = await runCli(
      [
        'tune',
        '--dataset',
        'moons',
        '--layers',
        '4',
        '--epochs',
        '1',
        '--trials',
        '1',
        '--storage',
        url,
      ],
      { cwd: dir },
    );
    expectCliError(
      search,
      1,
      'storage postgres://ann:***@127.0.0.1:5432/test (schema deeptune): cannot use the database: role "ann" does not exist',
    );
    const report = await runCli(['tune', 'report', url], { cwd: dir });
    expectCliError(
      report,
      2,
      'deeptune tune report: a postgres:// storage holds many studies; name one with --study <name>',
    );
    for (const run of [search, report]) expect(run.stderr).not.toContain('hunter2');
    expect(await readdir(dir)).toEqual([]);
    expectCliError(
      await runCli(['tune', '--dataset', 'moons', '--schema', 'x']),
      2,
      '--schema applies to a postgres:// storage (--storage postgres://…)',
    );
  });
});

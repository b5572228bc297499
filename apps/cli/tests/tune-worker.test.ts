import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { expectCliError } from './support/expect-cli-error.js';
import { runCli, type CliRun } from './support/run-cli.js';

/** The project's machines run PostgreSQL here (trust authentication); CI too. */
const URL = process.env['DEEPTUNE_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/test';
/** This file's schemas start with this, and are dropped at the end. */
const PREFIX = `cliw${process.pid}_${Math.floor(Math.random() * 1e6)}_`;
const admin = new pg.Pool({ connectionString: URL, max: 2 });
let schemas = 0;

afterAll(async () => {
  const result = await admin.query('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [
    `${PREFIX}%`,
  ]);
  for (const row of result.rows as { nspname: string }[]) {
    await admin.query(`DROP SCHEMA "${row.nspname}" CASCADE`);
  }
  await admin.end();
});

function freshSchema(): string {
  return `${PREFIX}${schemas++}`;
}

/** Short trials: a tiny network on 200 moons examples, one epoch. */
const SHORT = ['--dataset', 'moons', '--examples', '200', '--layers', '4', '--epochs', '1'];
const SEARCH = ['--search', 'lr=log(1e-3,1)'];

interface TrialRow {
  number: number;
  state: string;
  attempt: number;
  worker_id: string;
  params: Record<string, unknown>;
  value: number | null;
  seconds: number | null;
  lost: { attempt: number; worker_id: string; reason: string }[] | null;
}

async function storedTrials(schema: string): Promise<TrialRow[]> {
  const result = await admin.query<TrialRow>(
    `SELECT t.number, t.state, t.attempt, t.worker_id, t.params, t.value, t.seconds,
            (SELECT json_agg(json_build_object('attempt', a.attempt, 'worker_id', a.worker_id,
                                               'reason', a.reason) ORDER BY a.attempt)
               FROM "${schema}".trial_attempts a WHERE a.trial_id = t.id) AS lost
       FROM "${schema}".trials t ORDER BY t.number`,
  );
  return result.rows;
}

/** Waits until `check` holds (polling every 50 ms), failing after a minute with `what`. */
async function waitFor(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function studyExists(schema: string, name: string): Promise<boolean> {
  const result = await admin.query(`SELECT 1 FROM "${schema}".studies WHERE name = $1`, [name]);
  return result.rowCount === 1;
}

/** The trial numbers a run printed as finished (`trial 17  dev error …`, pruned, failed). */
function finishedLines(run: CliRun): number[] {
  return run.stdout
    .split('\n')
    .map((line) => /^trial\s+(\d+)\s+(dev error|dev cost|pruned|failed)/.exec(line))
    .filter((match) => match !== null)
    .map((match) => Number(match[1]));
}

describe('deeptune tune on a PostgreSQL storage: many workers', () => {
  it('runs 200 trials on 4 worker processes × 2 threads, each trial exactly once, no gaps', async () => {
    const schema = freshSchema();
    const storage = ['--storage', URL, '--schema', schema, '--study', 'many'];
    const creator = runCli([
      'tune',
      ...SHORT,
      ...SEARCH,
      '--trials',
      '200',
      '--workers',
      '2',
      ...storage,
    ]);
    await waitFor('the study exists', () => studyExists(schema, 'many'));
    const joiners = [1, 2, 3].map(() => runCli(['tune', 'worker', '--workers', '2', ...storage]));
    const runs = await Promise.all([creator, ...joiners]);
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/the study has 200 of 200 done\n$/);
    }
    // Every trial was run and recorded by exactly one worker: no gap, no repeat.
    const printed = runs.flatMap(finishedLines).sort((a, b) => a - b);
    expect(printed).toEqual([...Array(200).keys()]);
    const trials = await storedTrials(schema);
    expect(trials.map((trial) => trial.number)).toEqual([...Array(200).keys()]);
    expect(trials.every((trial) => trial.state === 'complete' && trial.attempt === 1)).toBe(true);
    expect(new Set(trials.map((trial) => trial.worker_id)).size).toBeGreaterThan(1);
    expect(runs[1]!.stdout).toContain("study 'many' in ");
    expect(runs[1]!.stdout).toContain('joined; ');
  });

  it('re-queues the trial of a worker killed with SIGKILL after the grace period; another worker completes it', async () => {
    const schema = freshSchema();
    const storage = ['--storage', URL, '--schema', schema, '--study', 'kill', '--grace', '2'];
    // Trials of about 3 s, longer than the grace period: the survivor's trials stay claimed
    // only because its main thread sends heartbeats while they train in worker threads.
    const slow = [
      '--dataset',
      'moons',
      '--examples',
      '2000',
      '--layers',
      '32,32',
      '--epochs',
      '1000',
    ];
    let victim: ChildProcess | undefined;
    const doomed = runCli(
      ['tune', ...slow, ...SEARCH, '--trials', '4', '--workers', '1', ...storage],
      {
        onSpawn: (child) => {
          victim = child;
        },
      },
    );
    await waitFor('the study exists', () => studyExists(schema, 'kill'));
    const survivor = runCli(['tune', 'worker', '--workers', '1', ...storage]);
    const victimId = `/${victim!.pid}`;
    await waitFor('the doomed worker runs a trial', async () =>
      (await storedTrials(schema)).some(
        (trial) => trial.state === 'running' && trial.worker_id.endsWith(victimId),
      ),
    );
    const killed = (await storedTrials(schema)).find(
      (trial) => trial.state === 'running' && trial.worker_id.endsWith(victimId),
    )!;
    victim!.kill('SIGKILL');
    const [dead, alive] = await Promise.all([doomed, survivor]);
    expect(dead.code).toBeNull();
    expect(alive.code).toBe(0);
    expect(alive.stderr).toContain(
      `deeptune: note: no heartbeat within 2 s: trial ${killed.number} queued again\n`,
    );
    const trials = await storedTrials(schema);
    expect(trials.map((trial) => [trial.number, trial.state])).toEqual([
      [0, 'complete'],
      [1, 'complete'],
      [2, 'complete'],
      [3, 'complete'],
    ]);
    const retried = trials[killed.number]!;
    expect(retried.attempt).toBe(2);
    expect(retried.worker_id).not.toMatch(new RegExp(`${victimId}$`));
    expect(retried.params).toEqual(killed.params);
    expect(retried.lost).toHaveLength(1);
    expect(retried.lost![0]!.worker_id).toBe(killed.worker_id);
    expect(retried.lost![0]!.reason).toMatch(/^no heartbeat for \d+(\.\d)? s \(grace 2 s\)$/);
    // Every other trial kept its first claim, some of them training longer than the grace.
    const others = trials.filter((trial) => trial.number !== killed.number);
    expect(others.every((trial) => trial.attempt === 1 && trial.lost === null)).toBe(true);
    expect(Math.max(...others.map((trial) => trial.seconds ?? 0))).toBeGreaterThan(2);
    // The survivor printed the retried trial once, and no trial twice.
    const printed = finishedLines(alive);
    expect(printed).toContain(killed.number);
    expect(new Set(printed).size).toBe(printed.length);
  });

  it('gives the same configurations and results on 1 worker as on 8 (coarse-to-fine, seed 4)', async () => {
    const study = [
      'tune',
      ...SHORT,
      '--search',
      'lr=log(1e-3,1)',
      '--search',
      'hidden-units=int(2,16)',
      '--sampler',
      'coarse-to-fine',
      '--sampler.rounds',
      '2',
      '--sampler.trials-per-round',
      '8',
      '--seed',
      '4',
      '--study',
      'same',
    ];
    const one = freshSchema();
    const alone = await runCli([...study, '--workers', '1', '--storage', URL, '--schema', one]);
    expect(alone.code).toBe(0);
    const eight = freshSchema();
    const first = runCli([...study, '--workers', '4', '--storage', URL, '--schema', eight]);
    await waitFor('the study exists', () => studyExists(eight, 'same'));
    const second = runCli([
      'tune',
      'worker',
      '--study',
      'same',
      '--workers',
      '4',
      '--storage',
      URL,
      '--schema',
      eight,
    ]);
    const runs = await Promise.all([first, second]);
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    const a = await storedTrials(one);
    const b = await storedTrials(eight);
    expect(b).toHaveLength(16);
    expect(b.map((trial) => [trial.number, trial.params, trial.value])).toEqual(
      a.map((trial) => [trial.number, trial.params, trial.value]),
    );
    const boxes = async (schema: string): Promise<unknown[]> =>
      (await admin.query(`SELECT round, boxes FROM "${schema}".study_rounds ORDER BY round`)).rows;
    expect(await boxes(eight)).toEqual(await boxes(one));
    expect(await boxes(one)).toHaveLength(2);
  });
});

describe('deeptune tune worker: bad input', () => {
  it('names the studies there are when asked for one that does not exist', async () => {
    const schema = freshSchema();
    const made = await runCli([
      'tune',
      ...SHORT,
      ...SEARCH,
      '--trials',
      '1',
      '--study',
      'exists',
      '--storage',
      URL,
      '--schema',
      schema,
    ]);
    expect(made.code).toBe(0);
    const run = await runCli([
      'tune',
      'worker',
      '--study',
      'nope',
      '--storage',
      URL,
      '--schema',
      schema,
    ]);
    expectCliError(
      run,
      2,
      `storage ${URL} (schema ${schema}) has no study 'nope'; its studies: 'exists'. Create it by starting a search with this storage (deeptune tune --storage <url> --study nope …)`,
    );
    // Its report reads the database.
    const report = await runCli([
      'tune',
      'report',
      URL,
      '--schema',
      schema,
      '--study',
      'exists',
      '--json',
    ]);
    expect(report.code).toBe(0);
    const printed = JSON.parse(report.stdout) as {
      study: { name: string };
      trials: { number: number; state: string }[];
      best: { command: string };
    };
    expect(printed.study.name).toBe('exists');
    expect(printed.trials.map((trial) => [trial.number, trial.state])).toEqual([[0, 'complete']]);
    expect(printed.best.command).toMatch(/^deeptune train --dataset moons /);
    expectCliError(
      await runCli(['tune', 'report', URL, '--schema', schema, '--study', 'nope']),
      2,
      "has no study 'nope'; its studies: 'exists'.",
    );
    // Another search under the same name is refused, naming what differs.
    const other = await runCli([
      'tune',
      ...SHORT,
      ...SEARCH,
      '--trials',
      '1',
      '--lr',
      '0.5',
      '--study',
      'exists',
      '--storage',
      URL,
      '--schema',
      schema,
    ]);
    expectCliError(
      other,
      2,
      `storage ${URL} (schema ${schema}) holds study 'exists' with settings`,
    );
  });

  it('refuses an unreachable database, an unknown role and a newer schema with one line, exit 1, the password hidden', async () => {
    const refused = await runCli([
      'tune',
      'worker',
      '--study',
      's',
      '--storage',
      'postgres://ann:hunter2@127.0.0.1:1/test',
    ]);
    expectCliError(
      refused,
      1,
      'storage postgres://ann:***@127.0.0.1:1/test (schema deeptune): cannot use the database: connect ECONNREFUSED 127.0.0.1:1',
    );
    expect(refused.stderr).not.toContain('hunter2');
    const role = await runCli(['tune', 'worker', '--study', 's'], {
      env: { DEEPTUNE_STORAGE: URL.replace('://postgres@', '://nobody_here:hunter2@') },
    });
    expectCliError(role, 1, 'cannot use the database: role "nobody_here" does not exist');
    expect(role.stderr).not.toContain('hunter2');
    const schema = freshSchema();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.query(
      `CREATE TABLE "${schema}".schema_version (only_row boolean PRIMARY KEY DEFAULT true, version integer NOT NULL)`,
    );
    await admin.query(`INSERT INTO "${schema}".schema_version (version) VALUES (99)`);
    const newer = await runCli([
      'tune',
      'worker',
      '--study',
      's',
      '--storage',
      URL,
      '--schema',
      schema,
    ]);
    expectCliError(
      newer,
      1,
      `storage ${URL} (schema ${schema}): schema version 99 is newer than this deeptune reads (2); upgrade deeptune on this machine`,
    );
  });

  it("refuses a study's own settings, a missing study or storage, and a journal file", async () => {
    expectCliError(
      await runCli(['tune', 'worker', '--study', 's', '--storage', URL, '--lr', '0.1']),
      2,
      'deeptune tune worker: --lr is a setting of the study; a worker trains every trial with the settings the study was created with',
    );
    expectCliError(
      await runCli(['tune', 'worker', '--storage', URL]),
      2,
      'deeptune tune worker: missing --study <name>, the study to work on',
    );
    expectCliError(
      await runCli(['tune', 'worker', '--study', 's'], { env: { DEEPTUNE_STORAGE: undefined } }),
      2,
      'deeptune tune worker: missing --storage postgres://user@host:5432/db (or the environment variable DEEPTUNE_STORAGE)',
    );
    expectCliError(
      await runCli(['tune', 'worker', '--study', 's', '--storage', 'study.jsonl']),
      2,
      'deeptune tune worker: --storage study.jsonl is not a postgres:// URL',
    );
  });
});

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrivatePostgres } from './support/private-postgres.js';
import { runCli, type CliRun } from './support/run-cli.js';

let server: PrivatePostgres;

beforeAll(async () => {
  server = await PrivatePostgres.start();
});

afterAll(() => {
  server?.destroy();
});

/** The trial numbers a run printed as finished. */
function finishedLines(run: CliRun): number[] {
  return run.stdout
    .split('\n')
    .map((line) => /^trial\s+(\d+)\s+dev error/.exec(line))
    .filter((match) => match !== null)
    .map((match) => Number(match[1]));
}

async function completed(): Promise<Map<number, number>> {
  const client = new pg.Client({ connectionString: server.url });
  try {
    await client.connect();
    const result = await client.query<{ number: number; value: number }>(
      "SELECT number, value FROM deeptune.trials WHERE state = 'complete' ORDER BY number",
    );
    return new Map(result.rows.map((row) => [row.number, row.value]));
  } catch {
    return new Map();
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('deeptune tune workers and a database restart', () => {
  it('reconnect with backoff; nothing completed is lost and no trial completes twice', async () => {
    const study = [
      '--dataset',
      'moons',
      '--examples',
      '2000',
      '--layers',
      '16',
      '--epochs',
      '60',
      '--search',
      'lr=log(1e-3,1)',
      '--trials',
      '24',
      '--grace',
      '30',
      '--study',
      'restart',
      '--storage',
      server.url,
    ];
    const first = runCli(['tune', ...study, '--workers', '1']);
    let before = new Map<number, number>();
    for (;;) {
      before = await completed();
      if (before.size >= 6) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    let joined: () => void = () => undefined;
    const hasJoined = new Promise<void>((resolve) => {
      joined = resolve;
    });
    const second = runCli(
      [
        'tune',
        'worker',
        '--study',
        'restart',
        '--workers',
        '1',
        '--grace',
        '30',
        '--storage',
        server.url,
      ],
      { onOutput: { text: 'joined;', action: () => joined() } },
    );
    await Promise.race([
      hasJoined,
      second.then((run) => {
        throw new Error(`the second worker ended before joining: ${run.stderr}`);
      }),
    ]);
    server.stop();
    const atStop = await completed();
    expect(atStop.size).toBe(0); // the server is down
    await new Promise((resolve) => setTimeout(resolve, 3000));
    server.restart();
    const runs = await Promise.all([first, second]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    for (const run of runs) {
      expect(run.stderr).toMatch(
        /deeptune: note: storage .*: cannot use the database: .*; reconnecting/,
      );
      expect(run.stderr).toContain('deeptune: note: the database is reachable again\n');
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    const after = await completed();
    expect([...after.keys()]).toEqual([...Array(24).keys()]);
    for (const [number, value] of before) expect(after.get(number)).toBe(value);
    // Each trial was recorded by one worker, once.
    const printed = runs.flatMap(finishedLines).sort((a, b) => a - b);
    expect(printed).toEqual([...Array(24).keys()]);
  });
});

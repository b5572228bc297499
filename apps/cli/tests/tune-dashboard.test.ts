import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchDebianChromium } from '../../../scripts/test/chromium.js';
import { expectCliError } from './support/expect-cli-error.js';
import { runCli, type CliRun } from './support/run-cli.js';

/** The project's machines run PostgreSQL here (trust authentication); CI too. */
const URL = process.env['DEEPTUNE_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `clid${process.pid}_${Math.floor(Math.random() * 1e6)}`;
const admin = new pg.Pool({ connectionString: URL, max: 1 });
let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchDebianChromium(chromium);
  dir = await mkdtemp(join(tmpdir(), 'deeptune-dashboard-'));
});

afterAll(async () => {
  await browser?.close();
  await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
  await admin.end();
  await rm(dir, { recursive: true, force: true });
});

/** Starts `deeptune tune dashboard …` and resolves with its URL and its run (ended by SIGINT). */
async function startDashboard(
  args: readonly string[],
): Promise<{ url: string; child: ChildProcess; run: Promise<CliRun> }> {
  let child: ChildProcess | undefined;
  let found: (url: string) => void = () => undefined;
  const url = new Promise<string>((resolve) => {
    found = resolve;
  });
  const run = runCli(['tune', 'dashboard', '--port', '0', ...args], {
    onSpawn: (spawned) => {
      child = spawned;
      spawned.stdout!.on('data', (chunk: Buffer) => {
        const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(chunk.toString());
        if (match !== null) found(match[1]!);
      });
    },
  });
  const address = await Promise.race([
    url,
    run.then((ended) => {
      throw new Error(`the dashboard ended before serving: ${ended.stderr}`);
    }),
  ]);
  return { url: address, child: child!, run };
}

/** The "Trials" line of the summary: `N of M planned: C complete, …`. */
async function completeCount(page: Page): Promise<number> {
  const text = (await page.locator('#summary dd').nth(5).textContent()) ?? '';
  const match = /(\d+) complete/.exec(text);
  return match === null ? -1 : Number(match[1]);
}

describe('deeptune tune dashboard', () => {
  it('shows a study live in Chromium while 2 workers fill it: the leaderboard grows without a reload', async () => {
    const storage = ['--storage', URL, '--schema', SCHEMA, '--study', 'live'];
    // Trials of a few tenths of a second, so the page sees them arrive.
    const study = [
      'tune',
      '--dataset',
      'moons',
      '--examples',
      '1000',
      '--layers',
      '16',
      '--epochs',
      '40',
      '--search',
      'lr=log(1e-3,1)',
      '--trials',
      '30',
      '--workers',
      '1',
      ...storage,
    ];
    const first = runCli(study);
    for (;;) {
      const exists = await admin
        .query(`SELECT 1 FROM "${SCHEMA}".studies WHERE name = 'live'`)
        .then((result) => result.rowCount === 1)
        .catch(() => false);
      if (exists) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const second = runCli(['tune', 'worker', '--workers', '1', ...storage]);
    const dashboard = await startDashboard([...storage, '--refresh', '0.3']);
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith(dashboard.url)) problems.push(`request: ${request.url()}`);
    });
    await page.goto(dashboard.url);
    // A mark on the window: a reload would remove it.
    await page.evaluate('window.loadedOnce = true');
    const seen: number[] = [await completeCount(page)];
    let sawTwoWorkers = false;
    while (seen.at(-1)! < 30) {
      await page.waitForTimeout(200);
      seen.push(await completeCount(page));
      const note = (await page.locator('#workers .note').textContent()) ?? '';
      if (/running on 2 workers/.test(note)) sawTwoWorkers = true;
    }
    expect(await page.evaluate('window.loadedOnce')).toBe(true);
    expect(Number(await page.evaluate('document.body.dataset.refreshes'))).toBeGreaterThan(2);
    // The count grew in steps while the page stayed open.
    expect(new Set(seen).size).toBeGreaterThan(2);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(sawTwoWorkers).toBe(true);
    expect(await page.locator('#leaderboard tbody tr').count()).toBe(20);
    expect(await page.locator('#learning-curves polyline').count()).toBe(30);
    expect(await page.locator('#objective-by-hyperparameter circle').count()).toBe(30);
    expect(await page.locator('#status').textContent()).toMatch(/^Live: refreshed at /);
    expect(problems).toEqual([]);
    const runs = await Promise.all([first, second]);
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    dashboard.child.kill('SIGINT');
    const ended = await dashboard.run;
    expect(ended.code).toBe(0);
    expect(ended.stdout).toMatch(/dashboard stopped\n$/);
    await page.close();
  });

  it('serves a journal file, read-only, to this machine only', async () => {
    const journal = join(dir, 'moons.jsonl');
    const search = await runCli(
      [
        'tune',
        '--dataset',
        'moons',
        '--layers',
        '4',
        '--epochs',
        '2',
        '--trials',
        '3',
        '--sampler',
        'coarse-to-fine',
        '--sampler.rounds',
        '3',
        '--sampler.trials-per-round',
        '1',
        '--search',
        'lr=log(1e-3,1)',
        '--storage',
        journal,
      ],
      { cwd: dir },
    );
    expect(search.code).toBe(0);
    const dashboard = await startDashboard(['--storage', journal]);
    try {
      const page = await fetch(dashboard.url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await page.text();
      expect(html).toContain('<section id="coarse-to-fine">');
      expect(html).not.toContain('<section id="workers">');
      expect((await fetch(`${dashboard.url}study.json`)).status).toBe(200);
      expect((await fetch(dashboard.url, { method: 'POST' })).status).toBe(405);
      expect((await fetch(`${dashboard.url}../../etc/passwd`)).status).toBe(404);
      // A page elsewhere that resolves its own name to 127.0.0.1 (DNS rebinding) gets nothing.
      const port = new globalThis.URL(dashboard.url).port;
      const rebound = await new Promise<number>((resolve, reject) => {
        import('node:http')
          .then(({ request }) => {
            const call = request(
              {
                host: '127.0.0.1',
                port,
                path: '/study.json',
                headers: { host: `evil.example:${port}` },
              },
              (response) => {
                response.resume();
                resolve(response.statusCode ?? 0);
              },
            );
            call.on('error', reject);
            call.end();
          })
          .catch(reject);
      });
      expect(rebound).toBe(421);
    } finally {
      dashboard.child.kill('SIGINT');
      expect((await dashboard.run).code).toBe(0);
    }
  });

  it('refuses a missing storage, an unknown study and a port in use with one line', async () => {
    expectCliError(
      await runCli(['tune', 'dashboard'], { env: { DEEPTUNE_STORAGE: undefined } }),
      2,
      'deeptune tune dashboard: missing --storage <file.jsonl|postgres://…>',
    );
    expectCliError(
      await runCli(['tune', 'dashboard', '--storage', URL]),
      2,
      'deeptune tune dashboard: a postgres:// storage holds many studies; name one with --study <name>',
    );
    expectCliError(
      await runCli(['tune', 'dashboard', '--storage', URL, '--schema', SCHEMA, '--study', 'nope']),
      2,
      `has no study 'nope'; its studies: 'live'.`,
    );
    const journal = join(dir, 'absent.jsonl');
    const absent = await runCli(['tune', 'dashboard', '--storage', journal]);
    expect(absent.code).not.toBe(0);
    expect(absent.stderr).toContain(journal);
    const holder = await startDashboard(['--storage', join(dir, 'moons.jsonl')]);
    try {
      const port = new globalThis.URL(holder.url).port;
      expectCliError(
        await runCli(['tune', 'dashboard', '--storage', join(dir, 'moons.jsonl'), '--port', port]),
        1,
        `deeptune tune dashboard: port ${port} of 127.0.0.1 is in use; choose another with --port (0: any free port)`,
      );
    } finally {
      holder.child.kill('SIGINT');
      await holder.run;
    }
    expectCliError(
      await runCli(['tune', '--dataset', 'moons', '--port', '8000']),
      2,
      '--port applies to deeptune tune dashboard',
    );
  });
});

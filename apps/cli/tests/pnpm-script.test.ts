import { spawn } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from './support/run-cli.js';
import { trainSmallModel } from './support/train-small-model.js';

/** The repository root, where pnpm runs the root `deeptune` script. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'deeptune.mjs');

/**
 * Runs `scripts/deeptune.mjs` as `pnpm deeptune …` does: in the repository root, with
 * INIT_CWD naming the directory the user typed the command in. The build is skipped: this
 * test task runs after it (turbo.json), and a nested turbo build would race with the tasks
 * running beside it.
 */
function runPnpmScript(args: readonly string[], userDirectory: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, INIT_CWD: userDirectory, DEEPTUNE_SKIP_BUILD: '1', NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
let model: string;
beforeAll(async () => {
  ({ dir, model } = await trainSmallModel('deeptune-cli-pnpm-script-'));
  await mkdir(join(dir, 'sub'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('pnpm deeptune (the root script)', () => {
  it('keeps stdout for the command, so --json output parses', async () => {
    const run = await runPnpmScript(['evaluate', 'model', '--json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout) as { model: string; results: { test: object } };
    expect(parsed.model).toBe(model);
    expect(Object.keys(parsed.results)).toEqual(['train', 'dev', 'test']);
  });

  it('resolves relative paths from the directory the command was typed in', async () => {
    const run = await runPnpmScript(['evaluate', '../model', '--json'], join(dir, 'sub'));
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { model: string }).model).toBe(model);

    const missing = await runPnpmScript(['evaluate', 'model'], join(dir, 'sub'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^deeptune: error: model: no such directory/);
  });

  it('says so when the directory it was run in no longer exists, exit 2', async () => {
    const gone = join(dir, 'gone');
    const run = await runPnpmScript(['evaluate', 'model'], gone);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `deeptune: error: the directory the command was run in, ${gone}, does not exist (any more); cd to an existing one.\n`,
    );
  });

  it("passes the CLI's exit code through", async () => {
    const run = await runPnpmScript(['train', '--epochs', '0'], dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^deeptune: error: .*--epochs/m);
  });
});

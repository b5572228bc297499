import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI; the test task depends on the build (see turbo.json). */
export const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.js');

/** What a CLI run printed and returned. */
export interface CliRun {
  /** The exit code (null when killed by a signal). */
  readonly code: number | null;
  /** Everything written to standard output. */
  readonly stdout: string;
  /** Everything written to standard error. */
  readonly stderr: string;
}

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** The working directory. */
  readonly cwd?: string;
  /** Standard input: this text, then its end (default: no input). */
  readonly input?: string;
  /** Options for Node itself, before the script, e.g. `['--jitless']`. */
  readonly nodeOptions?: readonly string[];
  /** Environment variables to set or (undefined) to remove. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Called with the child as soon as it is spawned (its pid, to kill it). */
  readonly onSpawn?: (child: ReturnType<typeof spawn>) => void;
  /** Called with the child once stdout has printed `text`, e.g. to send SIGINT. */
  readonly onOutput?: {
    readonly text: string;
    readonly action: (child: ReturnType<typeof spawn>) => void;
  };
}

/**
 * Spawns `node dist/cli.js …args` (stdout is a pipe, so output is plain) and collects its output.
 */
export function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliRun> {
  if (!existsSync(CLI)) throw new Error(`${CLI} does not exist: build the CLI first (pnpm build)`);
  return new Promise((resolve, reject) => {
    const env = Object.fromEntries(
      Object.entries({ ...process.env, NO_COLOR: '1', ...options.env }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    );
    const child = spawn(process.execPath, [...(options.nodeOptions ?? []), CLI, ...args], {
      cwd: options.cwd ?? process.cwd(),
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env,
    });
    options.onSpawn?.(child);
    if (options.input !== undefined) child.stdin!.end(options.input);
    let stdout = '';
    let stderr = '';
    let triggered = false;
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!triggered && options.onOutput !== undefined && stdout.includes(options.onOutput.text)) {
        triggered = true;
        options.onOutput.action(child);
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

import { expect } from 'vitest';
import type { CliRun } from './run-cli.js';

/**
 * Asserts that a CLI run failed with `code` and one line on stderr, `deeptune: error: …`,
 * containing (or matching) `message`, with nothing on stdout and no stack trace.
 */
export function expectCliError(run: CliRun, code: number, message: string | RegExp): void {
  expect(run.stdout).toBe('');
  expect(run.code).toBe(code);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^deeptune: error: /);
  if (typeof message === 'string') expect(lines[0]).toContain(message);
  else expect(lines[0]).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

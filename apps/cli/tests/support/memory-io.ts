import type { CliIo } from '../../src/cli-io.js';

/** A {@link CliIo} that records output in memory. */
export interface MemoryIo extends CliIo {
  /** Everything written to `out`. */
  readonly stdout: () => string;
  /** Everything written to `err`. */
  readonly stderr: () => string;
}

/** An in-memory io for running the CLI in-process. */
export function memoryIo(
  options: { readonly isTTY?: boolean; readonly columns?: number; readonly cwd?: string } = {},
): MemoryIo {
  let stdout = '';
  let stderr = '';
  return {
    out: (text) => (stdout += text),
    err: (text) => (stderr += text),
    isTTY: options.isTTY ?? false,
    columns: options.columns ?? 100,
    cwd: options.cwd ?? process.cwd(),
    onInterrupt: () => () => undefined,
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

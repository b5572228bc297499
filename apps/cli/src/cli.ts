import process from 'node:process';
import { createInterface } from 'node:readline';
import { main } from './main.js';

/**
 * Lines of standard input on demand: the interface is created at the first read, so commands
 * that never read leave stdin alone (and the process exits when they are done).
 */
function lineReader(): { read: () => Promise<string | undefined>; close: () => void } {
  let reader: ReturnType<typeof createInterface> | undefined;
  let lines: AsyncIterator<string> | undefined;
  return {
    read: async () => {
      reader ??= createInterface({ input: process.stdin, terminal: false });
      lines ??= reader[Symbol.asyncIterator]();
      const next = await lines.next();
      return next.done === true ? undefined : next.value;
    },
    close: () => {
      if (reader === undefined) return;
      reader.close();
      process.stdin.destroy();
    },
  };
}

const input = lineReader();

/**
 * A write to a stream that may have been closed by the reader (`deeptune train | head -1`):
 * once it reports EPIPE, later output is dropped instead of killing the run with an
 * unhandled 'error' event, so training goes on and the model is still saved.
 */
function writerTo(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

const exitCode = await main(process.argv.slice(2), {
  out: writerTo(process.stdout),
  err: writerTo(process.stderr),
  isTTY: process.stdout.isTTY === true,
  columns: process.stdout.columns || 80, // 0 when the terminal size is unknown
  cwd: process.cwd(),
  env: process.env,
  readLine: input.read,
  onInterrupt: (handler) => {
    let interrupted = false;
    const listener = (): void => {
      if (interrupted) process.exit(130); // a second Ctrl-C stops at once
      interrupted = true;
      handler();
    };
    process.on('SIGINT', listener);
    return () => process.off('SIGINT', listener);
  },
});
input.close();
process.exitCode = exitCode;

import process from 'node:process';
import { main } from './main.js';

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
process.exitCode = exitCode;

import process from 'node:process';
import { main } from './main.js';

const exitCode = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
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

/** Where the CLI reads and writes: the process in `cli.ts`, in-memory streams in tests. */
export interface CliIo {
  /** Writes text to standard output. */
  readonly out: (text: string) => void;
  /** Writes text to standard error. */
  readonly err: (text: string) => void;
  /** Whether standard output is a terminal: progress bars only then. */
  readonly isTTY: boolean;
  /** The terminal width in columns (80 when unknown). */
  readonly columns: number;
  /** The working directory relative paths are resolved against. */
  readonly cwd: string;
  /**
   * Registers a handler for Ctrl-C (SIGINT) and returns a function that removes it; the
   * first Ctrl-C goes to the handler, so training can stop cleanly.
   */
  readonly onInterrupt: (handler: () => void) => () => void;
  /**
   * Reads the next line of standard input (without its newline), or `undefined` at its end;
   * used by `deeptune tune --panda`. Absent where there is no input.
   */
  readonly readLine?: () => Promise<string | undefined>;
  /**
   * The environment variables the CLI reads (`DEEPTUNE_STORAGE`); absent in tests that set
   * none.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

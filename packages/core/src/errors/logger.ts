/**
 * Where deeptune libraries send warnings: something worth telling the user that is not an
 * error (for example class indices that never occur in a dataset). Libraries never call
 * `console` themselves; they call {@link warnOnce}, which forwards to the active logger.
 * Replace it with {@link setLogger} to route warnings to a UI, a log file or a test.
 *
 * @category Warnings
 */
export interface Logger {
  /** Receives one warning: a full sentence that says where, what, and a hint. */
  warn(message: string): void;
}

/** The default logger: the JavaScript console's `warn` (in Node, standard error). */
const consoleLogger: Logger = {
  warn(message: string): void {
    // The one place a library writes to the console: the replaceable default.
    // eslint-disable-next-line no-console
    console.warn(message);
  },
};

let activeLogger: Logger = consoleLogger;
/** The warnings already given to the active logger. */
let given = new Set<string>();

/**
 * The logger that receives warnings: one that writes to the console unless replaced with
 * {@link setLogger}.
 *
 * @category Warnings
 *
 * @example
 * ```ts
 * getLogger().warn('my-plugin: option lr is deprecated; use learningRate.'); // console.warn
 * // warnOnce(message) is the usual way: it writes each message once to this logger
 * ```
 */
export function getLogger(): Logger {
  return activeLogger;
}

/**
 * Replaces the logger that receives warnings, and returns the previous one. Each warning is
 * given at most once to each logger set (see {@link warnOnce}).
 *
 * @param logger - an object with a `warn(message)` method.
 * @returns the previous logger, to restore it afterwards.
 * @category Warnings
 *
 * @example
 * ```ts
 * const warnings: string[] = [];
 * const previous = setLogger({ warn: (message) => warnings.push(message) });
 * try { await readCsv('labels.csv', { labelColumn: 'y' }); } finally { setLogger(previous); }
 * ```
 */
export function setLogger(logger: Logger): Logger {
  const previous = activeLogger;
  activeLogger = logger;
  given = new Set<string>();
  return previous;
}

/**
 * Gives a warning to the active logger, unless the same message was already given to it, so
 * that a warning inside a loop (every epoch, every file of a search) is read once.
 *
 * @param message - a full sentence that says where, what, and a hint.
 * @category Warnings
 *
 * @example
 * ```ts
 * warnOnce("data.csv, label column 'y': class 3 of 0 … 4 never occurs.");
 * ```
 */
export function warnOnce(message: string): void {
  if (given.has(message)) return;
  given.add(message);
  activeLogger.warn(message);
}

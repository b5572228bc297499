/**
 * An error in how the command was invoked: an unknown command, flag, config key or plugin
 * name, or an invalid value. The CLI prints its message on one line and exits with code 2.
 */
export class UsageError extends Error {
  /** The exit code for usage errors. */
  readonly exitCode = 2;

  /** @param message - what was given, what was expected, and the closest valid name. */
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

import type { Registry } from 'deeptune';
import type { Flag, FlagValue } from './args/flag.js';
import type { PluginOptionInputs } from './args/plugin-option-input.js';
import type { CliIo } from './cli-io.js';

/** A positional argument of a command, for parsing and help. */
export interface Positional {
  /** The placeholder, e.g. `'model-dir'`. */
  readonly name: string;
  /** One line of help. */
  readonly description: string;
  /** Whether it must be given. */
  readonly required: boolean;
}

/** What a command's `run` receives. */
export interface CommandContext {
  /** Output streams, terminal facts, working directory and Ctrl-C. */
  readonly io: CliIo;
  /** The registry: every built-in plugin plus those loaded with `--plugin`. */
  readonly registry: Registry;
  /** The positional arguments, checked against the command's list. */
  readonly positionals: readonly string[];
  /** Every flag's value by name: command line over config file over default. */
  readonly values: ReadonlyMap<string, FlagValue>;
  /** Options of chosen plugins (`--optimizer.beta2`, `optimizer: { beta2 }`), by path. */
  readonly pluginOptions: PluginOptionInputs;
  /** The flags the user gave, on the command line or in the config file (not defaults). */
  readonly explicit: ReadonlySet<string>;
  /** A flag and its value as typed on the command line (`'--lr 1e-3'`), for messages. */
  readonly describeFlag: (flag: string) => string | undefined;
}

/** One `deeptune <command>`. */
export interface Command {
  /** The command word, e.g. `'train'`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** A paragraph for `<command> --help`. */
  readonly description: string;
  /** The positional arguments, in order. */
  readonly positionals: readonly Positional[];
  /** The flags, in help order (the common flags are added by the CLI). */
  readonly flags: (registry: Registry) => readonly Flag[];
  /** Example invocations for the help text. */
  readonly examples: readonly string[];
  /** Runs the command; resolves to the exit code. */
  readonly run: (context: CommandContext) => Promise<number>;
}

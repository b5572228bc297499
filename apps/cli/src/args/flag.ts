import type { PluginKind } from 'deeptune';

/** The value types a flag accepts. */
export type FlagType = 'number' | 'integer' | 'string' | 'boolean' | 'numberList' | 'stringList';

/** A flag's value after parsing. */
export type FlagValue = number | string | boolean | readonly number[] | readonly string[];

/**
 * One command-line flag, which is also a config-file key: `--batch-size 64` on the
 * command line, `batchSize: 64` in a config file. The help text is generated from it.
 */
export interface Flag {
  /** The flag without dashes, e.g. `'batch-size'`. */
  readonly name: string;
  /** The value type. */
  readonly type: FlagType;
  /** One line of help. */
  readonly description: string;
  /** The placeholder in help, e.g. `'<λ>'`; defaults to one derived from the type. */
  readonly valueName?: string;
  /** The default, shown in help (`undefined`: none). */
  readonly default?: FlagValue;
  /** How the default is shown when it is computed at run time, e.g. `'he-normal for relu'`. */
  readonly defaultText?: string;
  /** List elements must be integers (`'integer'` flags always are). */
  readonly integer?: boolean;
  /** Numbers (and list elements) must be ≥ this. */
  readonly min?: number;
  /** Numbers (and list elements) must be > this. */
  readonly exclusiveMin?: number;
  /** Numbers (and list elements) must be ≤ this. */
  readonly max?: number;
  /** The accepted strings (or list elements), when the set is fixed. */
  readonly choices?: readonly string[];
  /** The flag may be given several times; the values accumulate into a list. */
  readonly repeatable?: boolean;
  /** The flag must be given (help shows `[required]`; the command checks it). */
  readonly required?: boolean;
  /** The help section, e.g. `'Optimization'`. @defaultValue 'Options' */
  readonly group?: string;
  /** Whether a config file may set it (not `--config`, `--help`, …). @defaultValue true */
  readonly configurable?: boolean;
  /**
   * The flag chooses a plugin of this kind by name (`--optimizer adam`); the chosen plugin's
   * options are set with `--<flag>.<option>` (`--optimizer.beta2 0.98`) or, in a config
   * file, `<flag>: { name: …, <option>: … }`, and are checked against its options schema.
   * With `list`, the flag chooses several plugins (`--augment flip,shift`) and their options
   * are `--<flag>.<plugin>.<option>` (`--augment.shift.max-shift 3`).
   */
  readonly plugin?: PluginChoiceFlag;
}

/** A short name a list choice accepts for a plugin with preset options: `shift` → `random-shift` with `maxShift: 2`. */
export interface PluginPreset {
  /** The registered plugin, e.g. `'random-shift'`. */
  readonly plugin: string;
  /** Its options, before the user's. */
  readonly options: Readonly<Record<string, unknown>>;
}

/** What a plugin-choice flag chooses; see {@link Flag.plugin}. */
export interface PluginChoiceFlag {
  /** The plugin kind, e.g. `'optimizer'`. */
  readonly kind: PluginKind;
  /** The flag chooses several plugins (a comma-separated list). */
  readonly list?: boolean;
  /** Short names with preset options, by short name. */
  readonly presets?: Readonly<Record<string, PluginPreset>>;
  /** Values that choose no plugin (`'none'`) or let the command decide (`'auto'`). */
  readonly special?: readonly string[];
}

/** The config-file key of a flag: `'batch-size'` → `'batchSize'`. */
export function configKey(flag: Flag): string {
  return flag.name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** The values of parsed flags by flag name, defaults included. */
export type FlagValues = ReadonlyMap<string, FlagValue>;

import {
  DeeptuneError,
  type PluginKind,
  type PluginProduct,
  type Registry,
  validateOptions,
} from 'deeptune';
import type { Flag, FlagValue } from './flag.js';
import { parseOptionText } from 'deeptune';
import { kebabCase, type PluginOptionInputs } from './plugin-option-input.js';
import { UsageError } from '../cli-error.js';
import { aliasesOf } from './option-aliases.js';
import { resolvePluginName } from './resolve-plugin-name.js';

/** What a command reads plugin choices from. */
export interface ChoiceSource {
  /** The registry: built-in plugins and those loaded with `--plugin`. */
  readonly registry: Registry;
  /** Flag values by name (command line over config file over default). */
  readonly values: ReadonlyMap<string, FlagValue>;
  /** Options of chosen plugins by path, e.g. `'optimizer.beta2'`. */
  readonly pluginOptions: PluginOptionInputs;
  /** The flags the user gave (command line or config file), so that alias defaults are never applied. */
  readonly explicit: ReadonlySet<string>;
  /**
   * How to name a flag and its value in messages: as typed (`'--examples 1e12'`), or where it
   * came from when it was not typed (`evaluate` replays `training.json`: `"key 'examples' in
   * m/training.json"`); `undefined` for the default.
   * @defaultValue the flag and its parsed value, `'--examples 500'`
   */
  readonly describeFlag?: (flag: string) => string | undefined;
}

/** The flag and its value as the user gave it: `'--examples 1e12'`, or as `describeFlag` says. */
function flagLabel(source: ChoiceSource, flag: string): string {
  return source.describeFlag?.(flag) ?? `--${flag} ${String(source.values.get(flag))}`;
}

/** A plugin chosen by a flag, with the options the user gave it (not yet validated). */
export interface ChosenPlugin<K extends PluginKind = PluginKind> {
  /** The plugin kind. */
  readonly kind: K;
  /** The registered name, e.g. `'adam'` or `'acme:lion'`. */
  readonly name: string;
  /** The options: given ones parsed by their schema type, aliases and fills applied. */
  readonly options: Readonly<Record<string, unknown>>;
  /**
   * Where each given option came from, for messages: `'--lr 0.1'`, `'--optimizer.beta2 0.98'`,
   * `"key 'optimizer.beta2' in run.yaml"`.
   */
  readonly sources: ReadonlyMap<string, string>;
  /** The choosing flag, for messages: `'--optimizer'`. */
  readonly flag: string;
}

/** Options of one chosen plugin, and the paths they were read from. */
interface CollectRequest {
  readonly kind: PluginKind;
  readonly flag: string;
  /** The registered plugin name. */
  readonly name: string;
  /** The path prefix of its options: `'optimizer'`, or `'augment.shift'` in a list. */
  readonly prefix: string;
  /** The name as written in a list (`'shift'`), for list aliases. */
  readonly written?: string;
  /** Options the command supplies when the schema has them and the user gave none. */
  readonly fill: Readonly<Record<string, unknown>>;
  /** Options that come before the user's (a preset such as `shift` → `maxShift: 2`). */
  readonly preset: Readonly<Record<string, unknown>>;
}

function given(source: ChoiceSource, flag: string): boolean {
  return source.explicit.has(flag) && source.values.get(flag) !== undefined;
}

function collect(source: ChoiceSource, request: CollectRequest): ChosenPlugin {
  const { kind, flag, name, prefix } = request;
  const schema = source.registry.get(kind, name).options as Readonly<
    Record<string, Parameters<typeof parseOptionText>[0]>
  >;
  const names = Object.keys(schema);
  const options: Record<string, unknown> = { ...request.preset };
  const sources = new Map<string, string>();
  for (const [path, input] of source.pluginOptions) {
    if (!path.startsWith(`${prefix}.`)) continue;
    const option = path.slice(prefix.length + 1);
    if (option.includes('.')) continue; // another plugin of a list whose name extends this one
    const spec = schema[option];
    // Unknown options are passed on, so the schema reports them with its known options.
    options[option] =
      spec !== undefined && input.fromCommandLine && typeof input.value !== 'object'
        ? parseOptionText(spec, input.value as string | true, input.where)
        : input.value;
    sources.set(
      option,
      input.fromCommandLine
        ? `${input.where}${input.value === true ? '' : ` ${String(input.value)}`}`
        : input.where,
    );
  }
  for (const alias of aliasesOf(flag.slice(2))) {
    if (!given(source, alias.flag)) continue;
    if (alias.plugin !== undefined && alias.plugin !== request.written) continue;
    const option = alias.options.find((candidate) => names.includes(candidate));
    if (
      option === undefined ||
      (alias.unlessPluginHas !== undefined && names.includes(alias.unlessPluginHas))
    ) {
      throw new UsageError(
        `${flagLabel(source, alias.flag)}: --${alias.flag} does not apply to ${kind} '${name}'; ${names.length === 0 ? 'it takes no options' : `its options are: ${names.map((n) => `${flag}.${kebabCase(n)}`).join(', ')}`}`,
      );
    }
    if (sources.has(option)) {
      throw new UsageError(
        `--${alias.flag} and ${sources.get(option)} both set '${option}' of ${kind} '${name}'; give one`,
      );
    }
    options[option] = source.values.get(alias.flag);
    sources.set(option, flagLabel(source, alias.flag));
  }
  for (const [option, value] of Object.entries(request.fill)) {
    if (names.includes(option) && !sources.has(option) && value !== undefined) {
      options[option] = value;
    }
  }
  return { kind, name, options, sources, flag };
}

/** Fails when options were given for `prefix` although no plugin is chosen there. */
function refuseOptions(source: ChoiceSource, prefix: string, why: string): void {
  for (const [path, input] of source.pluginOptions) {
    if (path.startsWith(`${prefix}.`)) throw new UsageError(`${input.where}: ${why}`);
  }
}

/** Settings of {@link choosePlugin} and {@link chooseListPlugins}. */
export interface ChoiceSettings {
  /** Use this name instead of the flag's value (e.g. `csv` for `--dataset csv:<path>`). */
  readonly name?: string;
  /** Options the command supplies when the plugin's schema has them, e.g. `{ dtype }`. */
  readonly fill?: Readonly<Record<string, unknown>>;
}

/** The kind a plugin-choice flag chooses; throws for other flags (a programming error). */
function kindOf(flag: Flag): PluginKind {
  if (flag.plugin === undefined) throw new Error(`--${flag.name} is not a plugin-choice flag`);
  return flag.plugin.kind;
}

/**
 * The plugin a choice flag names (`--optimizer lion`), with its options from
 * `--optimizer.<option>`, the config file, the flag's aliases (`--lr`) and the command's fills.
 *
 * @throws {@link UsageError} for an unknown plugin (with the closest name), an option value of
 *   the wrong syntax, or an alias that does not apply to the plugin.
 */
export function choosePlugin(
  source: ChoiceSource,
  flag: Flag,
  settings: ChoiceSettings = {},
): ChosenPlugin {
  const kind = kindOf(flag);
  const written = settings.name ?? (source.values.get(flag.name) as string);
  const name = resolvePluginName(source.registry, kind, written, `--${flag.name}`);
  return collect(source, {
    kind,
    flag: `--${flag.name}`,
    name,
    prefix: flag.name,
    fill: settings.fill ?? {},
    preset: {},
  });
}

/**
 * Fails when `--<flag>.<option>` was given although the flag chooses no plugin (`none`).
 */
export function refuseChoiceOptions(source: ChoiceSource, flag: Flag): void {
  refuseOptions(
    source,
    flag.name,
    `--${flag.name} ${String(source.values.get(flag.name) ?? 'none')} chooses no ${kindOf(flag)} plugin, so there are no options to set`,
  );
}

/**
 * The plugins a list-choice flag names (`--augment flip,shift`), each with its options from
 * `--augment.<name>.<option>`, the config file and the aliases that add a plugin (`--l2 λ`).
 * A name may be one of the flag's presets (`shift` → `random-shift` with `maxShift: 2`).
 *
 * @throws {@link UsageError} for an unknown plugin, options of a plugin that is not in the
 *   list, or an option value of the wrong syntax.
 */
export function chooseListPlugins(
  source: ChoiceSource,
  flag: Flag,
  settings: ChoiceSettings = {},
): ChosenPlugin[] {
  const kind = kindOf(flag);
  const presets = flag.plugin?.presets ?? {};
  const written = [...((source.values.get(flag.name) as readonly string[] | undefined) ?? [])];
  for (const alias of aliasesOf(flag.name)) {
    if (alias.plugin === undefined || !given(source, alias.flag)) continue;
    if (source.values.get(alias.flag) === 0) continue;
    if (written.includes(alias.plugin)) {
      throw new UsageError(
        `--${alias.flag} and --${flag.name} ${alias.plugin} both add the ${kind} '${alias.plugin}'; give one`,
      );
    }
    written.push(alias.plugin);
  }
  const duplicate = written.find((name, index) => written.indexOf(name) !== index);
  if (duplicate !== undefined) {
    throw new UsageError(`--${flag.name} lists '${duplicate}' twice; give each once`);
  }
  for (const [path, input] of source.pluginOptions) {
    if (!path.startsWith(`${flag.name}.`)) continue;
    const plugin = path.slice(flag.name.length + 1, path.lastIndexOf('.'));
    if (!written.includes(plugin)) {
      throw new UsageError(
        `${input.where}: '${plugin}' is not in --${flag.name} (${written.length === 0 ? 'none' : written.join(',')}); add it there to set its options`,
      );
    }
  }
  return written.map((item) => {
    const preset = Object.hasOwn(presets, item) ? presets[item] : undefined;
    const hint = Object.keys(presets);
    const name = resolvePluginName(
      source.registry,
      kind,
      preset?.plugin ?? item,
      hint.length === 0 ? `--${flag.name}` : `--${flag.name} (short names: ${hint.join(', ')})`,
    );
    return collect(source, {
      kind,
      flag: `--${flag.name}`,
      name,
      prefix: `${flag.name}.${item}`,
      written: item,
      fill: settings.fill ?? {},
      preset: preset?.options ?? {},
    });
  });
}

/** Adds the flag or key that set the offending option to a registry error's message. */
function blame(error: unknown, chosen: ChosenPlugin): unknown {
  if (!DeeptuneError.isInstance(error)) return error;
  const option = /option '([A-Za-z0-9]+)/.exec(error.message)?.[1];
  const where = option === undefined ? undefined : chosen.sources.get(option);
  error.message = `${where ?? `${chosen.flag} ${chosen.name}`}: ${error.message}`;
  return error;
}

/**
 * Checks a chosen plugin's options against its schema without creating it (before data is
 * loaded), and returns them with defaults filled in.
 *
 * @throws the schema's `ConfigError` or `InvalidHyperparameterError`, its message prefixed with
 *   the flag or config key that set the value.
 */
export function validateChosen(
  registry: Registry,
  chosen: ChosenPlugin,
): Readonly<Record<string, unknown>> {
  try {
    return validateOptions(
      `${chosen.kind} '${chosen.name}'`,
      registry.get(chosen.kind, chosen.name).options,
      chosen.options,
    );
  } catch (error) {
    throw blame(error, chosen);
  }
}

/**
 * Creates a chosen plugin through the registry (its schema validates the options).
 *
 * @throws the schema's `ConfigError` or `InvalidHyperparameterError`, its message prefixed with
 *   the flag or config key that set the value: `--optimizer.beta2 1.5: optimizer 'acme:lion':
 *   option 'beta2' must be in [0, 1), got 1.5`.
 */
export function createChosen<K extends PluginKind>(
  registry: Registry,
  chosen: ChosenPlugin<K>,
  extra: Readonly<Record<string, unknown>> = {},
): PluginProduct<K> {
  try {
    return registry.create(chosen.kind, chosen.name, {
      ...chosen.options,
      ...extra,
    } as never) as PluginProduct<K>;
  } catch (error) {
    throw blame(error, chosen);
  }
}

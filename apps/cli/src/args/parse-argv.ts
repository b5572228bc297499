import { closestMatch } from 'deeptune';
import { UsageError } from '../cli-error.js';
import type { Flag, FlagValue } from './flag.js';
import { describeExpected, parseFlagValue } from './parse-value.js';
import { camelCase, type PluginOptionInput } from './plugin-option-input.js';

/** The command line of one command, split into positionals and checked flag values. */
export interface ParsedArgv {
  /** Arguments that are not flags, in order. */
  readonly positionals: readonly string[];
  /** The flags given on the command line (no defaults), by flag name. */
  readonly values: ReadonlyMap<string, FlagValue>;
  /** Options of chosen plugins (`--optimizer.beta2 0.98`), by path (`'optimizer.beta2'`). */
  readonly pluginOptions: ReadonlyMap<string, PluginOptionInput>;
  /** Each flag's value as typed (`'1e-3'`, not `0.001`), by flag name, for messages. */
  readonly texts: ReadonlyMap<string, string>;
}

/**
 * The path of a plugin-option flag such as `optimizer.beta2` or `augment.shift.max-shift`
 * (`'optimizer.beta2'`, `'augment.shift.maxShift'`), or `undefined` when `name` is not one.
 */
function pluginOptionPath(name: string, byName: ReadonlyMap<string, Flag>): string | undefined {
  const dot = name.indexOf('.');
  if (dot <= 0) return undefined;
  const flag = byName.get(name.slice(0, dot));
  if (flag?.plugin === undefined) return undefined;
  const rest = name.slice(dot + 1);
  const last = rest.lastIndexOf('.');
  if (flag.plugin.list === true) {
    if (last <= 0 || last === rest.length - 1) {
      throw new UsageError(
        `--${name}: options of --${flag.name} plugins are set with --${flag.name}.<plugin>.<option>, e.g. --augment.shift.max-shift 3`,
      );
    }
    return `${flag.name}.${rest.slice(0, last)}.${camelCase(rest.slice(last + 1))}`;
  }
  if (last >= 0 || rest === '' || rest === 'name') {
    throw new UsageError(
      `--${name}: options of the chosen ${flag.plugin.kind} are set with --${flag.name}.<option>, e.g. --${flag.name}.${flag.plugin.kind === 'optimizer' ? 'beta2 0.98' : '<option> <value>'}; choose the plugin with --${flag.name} <name>`,
    );
  }
  return `${flag.name}.${camelCase(rest)}`;
}

function expectedValue(flag: Flag): string {
  switch (flag.type) {
    case 'number':
    case 'integer':
      return describeExpected(flag);
    case 'string':
      return flag.choices === undefined ? 'a value' : `one of ${flag.choices.join(', ')}`;
    case 'numberList':
      return 'a comma-separated list of numbers';
    case 'stringList':
      return 'a comma-separated list';
    case 'boolean':
      return 'true or false';
  }
}

/**
 * Splits the arguments after the command name into positionals and flags, and checks every
 * flag value. Accepts `--name value`, `--name=value`, bare boolean flags, `--no-name` for a
 * boolean, and `--` before positionals that start with a dash. Values may start with a dash
 * (`--lr -1` is parsed, then rejected as out of range).
 *
 * @param args - the arguments after the command name.
 * @param flags - the command's flags.
 * @param commandName - for messages, e.g. `'deeptune train'`.
 * @throws {@link UsageError} for an unknown flag (naming the closest one), a missing or
 *   invalid value, or a flag given twice.
 */
export function parseArgv(
  args: readonly string[],
  flags: readonly Flag[],
  commandName: string,
): ParsedArgv {
  const byName = new Map(flags.map((flag) => [flag.name, flag]));
  const positionals: string[] = [];
  const values = new Map<string, FlagValue>();
  const pluginOptions = new Map<string, PluginOptionInput>();
  const texts = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      values.set('help', true);
      continue;
    }
    if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) {
      positionals.push(arg);
      continue;
    }
    const body = arg.startsWith('--') ? arg.slice(2) : arg.slice(1);
    const equals = body.indexOf('=');
    let name = equals >= 0 ? body.slice(0, equals) : body;
    let inline: string | undefined = equals >= 0 ? body.slice(equals + 1) : undefined;
    const path = arg.startsWith('--') ? pluginOptionPath(name, byName) : undefined;
    if (path !== undefined) {
      if (pluginOptions.has(path)) {
        throw new UsageError(
          `--${name} is given twice (or also as another spelling); give it once`,
        );
      }
      let value: string | true = true; // bare: a boolean option set to true
      if (inline !== undefined) value = inline;
      else {
        const next = args[i + 1];
        if (next !== undefined && !(next.startsWith('--') && next.length > 2)) {
          value = next;
          i += 1;
        }
      }
      pluginOptions.set(path, { value, fromCommandLine: true, where: `--${name}` });
      continue;
    }
    let flag = byName.get(name);
    if (flag === undefined && name.startsWith('no-') && inline === undefined) {
      const negated = byName.get(name.slice(3));
      if (negated?.type === 'boolean') {
        flag = negated;
        name = negated.name;
        inline = 'false';
      }
    }
    if (flag === undefined || !arg.startsWith('--')) {
      const match = closestMatch(name, [...byName.keys()]);
      throw new UsageError(
        `unknown flag ${arg.split('=')[0]} for '${commandName}'.${match === undefined ? '' : ` Did you mean --${match}?`} See '${commandName} --help'.`,
      );
    }
    let raw: string;
    if (inline !== undefined) raw = inline;
    else if (flag.type === 'boolean') raw = 'true';
    else {
      const next = args[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) {
        throw new UsageError(`--${flag.name} needs a value: ${expectedValue(flag)}`);
      }
      raw = next;
      i += 1;
    }
    const value = parseFlagValue(flag, raw, `--${flag.name}`, true);
    texts.set(flag.name, raw);
    if (flag.repeatable === true) {
      // A repeatable list flag adds its items; a repeatable string flag adds its whole value
      // (commas and all: `--search 'lr=log(1e-4,1)'`).
      const earlier = (values.get(flag.name) as readonly string[] | undefined) ?? [];
      const items = Array.isArray(value) ? (value as readonly string[]) : [value as string];
      values.set(flag.name, [...earlier, ...items]);
    } else if (values.has(flag.name)) {
      throw new UsageError(`--${flag.name} is given twice; give it once`);
    } else {
      values.set(flag.name, value);
    }
  }
  return { positionals, values, pluginOptions, texts };
}

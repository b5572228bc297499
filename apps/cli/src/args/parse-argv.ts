import { closestMatch } from 'deeptune';
import { UsageError } from '../cli-error.js';
import type { Flag, FlagValue } from './flag.js';
import { describeExpected, parseFlagValue } from './parse-value.js';

/** The command line of one command, split into positionals and checked flag values. */
export interface ParsedArgv {
  /** Arguments that are not flags, in order. */
  readonly positionals: readonly string[];
  /** The flags given on the command line (no defaults), by flag name. */
  readonly values: ReadonlyMap<string, FlagValue>;
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
    if (flag.repeatable === true) {
      const earlier = (values.get(flag.name) as readonly string[] | undefined) ?? [];
      values.set(flag.name, [...earlier, ...(value as readonly string[])]);
    } else if (values.has(flag.name)) {
      throw new UsageError(`--${flag.name} is given twice; give it once`);
    } else {
      values.set(flag.name, value);
    }
  }
  return { positionals, values };
}

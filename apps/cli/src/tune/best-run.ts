import { stringify as stringifyYaml } from 'yaml';
import { configKey, type Flag, type FlagValue } from '../args/flag.js';
import { kebabCase } from '../args/plugin-option-input.js';
import { deriveSeed, type TrialRecord } from 'deeptune';
import type { RunSettings } from './trial-settings.js';
import { writeOwnedFile } from './write-owned-file.js';

/** The first line of a best-config file written by `deeptune tune`. */
const BEST_CONFIG_MARKER = '# deeptune tune: best trial';

/** A word as a shell reads it back: quoted when it holds anything but safe characters. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function formatValue(value: FlagValue | unknown): string {
  if (Array.isArray(value)) return value.map(String).join(',');
  return String(value);
}

/** The settings a run was given, without defaults: flag values and plugin options, in help order. */
function givenSettings(
  settings: RunSettings,
  flags: readonly Flag[],
): { flags: [Flag, FlagValue][]; options: [string, unknown][] } {
  const given: [Flag, FlagValue][] = [];
  for (const flag of flags) {
    const value = settings.values.get(flag.name);
    if (settings.explicit.has(flag.name) && value !== undefined) given.push([flag, value]);
  }
  const options = [...settings.pluginOptions].map(
    ([path, input]) => [path, input.value] as [string, unknown],
  );
  return { flags: given, options };
}

/**
 * The `deeptune train` command line that repeats a trial: the base flags given to
 * `deeptune tune`, the trial's hyperparameters, its `--seed` and the study's `--data-seed`.
 *
 * @param flags - the train flags, in help order.
 */
export function trainCommandLine(settings: RunSettings, flags: readonly Flag[]): string {
  const { flags: given, options } = givenSettings(settings, flags);
  const words = ['deeptune', 'train'];
  for (const [flag, value] of given) {
    if (flag.type === 'boolean')
      words.push(value === true ? `--${flag.name}` : `--no-${flag.name}`);
    else words.push(`--${flag.name}`, shellWord(formatValue(value)));
  }
  for (const [path, value] of options) {
    const dot = path.indexOf('.');
    words.push(
      `--${path.slice(0, dot)}.${kebabCase(path.slice(dot + 1))}`,
      shellWord(formatValue(value)),
    );
  }
  return words.join(' ');
}

/** The config document (`deeptune train --config`) that repeats a trial. */
export function trainConfig(
  settings: RunSettings,
  flags: readonly Flag[],
): Record<string, unknown> {
  const { flags: given, options } = givenSettings(settings, flags);
  const config: Record<string, unknown> = {};
  for (const [flag, value] of given) {
    const mine = options.filter(([path]) => path.startsWith(`${flag.name}.`));
    if (flag.plugin !== undefined && flag.plugin.list !== true && mine.length > 0) {
      config[configKey(flag)] = {
        name: value,
        ...Object.fromEntries(
          mine.map(([path, option]) => [path.slice(flag.name.length + 1), option]),
        ),
      };
    } else {
      config[configKey(flag)] = value;
    }
  }
  return config;
}

/**
 * Writes the best trial's config atomically. An existing file is replaced only when it is a
 * best config written by `deeptune tune` (its first line says so); anything else is left alone.
 *
 * @throws {@link UsageError} for another kind of file at the path or an unknown extension.
 */
export async function writeBestConfig(
  path: string,
  cwd: string,
  config: Record<string, unknown>,
  comment: string,
): Promise<string> {
  return writeOwnedFile(path, cwd, `${BEST_CONFIG_MARKER}${comment}\n${stringifyYaml(config)}`, {
    flag: '--best-config',
    extensions: ['.yaml', '.yml'],
    isOurs: (head) => head.startsWith(BEST_CONFIG_MARKER),
    what: 'a best config written by deeptune tune',
  });
}

/** The best trial as `--json` prints it: its number, value, params, seed and train command. */
export interface BestTrialJson {
  readonly number: number;
  readonly value: number | null;
  readonly params: TrialRecord['params'];
  readonly seed: number;
  readonly command: string | undefined;
}

/** The best trial of a study seeded `studySeed` as `--json` prints it, or null for none. */
export function bestTrialJson(
  best: TrialRecord | undefined,
  studySeed: number,
  command: string | undefined,
): BestTrialJson | null {
  if (best === undefined) return null;
  return {
    number: best.number,
    value: best.value,
    params: best.params,
    seed: deriveSeed(studySeed, best.number),
    command,
  };
}

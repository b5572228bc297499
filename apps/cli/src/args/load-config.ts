import { extname, resolve } from 'node:path';
import { closestMatch } from 'deeptune';
import { readRegularFile } from 'deeptune/node';
import { parseDocument as parseYamlDocument } from 'yaml';
import { UsageError } from '../cli-error.js';
import { configKey, type Flag, type FlagValue } from './flag.js';
import { findDuplicateJsonKey } from './find-duplicate-json-key.js';
import { parseFlagValue, show } from './parse-value.js';
import type { PluginOptionInput } from './plugin-option-input.js';

/** Config files are small; anything larger is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

async function readText(path: string, label = '--config'): Promise<string> {
  try {
    const bytes = await readRegularFile(label, path, {
      maxBytes: MAX_CONFIG_BYTES,
      what: label === '--config' ? 'the config file' : `the ${label} file`,
    });
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    // A config file that cannot be read is a mistake in the invocation: exit code 2.
    const reason =
      error instanceof TypeError ? `'${path}' is not UTF-8 text` : (error as Error).message;
    throw new UsageError(reason.replace(/\.$/, ''));
  }
}

/** Why a parser gave up, in words (a stack overflow means the document nests too deeply). */
function parseFailure(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return 'it nests too deeply (a config file is a flat mapping of options)';
  }
  return (error as Error).message.split('\n')[0]!;
}

/**
 * Parses a YAML config strictly: a syntax error, a duplicate key (named) or a warning (such
 * as an unknown `!!js/function` tag) is refused with its line and column, and alias expansion
 * is bounded, so a "billion laughs" file cannot exhaust memory.
 */
function parseYamlConfig(path: string, text: string, label: string): unknown {
  let document: ReturnType<typeof parseYamlDocument>;
  try {
    document = parseYamlDocument(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new UsageError(`${label}: ${path} is not valid YAML: ${parseFailure(error)}`);
  }
  const problem = document.errors[0] ?? document.warnings[0];
  if (problem !== undefined) {
    const at = problem.linePos?.[0];
    const where = at === undefined ? '' : ` (line ${at.line}, column ${at.col})`;
    let reason = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    if (/call stack/i.test(reason)) reason = parseFailure(new RangeError(reason));
    const line = at === undefined ? '' : (text.split('\n')[at.line - 1] ?? '');
    if (problem.code === 'DUPLICATE_KEY' && at !== undefined) {
      const key = line
        .slice(at.col - 1)
        .split(':')[0]!
        .trim();
      reason = `the key ${show(key)} is given twice; give each key once`;
    } else {
      const key = /^\s*([\w-]+)\s*:/.exec(line)?.[1];
      if (key !== undefined) reason = `key ${show(key)}: ${reason}`;
    }
    throw new UsageError(`${label}: ${path} is not valid YAML${where}: ${reason}`);
  }
  try {
    return document.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    throw new UsageError(`${label}: ${path} cannot be read: ${parseFailure(error)}`);
  }
}

function parseDocument(path: string, text: string, label = '--config'): unknown {
  const extension = extname(path).toLowerCase();
  if (extension === '.json') {
    let document: unknown;
    try {
      document = JSON.parse(text) as unknown;
    } catch (error) {
      throw new UsageError(`${label}: ${path} is not valid JSON: ${(error as Error).message}`);
    }
    const duplicate = findDuplicateJsonKey(text);
    if (duplicate !== undefined) {
      throw new UsageError(
        `${label}: ${path} sets ${show(duplicate.key)} twice (again at line ${duplicate.line}, column ${duplicate.column}); give each key once`,
      );
    }
    return document;
  }
  if (extension === '.yaml' || extension === '.yml') return parseYamlConfig(path, text, label);
  throw new UsageError(
    `${label}: ${path} has extension ${show(extension || '(none)')}; expected .json, .yaml or .yml`,
  );
}

/**
 * Reads a small JSON or YAML document (at most 1 MiB, a regular file, UTF-8) as strictly as a
 * config file: duplicate keys, YAML warnings and deep nesting are refused with the line.
 *
 * @param label - the flag that named the file, for messages (`'--space'`).
 * @throws {@link UsageError} naming `label` and the file.
 */
export async function readDocument(path: string, cwd: string, label: string): Promise<unknown> {
  return parseDocument(path, await readText(resolve(cwd, path), label), label);
}

function isMapping(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One plugin choice in a config file: a name (`'lion'`) or a mapping with the name and the
 * plugin's options (`{ name: 'lion', beta2: 0.98 }`). Returns the name; the options go to
 * `pluginOptions` under `prefix.<option>`.
 */
function readChoice(
  raw: unknown,
  where: string,
  prefix: (name: string) => { readonly path: string; readonly key: string },
  pluginOptions: Map<string, PluginOptionInput>,
  path: string,
): string {
  if (typeof raw === 'string') return raw;
  if (!isMapping(raw) || typeof raw['name'] !== 'string' || raw['name'] === '') {
    throw new UsageError(
      `${where} must be a plugin name or a mapping { name: <plugin>, <option>: <value>, … }, got ${show(raw)}`,
    );
  }
  const name = raw['name'];
  for (const [option, value] of Object.entries(raw)) {
    if (option === 'name') continue;
    const at = prefix(name);
    pluginOptions.set(`${at.path}.${option}`, {
      value,
      fromCommandLine: false,
      where: `key '${at.key}.${option}' in ${path}`,
    });
  }
  return name;
}

/**
 * A config value of a plugin-choice flag (see {@link Flag.plugin}): the plugin name(s), with
 * the options of mappings moved to `pluginOptions`.
 */
function readPluginChoice(
  flag: Flag,
  key: string,
  raw: unknown,
  path: string,
  pluginOptions: Map<string, PluginOptionInput>,
): FlagValue {
  const where = `key '${key}' in ${path}`;
  // Options are stored under the flag's name (`lr-schedule.every`), named as written
  // (`lrSchedule.every`).
  if (flag.plugin?.list !== true) {
    const name = readChoice(raw, where, () => ({ path: flag.name, key }), pluginOptions, path);
    return parseFlagValue(flag, name, where, false);
  }
  if (!Array.isArray(raw)) return parseFlagValue(flag, raw, where, false);
  const names = raw.map((item, index) =>
    readChoice(
      item,
      `${where} (item ${index + 1})`,
      (name) => ({ path: `${flag.name}.${name}`, key: `${key}.${name}` }),
      pluginOptions,
      path,
    ),
  );
  return parseFlagValue(flag, names, where, false);
}

/**
 * Reads a JSON or YAML config file whose keys are the command's flags in camelCase
 * (`batchSize: 128`) or as written on the command line (`batch-size: 128`), and checks every
 * value as the flag would. One file can serve several commands: keys that only other commands
 * take (listed in `otherKeys`, e.g. `epochs` for `gradcheck`) are skipped and reported in
 * `ignored`, so that `deeptune gradcheck --config run.yaml` reads the network of a training
 * config.
 *
 * @param path - the file, relative to `cwd`.
 * @param flags - the command's flags; only configurable ones are valid keys.
 * @param cwd - the working directory.
 * @param otherKeys - the config keys (both spellings) of the other commands.
 * @returns the values by flag name, and the keys skipped as belonging to other commands.
 * @throws {@link UsageError} for an unreadable or malformed file, a document that is not a
 *   mapping, an unknown key (naming the closest valid one) or an invalid value (naming the key
 *   and the file).
 */
export async function loadConfig(
  path: string,
  flags: readonly Flag[],
  cwd: string,
  otherKeys: ReadonlySet<string> = new Set(),
): Promise<{
  readonly values: Map<string, FlagValue>;
  readonly ignored: readonly string[];
  readonly pluginOptions: ReadonlyMap<string, PluginOptionInput>;
}> {
  const absolute = resolve(cwd, path);
  const document = parseDocument(path, await readText(absolute));
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new UsageError(
      `--config: ${path} must hold a mapping of options (e.g. { "epochs": 5 }), got ${show(document)}`,
    );
  }
  const configurable = flags.filter((flag) => flag.configurable !== false);
  const byKey = new Map<string, Flag>();
  for (const flag of configurable) {
    byKey.set(configKey(flag), flag);
    byKey.set(flag.name, flag);
  }
  const values = new Map<string, FlagValue>();
  const pluginOptions = new Map<string, PluginOptionInput>();
  const ignored: string[] = [];
  for (const [key, raw] of Object.entries(document)) {
    const flag = byKey.get(key);
    if (key === 'plugin' || key === 'plugins') {
      throw new UsageError(
        `--config: ${path} sets '${key}', but plugins load only from --plugin on the command line: a config file never runs code. Pass --plugin <module> instead`,
      );
    }
    if (flag === undefined && otherKeys.has(key)) {
      ignored.push(key);
      continue;
    }
    if (flag === undefined) {
      const match = closestMatch(key, configurable.map(configKey));
      throw new UsageError(
        `--config: unknown key '${key}' in ${path}.${match === undefined ? '' : ` Did you mean '${match}'?`} Valid keys: ${configurable.map(configKey).join(', ')}`,
      );
    }
    if (values.has(flag.name)) {
      throw new UsageError(`--config: ${path} sets '${configKey(flag)}' twice`);
    }
    if (flag.repeatable === true && flag.type === 'string') {
      // A repeatable string flag takes a list of strings (or one string) in a config file.
      const items = Array.isArray(raw) ? (raw as unknown[]) : [raw];
      values.set(
        flag.name,
        items.map(
          (item, index) =>
            parseFlagValue(
              flag,
              item,
              `key '${key}' in ${path}${Array.isArray(raw) ? ` (item ${index + 1})` : ''}`,
              false,
            ) as string,
        ),
      );
      continue;
    }
    values.set(
      flag.name,
      flag.plugin === undefined
        ? parseFlagValue(flag, raw, `key '${key}' in ${path}`, false)
        : readPluginChoice(flag, key, raw, path, pluginOptions),
    );
  }
  return { values, ignored, pluginOptions };
}

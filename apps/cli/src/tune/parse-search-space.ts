import {
  checkDistribution,
  searchSpace,
  type Condition,
  type Distribution,
  type ParamValue,
  type Registry,
  type SearchSpace,
} from 'deeptune';
import type { FlagValue } from '../args/flag.js';
import { readDocument } from '../args/load-config.js';
import { parseFlagValue, show } from '../args/parse-value.js';
import { resolvePluginName } from '../args/resolve-plugin-name.js';
import { UsageError } from '../cli-error.js';
import { resolveSearchKey, type SearchTarget } from './search-keys.js';
import { TRIAL_FLAGS } from './trial-flags.js';

/** A search space as the CLI uses it: the space, and what each key sets. */
export interface CliSearchSpace {
  /** The declared space, keys as written by the CLI (`lr`, `batch-size`, `optimizer.beta2`). */
  readonly space: SearchSpace;
  /** What each key sets. */
  readonly targets: ReadonlyMap<string, SearchTarget>;
  /** Where the space came from, for the summary line. */
  readonly source: string;
}

/** One hyperparameter as written, before checking. */
interface WrittenEntry {
  readonly key: string;
  readonly where: string;
  readonly distribution: unknown;
  readonly when: unknown;
}

const SCALE_NAMES = ['uniform', 'int', 'log', 'oneMinusLog', 'choice'] as const;

/** Splits `a, "b,c", d` at commas outside quotes. */
function splitArguments(text: string, where: string): string[] {
  const items: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const char of text) {
    if (quote !== undefined) {
      current += char;
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
      current += char;
    } else if (char === ',') {
      items.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  if (quote !== undefined) throw new UsageError(`${where}: an unclosed ${quote} quote`);
  items.push(current.trim());
  return items;
}

/** A literal: a quoted string, true/false, a number, or a bare word. */
function parseLiteral(text: string, where: string): ParamValue {
  if (text === '') throw new UsageError(`${where}: an empty value`);
  const first = text[0];
  if ((first === '"' || first === "'") && text.endsWith(first) && text.length >= 2) {
    return text.slice(1, -1);
  }
  if (text === 'true' || text === 'false') return text === 'true';
  const number = Number(text);
  if (/^[+-]?(\d|\.\d)/.test(text) && Number.isFinite(number)) return number;
  return text;
}

function parseNumberArgument(text: string, where: string, name: string): number {
  const value = parseLiteral(text, where);
  if (typeof value !== 'number') {
    throw new UsageError(`${where}: ${name} must be a number, got ${show(text)}`);
  }
  return value;
}

/** `log(1e-4, 1)` → `{ scale: 'log', low: 0.0001, high: 1 }` (checked later). */
function parseScaleCall(text: string, where: string): unknown {
  const match = /^\s*([A-Za-z]+)\s*\((.*)\)\s*$/s.exec(text);
  if (match === null) {
    throw new UsageError(
      `${where}: expected a scale such as log(1e-4, 1), oneMinusLog(0.9, 0.999), int(32, 256), uniform(0.5, 1) or choice(adam, momentum), got ${show(text)}`,
    );
  }
  const scale = match[1]!;
  if (!(SCALE_NAMES as readonly string[]).includes(scale)) {
    throw new UsageError(
      `${where}: unknown scale '${scale}'; expected one of ${SCALE_NAMES.join(', ')}`,
    );
  }
  const args = splitArguments(match[2]!, where);
  if (scale === 'choice') {
    return { scale, values: args.map((arg) => parseLiteral(arg, where)) };
  }
  if (args.length !== 2) {
    throw new UsageError(`${where}: ${scale}(low, high) takes 2 numbers, got ${args.length}`);
  }
  return {
    scale,
    low: parseNumberArgument(args[0]!, where, 'low'),
    high: parseNumberArgument(args[1]!, where, 'high'),
  };
}

/** `optimizer=momentum|rmsprop, batchnorm=true` → a condition. */
function parseConditionText(text: string, where: string): Record<string, unknown> {
  const condition: Record<string, unknown> = {};
  for (const part of splitArguments(text, where)) {
    const equals = part.indexOf('=');
    if (equals <= 0) {
      throw new UsageError(`${where}: a condition is key=value[|value…], got ${show(part)}`);
    }
    const values = part
      .slice(equals + 1)
      .split('|')
      .map((value) => parseLiteral(value.trim(), where));
    condition[part.slice(0, equals).trim()] = values.length === 1 ? values[0] : values;
  }
  return condition;
}

/** One `--search key=scale(…) [when …]` value. */
function parseSearchFlag(text: string): WrittenEntry {
  const equals = text.indexOf('=');
  if (equals <= 0) {
    throw new UsageError(
      `--search ${show(text)}: write key=scale(…), e.g. --search lr=log(1e-4,1) or --search "beta=oneMinusLog(0.9,0.999) when optimizer=momentum"`,
    );
  }
  const key = text.slice(0, equals).trim();
  const rest = text.slice(equals + 1);
  const where = `--search ${key}`;
  const whenAt = rest.search(/\)\s+when\s+/);
  const spec = whenAt < 0 ? rest : rest.slice(0, whenAt + 1);
  const when =
    whenAt < 0
      ? undefined
      : parseConditionText(rest.slice(whenAt + 1).replace(/^\s+when\s+/, ''), where);
  return { key, where, distribution: parseScaleCall(spec, where), when };
}

/** The entries of a `--space` file: `key: log(1e-4, 1)` or `key: { scale: log, low: …, high: …, when: {…} }`. */
function readSpaceDocument(document: unknown, path: string): WrittenEntry[] {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new UsageError(
      `--space: ${path} must hold a mapping of hyperparameters to scales (e.g. lr: log(1e-4, 1)), got ${show(document)}`,
    );
  }
  const entries: WrittenEntry[] = [];
  for (const [key, raw] of Object.entries(document as Record<string, unknown>)) {
    const where = `key '${key}' in ${path}`;
    if (typeof raw === 'string') {
      entries.push({ key, where, distribution: parseScaleCall(raw, where), when: undefined });
      continue;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new UsageError(
        `${where}: expected a scale such as log(1e-4, 1) or { scale: log, low: 0.0001, high: 1 }, got ${show(raw)}`,
      );
    }
    const { when, sample, ...distribution } = raw as Record<string, unknown>;
    entries.push({
      key,
      where,
      distribution: typeof sample === 'string' ? parseScaleCall(sample, where) : distribution,
      when,
    });
  }
  return entries;
}

/** The space the CLI searches when none is given: the course's first two priorities. */
function defaultSearchEntries(optimizer: string, registry: Registry): WrittenEntry[] {
  const schema = registry.has('optimizer', optimizer)
    ? registry.get('optimizer', optimizer).options
    : {};
  const usesBeta = ('momentum' in schema || 'beta' in schema) && !('beta1' in schema);
  const where = 'the default search space';
  return [
    { key: 'lr', where, distribution: { scale: 'log', low: 1e-4, high: 1 }, when: undefined },
    ...(usesBeta
      ? [
          {
            key: 'beta',
            where,
            distribution: { scale: 'oneMinusLog', low: 0.9, high: 0.999 },
            when: undefined,
          },
        ]
      : []),
    {
      key: 'batch-size',
      where,
      distribution: { scale: 'choice', values: [32, 64, 128, 256, 512] },
      when: undefined,
    },
    {
      key: 'hidden-units',
      where,
      distribution: { scale: 'int', low: 32, high: 256 },
      when: undefined,
    },
  ];
}

/** Checks that every value of a distribution is one the target accepts. */
function checkValues(
  target: SearchTarget,
  distribution: Distribution,
  where: string,
  registry: Registry,
): Distribution {
  const values: readonly ParamValue[] =
    distribution.scale === 'choice' ? distribution.values : [distribution.low, distribution.high];
  if (target.kind === 'plugin-option') return distribution; // checked by the plugin's schema per trial
  if (target.kind === 'layers') {
    if (distribution.scale !== 'int' && distribution.scale !== 'choice') {
      throw new UsageError(`${where}: '${target.key}' takes integers: use int(a, b) or choice(…)`);
    }
    for (const value of values) {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
        throw new UsageError(
          `${where}: '${target.key}' must be an integer ≥ 1, got ${show(value)}`,
        );
      }
    }
    return distribution;
  }
  const { flag } = target;
  const numeric = flag.type === 'number' || flag.type === 'integer' || flag.type === 'numberList';
  if (!numeric && distribution.scale !== 'choice') {
    throw new UsageError(
      `${where}: --${flag.name} takes ${flag.type === 'boolean' ? 'true or false' : 'names'}: use choice(…)`,
    );
  }
  if (
    (flag.type === 'integer' || flag.integer === true) &&
    distribution.scale !== 'int' &&
    distribution.scale !== 'choice'
  ) {
    throw new UsageError(`${where}: --${flag.name} takes integers: use int(a, b) or choice(…)`);
  }
  if (flag.plugin !== undefined && distribution.scale === 'choice') {
    const resolved = distribution.values.map((value) =>
      typeof value === 'string' && !(flag.plugin!.special ?? []).includes(value)
        ? resolvePluginName(registry, flag.plugin!.kind, value, where)
        : value,
    );
    for (const value of resolved) parseFlagValue(flag, value, where, false);
    return checkDistribution(where, { scale: 'choice', values: resolved });
  }
  for (const value of values) {
    const raw = flag.type === 'numberList' && typeof value === 'number' ? [value] : value;
    parseFlagValue(flag, raw, where, typeof value === 'string');
  }
  return distribution;
}

/**
 * Which plugins each plugin flag (`optimizer`, …) may choose in a search: its searched
 * values when the space has it as a choice, else the base run's value; names resolved in
 * `registry` (a plugin package's `name` is found as `pkg:name`).
 */
function pluginChoicesOf(
  entries: readonly { readonly key: string; readonly distribution: unknown }[],
  values: ReadonlyMap<string, FlagValue>,
  registry: Registry,
): (flag: string) => readonly string[] {
  return (flag) => {
    const entry = entries.find((candidate) => candidate.key === flag);
    const given = entry?.distribution as { scale?: unknown; values?: unknown } | undefined;
    const names =
      given?.scale === 'choice' && Array.isArray(given.values)
        ? (given.values as unknown[]).map(String)
        : [String(values.get(flag))];
    const kind = TRIAL_FLAGS.find((candidate) => candidate.name === flag)!.plugin!.kind;
    return names.map((name) =>
      registry.has(kind, name)
        ? name
        : (registry.names(kind).find((candidate) => candidate.endsWith(`:${name}`)) ?? name),
    );
  };
}

/**
 * What each key of a stored study's space varies (`lr` → `--lr`), for a worker that joins
 * the study: the keys were resolved when the study was created, so they resolve here too
 * unless a plugin they name is not loaded.
 *
 * @throws {@link UsageError} naming the key when it does not resolve here.
 */
export function targetsOfSpace(
  space: SearchSpace,
  values: ReadonlyMap<string, FlagValue>,
  registry: Registry,
  where: string,
): Map<string, SearchTarget> {
  const entries = space.entries.map((entry) => ({
    key: entry.name,
    distribution: entry.distribution,
  }));
  const pluginChoices = pluginChoicesOf(entries, values, registry);
  const targets = new Map<string, SearchTarget>();
  for (const entry of space.entries) {
    targets.set(
      entry.name,
      resolveSearchKey(entry.name, `${where}: key '${entry.name}'`, registry, pluginChoices),
    );
  }
  return targets;
}

/**
 * The search space of a `deeptune tune` run: the `--space` file's entries, then `--search`
 * values (replacing a file entry of the same key in place), or the default space.
 *
 * @throws {@link UsageError} or {@link ConfigError} naming the key and where it was written.
 */
export async function loadSearchSpace(settings: {
  readonly values: ReadonlyMap<string, FlagValue>;
  readonly registry: Registry;
  readonly cwd: string;
}): Promise<CliSearchSpace> {
  const { values, registry, cwd } = settings;
  const written: WrittenEntry[] = [];
  const spacePath = values.get('space') as string | undefined;
  if (spacePath !== undefined) {
    written.push(...readSpaceDocument(await readDocument(spacePath, cwd, '--space'), spacePath));
  }
  for (const text of (values.get('search') as readonly string[] | undefined) ?? []) {
    const entry = parseSearchFlag(text);
    const same = written.findIndex((other) => other.key === entry.key);
    if (same >= 0) written[same] = entry;
    else written.push(entry);
  }
  const source =
    written.length === 0
      ? 'the default space (the course’s priorities: α, then β, mini-batch size and hidden units)'
      : [
          spacePath,
          (values.get('search') as readonly string[] | undefined)?.length ? '--search' : undefined,
        ]
          .filter((part) => part !== undefined)
          .join(' and ');
  if (written.length === 0)
    written.push(...defaultSearchEntries(values.get('optimizer') as string, registry));

  const pluginChoices = pluginChoicesOf(written, values, registry);

  const targets = new Map<string, SearchTarget>();
  const definition: Record<string, { distribution: Distribution; when?: Condition }> = {};
  for (const entry of written) {
    const target = resolveSearchKey(entry.key, entry.where, registry, pluginChoices);
    if (targets.has(target.key)) {
      throw new UsageError(`${entry.where}: '${target.key}' is given twice (as '${entry.key}')`);
    }
    const distribution = checkValues(
      target,
      checkDistribution(entry.where, entry.distribution),
      entry.where,
      registry,
    );
    let when: Condition | undefined;
    if (entry.when !== undefined) {
      if (typeof entry.when !== 'object' || entry.when === null || Array.isArray(entry.when)) {
        throw new UsageError(
          `${entry.where}: 'when' must map earlier keys to values, e.g. { optimizer: momentum }, got ${show(entry.when)}`,
        );
      }
      const condition: Record<string, ParamValue | readonly ParamValue[]> = {};
      for (const [key, value] of Object.entries(entry.when as Record<string, unknown>)) {
        const parent = [...targets.values()].find(
          (candidate) => candidate.key === key || candidate.key === resolveKeyName(key),
        );
        const parentKey = parent?.key ?? key;
        const list = (Array.isArray(value) ? value : [value]) as ParamValue[];
        const resolved = list.map((item) =>
          parent?.kind === 'flag' && parent.flag.plugin !== undefined && typeof item === 'string'
            ? resolvePluginName(registry, parent.flag.plugin.kind, item, entry.where)
            : item,
        );
        condition[parentKey] = Array.isArray(value) ? resolved : resolved[0]!;
      }
      when = condition;
    }
    targets.set(target.key, target);
    definition[target.key] = when === undefined ? { distribution } : { distribution, when };
  }
  return { space: searchSpace(definition), targets, source };
}

/** `batchSize` → `batch-size`, for condition keys written in config spelling. */
function resolveKeyName(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

import type { ParamValue } from 'deeptune';
import type { FlagValue } from '../args/flag.js';
import { parseFlagValue } from '../args/parse-value.js';
import type { PluginOptionInput } from '../args/plugin-option-input.js';
import type { SearchTarget } from './search-keys.js';

/** The settings of one training run: flag values, which were given, and plugin options. */
export interface RunSettings {
  /** Every flag's value by name, defaults included. */
  readonly values: ReadonlyMap<string, FlagValue>;
  /** The flags set by the user or the search (not defaults). */
  readonly explicit: ReadonlySet<string>;
  /** Options of chosen plugins by path (`optimizer.beta2`). */
  readonly pluginOptions: ReadonlyMap<string, PluginOptionInput>;
}

/** A searched value as the flag takes it: `0.8` for `--keep-prob` is `[0.8]`. */
function flagValue(target: Extract<SearchTarget, { kind: 'flag' }>, value: ParamValue): FlagValue {
  const { flag } = target;
  const where = `search key '${target.key}'`;
  if (flag.type === 'numberList' && typeof value === 'number') return [value];
  return parseFlagValue(flag, value, where, typeof value === 'string' && flag.type !== 'string');
}

/**
 * The settings of a trial: the base run's, with the trial's hyperparameters applied, trained
 * with the trial's own seed on the base run's data (`--data-seed`: the base `--data-seed`,
 * else the base `--seed`), so every trial sees the same train and dev examples.
 */
export function trialSettings(
  base: RunSettings,
  targets: ReadonlyMap<string, SearchTarget>,
  params: Readonly<Record<string, ParamValue>>,
  trialSeed: number,
): RunSettings {
  const values = new Map(base.values);
  const explicit = new Set(base.explicit);
  const pluginOptions = new Map(base.pluginOptions);
  const set = (name: string, value: FlagValue): void => {
    values.set(name, value);
    explicit.add(name);
  };
  for (const [key, value] of Object.entries(params)) {
    const target = targets.get(key);
    if (target === undefined) continue;
    if (target.kind === 'flag') set(target.flag.name, flagValue(target, value));
    else if (target.kind === 'plugin-option') {
      pluginOptions.set(key, { value, fromCommandLine: false, where: `search key '${key}'` });
    }
  }
  const units = params['hidden-units'] as number | undefined;
  const count = params['hidden-layers'] as number | undefined;
  if (units !== undefined || count !== undefined) {
    const layers = (values.get('layers') as readonly number[] | undefined) ?? [];
    const width = units ?? layers[0] ?? 64;
    set(
      'layers',
      count === undefined
        ? layers.length === 0
          ? [width]
          : layers.map(() => width)
        : Array.from({ length: count }, (_, l) => units ?? layers[l] ?? width),
    );
  }
  set('data-seed', (base.values.get('data-seed') ?? base.values.get('seed') ?? 0) as number);
  set('seed', trialSeed);
  return { values, explicit, pluginOptions };
}

import type { Registry } from 'deeptune';
import type { Flag } from '../args/flag.js';
import { camelCase, kebabCase } from '../args/plugin-option-input.js';
import { UsageError } from '../cli-error.js';
import { TRIAL_FLAGS } from './trial-flags.js';

/** The `deeptune train` flags a search may vary, by name. */
const SEARCHABLE_FLAGS = [
  'lr',
  'beta',
  'beta1',
  'beta2',
  'eps',
  'weight-decay',
  'clip-norm',
  'batch-size',
  'optimizer',
  'lr-schedule',
  'lr-decay',
  'layers',
  'activation',
  'init',
  'batchnorm',
  'keep-prob',
  'l2',
  'l1',
  'epochs',
] as const;

/** The flags whose plugin options a search may vary: `optimizer.beta2`, `lr-schedule.decay-rate`. */
const PLUGIN_OPTION_FLAGS = ['optimizer', 'lr-schedule', 'activation', 'init'] as const;

/** Keys that stand for a part of `--layers`: every hidden layer's width, and their number. */
const LAYER_KEYS = ['hidden-units', 'hidden-layers'] as const;

/** What a search-space key varies. */
export type SearchTarget =
  | { readonly kind: 'flag'; readonly key: string; readonly flag: Flag }
  | { readonly kind: 'layers'; readonly key: 'hidden-units' | 'hidden-layers' }
  | {
      readonly kind: 'plugin-option';
      readonly key: string;
      readonly flag: Flag;
      /** The option's schema name, e.g. `beta2`. */
      readonly option: string;
    };

/** Every flag `deeptune train` takes that matters here. */
function trainFlag(name: string): Flag | undefined {
  return TRIAL_FLAGS.find((flag) => flag.name === name);
}

/** The keys a search space accepts, for messages. */
function searchKeyNames(): readonly string[] {
  return [
    ...SEARCHABLE_FLAGS,
    ...LAYER_KEYS,
    ...PLUGIN_OPTION_FLAGS.map((flag) => `${flag}.<option>`),
  ];
}

/**
 * Resolves a search-space key, written as a `deeptune train` flag (`batch-size`), its config
 * spelling (`batchSize`), a layer key (`hidden-units`) or a plugin option
 * (`optimizer.beta2`), whose option must exist in one of the plugins the flag can choose.
 *
 * @param pluginNames - for each plugin flag, the plugins it may choose in this study.
 * @throws {@link UsageError} naming the key and the valid ones.
 */
export function resolveSearchKey(
  key: string,
  where: string,
  registry: Registry,
  pluginNames: (flag: string) => readonly string[],
): SearchTarget {
  const dot = key.indexOf('.');
  if (dot > 0) {
    const flagName = kebabCase(key.slice(0, dot));
    const option = camelCase(key.slice(dot + 1));
    if (!(PLUGIN_OPTION_FLAGS as readonly string[]).includes(flagName)) {
      throw new UsageError(
        `${where}: '${key}' is not a searchable key: plugin options can be searched for ${PLUGIN_OPTION_FLAGS.map((flag) => `${flag}.<option>`).join(', ')}`,
      );
    }
    const flag = trainFlag(flagName)!;
    const kind = flag.plugin!.kind;
    const names = pluginNames(flagName).filter((name) => name !== 'none');
    const known = new Set<string>();
    for (const name of names) {
      if (!registry.has(kind, name)) continue;
      for (const optionName of Object.keys(registry.get(kind, name).options)) known.add(optionName);
    }
    if (!known.has(option)) {
      throw new UsageError(
        `${where}: '${key}': ${names.length === 1 ? `${kind} '${names[0]}' has` : `none of the ${kind}s ${names.map((name) => `'${name}'`).join(', ')} has`} no option '${kebabCase(option)}'${known.size === 0 ? '' : `; its options: ${[...known].map(kebabCase).join(', ')}`}`,
      );
    }
    return { kind: 'plugin-option', key: `${flagName}.${option}`, flag, option };
  }
  const name = kebabCase(key);
  if (name === 'hidden-units' || name === 'hidden-layers') return { kind: 'layers', key: name };
  if ((SEARCHABLE_FLAGS as readonly string[]).includes(name)) {
    return { kind: 'flag', key: name, flag: trainFlag(name)! };
  }
  throw new UsageError(
    `${where}: unknown hyperparameter '${key}'${trainFlag(name) === undefined ? '' : ` (--${name} describes the data or the run, not a hyperparameter to search)`}. Searchable keys: ${searchKeyNames().join(', ')}`,
  );
}

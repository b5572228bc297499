import {
  badOptionValues,
  requiredOptionValues,
  type ValidOptionValueSettings,
} from '@deeptune/core/testing';
import {
  Rng,
  reduceOnPlateau,
  validateOptions,
  type PluginEntry,
  type PluginKind,
  type Registry,
} from '../../src/index.js';

/**
 * Valid values of the custom option types of the built-in plugins, by `typeName`: the only
 * values a schema cannot describe. Everything else is derived from the schemas.
 */
export const customOptionValues: ValidOptionValueSettings = {
  custom: {
    'an Rng': () => new Rng(0),
    "a reduce-on-plateau schedule (reduceOnPlateau(...); other schedules go straight into the optimizer's learningRate)":
      () => reduceOnPlateau({ initialLearningRate: 0.1 }),
    'function (event) => void': () => () => undefined,
  },
};

/**
 * Valid values of required string options that name other plugins, which a schema cannot
 * list (any registered activation is valid): the activation layer needs a real activation.
 */
const PLUGIN_NAMED_VALUES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'layer/activation': { activation: 'relu' },
};

/** Valid values of a plugin's required options: derived from its schema, plus {@link PLUGIN_NAMED_VALUES}. */
export function validRequiredOptions(
  entry: PluginEntry,
  settings: ValidOptionValueSettings = customOptionValues,
): Record<string, unknown> {
  return {
    ...requiredOptionValues(entry.options, settings),
    ...PLUGIN_NAMED_VALUES[`${entry.kind}/${entry.name}`],
  };
}

/** An error as the tests compare it: its class name, its `code` and its message. */
export interface ErrorShape {
  readonly class: string;
  readonly code: unknown;
  readonly message: string;
}

/** What `run` throws, as an {@link ErrorShape}, or `'no error'`. */
export function thrownBy(run: () => unknown): ErrorShape | 'no error' {
  try {
    run();
  } catch (error) {
    if (!(error instanceof Error))
      return { class: typeof error, code: undefined, message: String(error) };
    return {
      class: error.constructor.name,
      code: (error as { code?: unknown }).code,
      message: error.message,
    };
  }
  return 'no error';
}

/** One bad value of one option of one plugin, with the options object that carries it. */
export interface BadOptionCase {
  /** The plugin's kind, e.g. `'regularizer'`. */
  readonly kind: PluginKind;
  /** The plugin's name, e.g. `'l2'`. */
  readonly name: string;
  /** The option that gets the bad value, e.g. `'lambda'`. */
  readonly option: string;
  /** What is wrong with the value, e.g. `'below the minimum 0'`. */
  readonly description: string;
  /** The bad value. */
  readonly value: unknown;
  /** Valid values for the required options, plus `option: value`. */
  readonly options: Readonly<Record<string, unknown>>;
  /** The error `validateOptions` reports for these options with the plugin's schema. */
  readonly expected: ErrorShape | 'no error';
  /** A readable title for the test, e.g. `regularizer 'l2' option 'lambda': below the minimum 0 (-1)`. */
  readonly title: string;
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (value === null) return 'null';
  if (typeof value === 'object') return '{}';
  return String(value);
}

/** The `where` of a plugin's messages, as `definePlugin` writes it: `regularizer 'l2'`. */
export function whereOf(entry: Pick<PluginEntry, 'kind' | 'name'>): string {
  return `${entry.kind} '${entry.name}'`;
}

/**
 * Every bad value of every option of every plugin in `registry`, generated from the
 * schemas (not a hand-kept list): for a CLI test, the same cases as flags or config keys.
 *
 * @param registry - e.g. `createDefaultRegistry()`.
 * @param settings - valid values of custom option types (default {@link customOptionValues}).
 */
export function badOptionCases(
  registry: Registry,
  settings: ValidOptionValueSettings = customOptionValues,
): BadOptionCase[] {
  const cases: BadOptionCase[] = [];
  for (const entry of registry.list()) {
    const required = validRequiredOptions(entry, settings);
    for (const [option, spec] of Object.entries(entry.options)) {
      for (const { description, value } of badOptionValues(spec)) {
        const options = { ...required, [option]: value };
        cases.push({
          kind: entry.kind,
          name: entry.name,
          option,
          description,
          value,
          options,
          expected: thrownBy(() => validateOptions(whereOf(entry), entry.options, options)),
          title: `${whereOf(entry)} option '${option}': ${description} (${show(value)})`,
        });
      }
    }
  }
  return cases;
}

/** `'early-stopping'` → `'earlyStopping'`, `'acme:lion'` → `'acmeLion'`. */
export function camelCase(name: string): string {
  return name.replace(/[-:]([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

function isClass(value: unknown): value is new (options: unknown) => unknown {
  return typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value));
}

/** How the public API creates a plugin's product from options. */
export interface PublicFactory {
  /** How it is called, e.g. `l2(options)` or `new Dropout(options)`. */
  readonly label: string;
  /** Calls it. */
  readonly call: (options: unknown) => unknown;
}

/**
 * Finds the public factory of a plugin among a module's exports: an export that is the
 * entry's own `create`, else a function named after the plugin in camelCase (`l2`,
 * `earlyStopping`) or in camelCase followed by its kind (`manualSchedule`,
 * `constantInitializer`), else a class named after it in PascalCase (`new Dropout(options)`,
 * the layers' public form). `undefined` when there is none.
 */
export function publicFactory(
  exports: Readonly<Record<string, unknown>>,
  entry: Pick<PluginEntry, 'kind' | 'name' | 'create'>,
): PublicFactory | undefined {
  for (const [exportName, value] of Object.entries(exports)) {
    if (value === entry.create) {
      return { label: `${exportName}(options)`, call: (options) => entry.create(options as never) };
    }
  }
  const camel = camelCase(entry.name);
  const kind = entry.kind.charAt(0).toUpperCase() + entry.kind.slice(1);
  // Searchers create samplers: `gridSampler`, `randomSampler`.
  const suffixes = entry.kind === 'searcher' ? [kind, 'Sampler'] : [kind];
  for (const name of [camel, ...suffixes.map((suffix) => `${camel}${suffix}`)]) {
    const candidate = exports[name];
    if (typeof candidate === 'function' && !isClass(candidate)) {
      return {
        label: `${name}(options)`,
        call: (options) => (candidate as (options: unknown) => unknown)(options),
      };
    }
  }
  const pascal = camel.charAt(0).toUpperCase() + camel.slice(1);
  const constructor = exports[pascal];
  if (isClass(constructor)) {
    return { label: `new ${pascal}(options)`, call: (options) => new constructor(options) };
  }
  return undefined;
}

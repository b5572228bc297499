import { assertCompatibleCopy, THIS_CORE_COPY } from '../copies/core-copy.js';
import { defineBrand } from '../copies/define-brand.js';
import { ConfigError } from '../errors/config-error.js';
import { IncompatiblePluginError } from '../errors/incompatible-plugin-error.js';
import { PluginConflictError } from '../errors/plugin-conflict-error.js';
import { UnknownPluginError } from '../errors/unknown-plugin-error.js';
import { assertPluginEntry } from './check-plugin-entry.js';
import { didYouMean } from './closest-match.js';
import type { PluginPackage } from './define-plugin-package.js';
import type { PluginEntry } from './define-plugin.js';
import { describeValue } from '../format/describe-value.js';
import type { PluginEntryFor, PluginOptionsFor, PluginProductFor } from './known-plugins.js';
import { PLUGIN_API_VERSION } from './plugin-api-version.js';
import type { PluginContext } from './plugin-context.js';
import { pluginEntryBrand } from './plugin-entry-brand.js';
import { isPluginKind, PLUGIN_KINDS, type PluginKind } from './plugin-kinds.js';

const registryBrand = defineBrand<Registry>('deeptune.core.Registry', 'a Registry');

/** Undoes a registration. Calling it again does nothing. */
export type Disposer = () => void;

/** Options of `registry.register` and `registry.use`. */
export interface RegisterOptions {
  /**
   * Replace a different entry already registered under the same kind and name, instead of
   * throwing `PluginConflictError`. The disposer of the call restores the replaced entry.
   * @defaultValue false
   */
  readonly override?: boolean;
}

interface Registration {
  readonly entry: PluginEntry;
  /** The package that registered it, for messages. */
  readonly source: string | undefined;
  /** The registration it replaced with `override`, restored when it is disposed. */
  readonly previous: Registration | undefined;
  disposed: boolean;
}

function sameEntry(a: PluginEntry, b: PluginEntry): boolean {
  return (
    a === b ||
    (a.kind === b.kind &&
      a.name === b.name &&
      a.description === b.description &&
      a.apiVersion === b.apiVersion &&
      a.options === b.options &&
      a.factory === b.factory &&
      a.stateShapes === b.stateShapes)
  );
}

function from(source: string | undefined): string {
  return source === undefined ? '' : ` from ${source}`;
}

/**
 * An index of named plugins by kind: the way apps, config files and the CLI create
 * optimizers, layers, backends… from names and options.
 *
 * Registries are instances: `createRegistry()` makes an empty one, the `deeptune` umbrella
 * package fills one with every built-in plugin, and `getDefaultRegistry()` returns a
 * replaceable default. The registry is an index, never the only way in: `registry.create`
 * calls the entry's own `create`, which validates the options through the entry's schema,
 * so a plugin imported directly behaves the same.
 *
 * - Registering the same entry again (or an identical one) does nothing; a different
 *   entry under a taken kind and name throws {@link PluginConflictError} unless
 *   `{ override: true }` is given.
 * - Every registration returns a {@link Disposer} that undoes exactly that registration.
 * - Looking up an unknown name throws {@link UnknownPluginError} listing the known names of
 *   that kind and the closest match.
 *
 * @example
 * ```ts
 * const registry = createRegistry();
 * registry.use(optimizersPlugin); // @deeptune/optimizers' `plugin`
 * const unregister = registry.register(
 *   definePlugin({
 *     kind: 'initializer',
 *     name: 'acme:constant',
 *     description: 'Fills weights with one value.',
 *     options: { value: option.number({ default: 0 }) },
 *     create: ({ value }) => (shape, { dtype }) => full(shape, value, { dtype }),
 *   }),
 * );
 *
 * registry.create('optimizer', 'adam', { learningRate: 3e-4 });
 * registry.names('initializer'); // ['acme:constant', …]
 * registry.create('optimizer', 'adma');
 * // UnknownPluginError: registry.create: unknown optimizer 'adma'. Did you mean 'adam'? Known
 * // optimizer plugins: adam, adamw, momentum, rmsprop, sgd.
 * unregister();
 * ```
 */
export class Registry {
  readonly #tables = new Map<PluginKind, Map<string, Registration>>();
  /** What `create` passes to factories: this registry creates the plugins they build on. */
  readonly #context: PluginContext = Object.freeze({ registry: this });

  static {
    registryBrand.mark(this.prototype);
  }

  /**
   * Whether `value` is a registry of this or of a compatible copy of `@deeptune/core`; use
   * it instead of `instanceof`, which only knows this copy.
   *
   * @throws {@link IncompatibleCopyError} when `value` is a registry of an incompatible copy.
   */
  static isRegistry(value: unknown): value is Registry {
    return registryBrand.is(value);
  }

  /**
   * Adds one plugin entry.
   *
   * @param entry - an entry made with `definePlugin`.
   * @param options - `override: true` replaces a different entry of the same kind and name.
   * @returns a disposer that removes the entry again (restoring a replaced one); a no-op
   * disposer when the same entry was already registered.
   * @throws {@link PluginConflictError} when a different entry has the same kind and name.
   * @throws {@link IncompatiblePluginError} when the entry's `apiVersion` is not
   * {@link PLUGIN_API_VERSION}.
   * @throws {@link IncompatibleCopyError} when the entry was made by an incompatible copy of
   * `@deeptune/core` (a plugin's own install of another release).
   * @throws {@link ConfigError} when `entry` is not a plugin entry.
   */
  register(entry: PluginEntry, options: RegisterOptions = {}): Disposer {
    return this.#add('registry.register', [entry], options, undefined);
  }

  /**
   * Adds every entry of a plugin package, all or nothing: if one entry conflicts or is
   * incompatible, none is added.
   *
   * @param pluginPackage - a package's `plugin`, made with `definePluginPackage`.
   * @param options - `override: true` replaces different entries of the same kind and name.
   * @returns a disposer that removes what this call added.
   * @throws {@link PluginConflictError}, {@link IncompatiblePluginError} or
   * {@link ConfigError} as {@link Registry.register} does, naming the package.
   */
  use(pluginPackage: PluginPackage, options: RegisterOptions = {}): Disposer {
    if (
      typeof pluginPackage !== 'object' ||
      pluginPackage === null ||
      typeof pluginPackage.name !== 'string' ||
      !Array.isArray(pluginPackage.entries)
    ) {
      throw new ConfigError(
        `registry.use: expected a plugin package (made with definePluginPackage), got ${describeValue(pluginPackage)}`,
      );
    }
    return this.#add(
      `registry.use(${describeValue(pluginPackage.name)})`,
      pluginPackage.entries,
      options,
      pluginPackage.name,
    );
  }

  /**
   * Whether a plugin of this kind and name is registered.
   *
   * @throws {@link UnknownPluginError} when `kind` is not a plugin kind.
   */
  has(kind: PluginKind, name: string): boolean {
    return this.#table('registry.has', kind).has(name);
  }

  /**
   * The entry registered under a kind and name.
   *
   * @throws {@link UnknownPluginError} when nothing is registered under that name (the
   * message lists the known names of the kind and the closest match), or the kind is unknown.
   */
  get<K extends PluginKind, N extends string>(kind: K, name: N): PluginEntryFor<K, N> {
    return this.#lookup('registry.get', kind, name) as PluginEntryFor<K, N>;
  }

  /**
   * Creates a plugin's product by name: validates `options` through the entry's schema,
   * fills defaults, and calls its factory, exactly like calling `entry.create(options)`,
   * except that the factory's {@link PluginContext} names this registry (so a layer created
   * here finds the activation plugins registered here, not in the default registry).
   *
   * @param kind - the plugin kind, e.g. `'optimizer'`.
   * @param name - the plugin name, e.g. `'adam'`.
   * @param options - the plugin's options; typed when the plugin is listed in `KnownPlugins`.
   * @returns the product, typed by `PluginProducts` (`Backend` for `'backend'`), or exactly
   * when the plugin is listed in `KnownPlugins`.
   * @throws {@link UnknownPluginError} when the name or kind is unknown.
   * @throws {@link ConfigError} when the options are invalid, e.g.
   * `optimizer 'adam': option 'learningRate' must be > 0, got -1`.
   */
  create<K extends PluginKind, N extends string>(
    kind: K,
    name: N,
    options?: PluginOptionsFor<K, N>,
  ): PluginProductFor<K, N> {
    const entry = this.#lookup('registry.create', kind, name);
    // Entries of an older compatible copy of core ignore the context; their factories
    // take options only.
    const creator = entry as { create(options?: unknown, context?: PluginContext): unknown };
    return creator.create(options, this.#context) as PluginProductFor<K, N>;
  }

  /**
   * The registered entries of one kind sorted by name, or of every kind (in
   * {@link PLUGIN_KINDS} order, then by name).
   *
   * @throws {@link UnknownPluginError} when `kind` is not a plugin kind.
   */
  list<K extends PluginKind>(kind?: K): PluginEntry<K>[] {
    const kinds: readonly PluginKind[] =
      kind === undefined ? PLUGIN_KINDS : [this.#checkedKind('registry.list', kind)];
    return kinds.flatMap((each) =>
      this.names(each).map((name) => this.#tables.get(each)!.get(name)!.entry as PluginEntry<K>),
    );
  }

  /**
   * The registered names of one kind, sorted.
   *
   * @throws {@link UnknownPluginError} when `kind` is not a plugin kind.
   */
  names(kind: PluginKind): string[] {
    return [...this.#table('registry.names', kind).keys()].sort();
  }

  #checkedKind(where: string, kind: unknown): PluginKind {
    if (isPluginKind(kind)) return kind;
    const hint = typeof kind === 'string' ? didYouMean(kind, PLUGIN_KINDS) : '';
    throw new UnknownPluginError(
      `${where}: unknown plugin kind ${describeValue(kind)}.${hint} Known kinds: ${[...PLUGIN_KINDS].sort().join(', ')}.`,
    );
  }

  #table(where: string, kind: unknown): Map<string, Registration> {
    const checked = this.#checkedKind(where, kind);
    let table = this.#tables.get(checked);
    if (table === undefined) {
      table = new Map();
      this.#tables.set(checked, table);
    }
    return table;
  }

  #lookup(where: string, kind: PluginKind, name: string): PluginEntry {
    const table = this.#table(where, kind);
    if (typeof name !== 'string') {
      throw new ConfigError(
        `${where}: the ${kind} name must be a string, got ${describeValue(name)}`,
      );
    }
    const registration = table.get(name);
    if (registration !== undefined) return registration.entry;
    const names = this.names(kind);
    if (names.length === 0) {
      throw new UnknownPluginError(
        `${where}: unknown ${kind} ${describeValue(name)}; no ${kind} plugins are registered. Hint: add plugins with registry.use(plugin); createDefaultRegistry() from the deeptune package includes every built-in plugin.`,
      );
    }
    throw new UnknownPluginError(
      `${where}: unknown ${kind} ${describeValue(name)}.${didYouMean(name, names)} Known ${kind} plugins: ${names.join(', ')}.`,
    );
  }

  #add(
    where: string,
    entries: readonly PluginEntry[],
    options: RegisterOptions,
    source: string | undefined,
  ): Disposer {
    if (typeof options !== 'object' || options === null) {
      throw new ConfigError(`${where}: options must be an object, got ${describeValue(options)}`);
    }
    if (options.override !== undefined && typeof options.override !== 'boolean') {
      throw new ConfigError(
        `${where}: option 'override' must be true or false, got ${describeValue(options.override)}`,
      );
    }
    const override = options.override === true;
    // Check everything first, so that a failing call changes nothing.
    const planned: PluginEntry[] = [];
    const batch = new Map<string, PluginEntry>();
    for (const entry of entries) {
      assertPluginEntry(where, entry);
      const label = `${entry.kind} '${entry.name}'`;
      // An entry made by definePlugin of another copy of core carries that copy's version.
      const copy = (entry as unknown as Record<symbol, unknown>)[pluginEntryBrand.symbol];
      if (copy !== undefined && copy !== THIS_CORE_COPY) {
        assertCompatibleCopy(copy, `${where}: ${label}${from(source)}`);
      }
      if (entry.apiVersion !== PLUGIN_API_VERSION) {
        throw new IncompatiblePluginError(
          `${where}: ${label}${from(source)} was written for plugin API version ${entry.apiVersion}, but this @deeptune/core supports version ${PLUGIN_API_VERSION}. Hint: install matching releases of the plugin and of @deeptune/core.`,
        );
      }
      const key = `${entry.kind}/${entry.name}`;
      const earlier = batch.get(key);
      if (earlier !== undefined) {
        if (sameEntry(earlier, entry)) continue;
        throw new PluginConflictError(
          `${where}: two different entries are named ${label}. Hint: rename one of them.`,
        );
      }
      batch.set(key, entry);
      const current = this.#table(where, entry.kind).get(entry.name);
      if (current !== undefined && sameEntry(current.entry, entry)) continue;
      if (current !== undefined && !override) {
        throw new PluginConflictError(
          `${where}: ${label}${from(source)} conflicts with a different entry already registered${from(current.source)}. Hint: choose another name${entry.name.includes(':') ? '' : ` (third-party plugins can use a namespace, e.g. 'acme:${entry.name}')`}, or pass { override: true } to replace it.`,
        );
      }
      planned.push(entry);
    }
    const added = planned.map((entry) => {
      const table = this.#table(where, entry.kind);
      const registration: Registration = {
        entry,
        source,
        previous: table.get(entry.name),
        disposed: false,
      };
      table.set(entry.name, registration);
      return registration;
    });
    return () => {
      for (const registration of added.reverse()) this.#remove(registration);
      added.length = 0;
    };
  }

  #remove(registration: Registration): void {
    if (registration.disposed) return;
    registration.disposed = true;
    const { kind, name } = registration.entry;
    const table = this.#tables.get(kind)!;
    if (table.get(name) !== registration) return; // shadowed by a later override
    let previous = registration.previous;
    while (previous !== undefined && previous.disposed) previous = previous.previous;
    if (previous === undefined) table.delete(name);
    else table.set(name, previous);
  }
}

import { ConfigError } from '../errors/config-error.js';
import { didYouMean } from './closest-match.js';
import { describeValue } from '../format/describe-value.js';
import { isPluginKind, PLUGIN_KINDS, type PluginKind } from './plugin-kinds.js';
import type { PluginEntry } from './define-plugin.js';

const kebab = '[a-z][a-z0-9]*(?:-[a-z0-9]+)*';

/**
 * Valid plugin names: kebab-case (`adam`, `time-decay`, `he-normal`), optionally behind one
 * kebab-case namespace for third-party plugins (`acme:lion`).
 * @internal
 */
export const PLUGIN_NAME_PATTERN = new RegExp(`^(?:${kebab}:)?${kebab}$`);

/**
 * Throws unless `kind` is a plugin kind.
 * @internal
 */
export function assertKind(where: string, kind: unknown): asserts kind is PluginKind {
  if (isPluginKind(kind)) return;
  const hint = typeof kind === 'string' ? didYouMean(kind, PLUGIN_KINDS) : '';
  throw new ConfigError(
    `${where}: unknown plugin kind ${describeValue(kind)}.${hint} Known kinds: ${[...PLUGIN_KINDS].sort().join(', ')}.`,
  );
}

/**
 * Throws unless `name` is a valid plugin name.
 * @internal
 */
export function assertPluginName(where: string, name: unknown): asserts name is string {
  if (typeof name === 'string' && PLUGIN_NAME_PATTERN.test(name)) return;
  throw new ConfigError(
    `${where}: invalid plugin name ${describeValue(name)}; expected kebab-case like 'time-decay', or a namespaced name like 'acme:lion' for third-party plugins`,
  );
}

/**
 * Throws unless `apiVersion` is a positive integer.
 * @internal
 */
export function assertApiVersion(where: string, apiVersion: unknown): asserts apiVersion is number {
  if (typeof apiVersion === 'number' && Number.isInteger(apiVersion) && apiVersion >= 1) return;
  throw new ConfigError(
    `${where}: 'apiVersion' must be an integer >= 1, got ${describeValue(apiVersion)}`,
  );
}

/**
 * Checks the shape of a plugin entry that reaches a registry, which may have been written
 * by hand or come from another copy of this package: kind, name, description, options,
 * apiVersion, the two functions and the optional `stateShapes` of layer plugins. Option
 * descriptors are checked by `definePlugin`.
 * @internal
 */
export function assertPluginEntry(where: string, entry: unknown): asserts entry is PluginEntry {
  if (typeof entry !== 'object' || entry === null) {
    throw new ConfigError(
      `${where}: expected a plugin entry (made with definePlugin), got ${describeValue(entry)}`,
    );
  }
  const fields = entry as Record<string, unknown>;
  assertKind(where, fields['kind']);
  assertPluginName(where, fields['name']);
  const label = `${where}: ${fields['kind']} '${fields['name']}'`;
  if (typeof fields['description'] !== 'string') {
    throw new ConfigError(
      `${label}: 'description' must be a string, got ${describeValue(fields['description'])}`,
    );
  }
  const options = fields['options'];
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigError(
      `${label}: 'options' must be an options schema, got ${describeValue(options)}`,
    );
  }
  assertApiVersion(label, fields['apiVersion']);
  for (const key of ['create', 'factory']) {
    if (typeof fields[key] !== 'function') {
      throw new ConfigError(
        `${label}: '${key}' must be a function, got ${describeValue(fields[key])}. Hint: build entries with definePlugin().`,
      );
    }
  }
  const stateShapes = fields['stateShapes'];
  if (
    stateShapes !== undefined &&
    (fields['kind'] !== 'layer' || typeof stateShapes !== 'function')
  ) {
    throw new ConfigError(
      `${label}: 'stateShapes' must be a function of a layer plugin, got ${describeValue(stateShapes)}. Hint: build entries with definePlugin().`,
    );
  }
}

import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/config-error.js';
import { PluginConflictError } from '../../src/errors/plugin-conflict-error.js';
import { createRegistry } from '../../src/registry/create-registry.js';
import { definePluginPackage } from '../../src/registry/define-plugin-package.js';
import { definePlugin, type PluginEntry } from '../../src/registry/define-plugin.js';

function loss(name: string): PluginEntry<'metric'> {
  return definePlugin({
    kind: 'metric',
    name,
    description: `The ${name} metric.`,
    create: () => name,
  });
}

describe('definePluginPackage', () => {
  it('returns a frozen package with a copy of the entries', () => {
    const entries = [loss('mse'), loss('cross-entropy')];
    const plugin = definePluginPackage({ name: '@deeptune/losses', entries });
    entries.push(loss('hinge'));
    expect(plugin.name).toBe('@deeptune/losses');
    expect(plugin.entries.map((entry) => entry.name)).toEqual(['mse', 'cross-entropy']);
    expect(Object.isFrozen(plugin)).toBe(true);
    expect(Object.isFrozen(plugin.entries)).toBe(true);
  });

  it('registers nothing by itself', () => {
    const registry = createRegistry();
    definePluginPackage({ name: 'losses', entries: [loss('mse')] });
    expect(registry.list()).toEqual([]);
  });

  it('has a register function that is the same as registry.use', () => {
    const plugin = definePluginPackage({ name: '@deeptune/losses', entries: [loss('mse')] });
    const { register } = plugin;
    const registry = createRegistry();
    const dispose = register(registry);
    expect(registry.names('metric')).toEqual(['mse']);
    dispose();
    expect(registry.names('metric')).toEqual([]);
  });

  it('rejects two different entries with the same kind and name', () => {
    const build = () =>
      definePluginPackage({ name: 'losses', entries: [loss('mse'), loss('mse')] });
    expect(build).toThrow(PluginConflictError);
    expect(build).toThrow("two different entries are named metric 'mse'");
  });

  it('accepts the same entry listed twice', () => {
    const mse = loss('mse');
    expect(() => definePluginPackage({ name: 'losses', entries: [mse, mse] })).not.toThrow();
  });

  it('rejects names that are not npm package names, and malformed entries', () => {
    expect(() => definePluginPackage({ name: 'My Plugins', entries: [] })).toThrow(
      "invalid package name 'My Plugins'",
    );
    const notAnEntry = { kind: 'loss', name: 'mse' } as unknown as PluginEntry;
    expect(() => definePluginPackage({ name: 'losses', entries: [notAnEntry] })).toThrow(
      ConfigError,
    );
    expect(() => definePluginPackage({ name: 'losses', entries: [notAnEntry] })).toThrow(
      'entries[0]',
    );
  });
});

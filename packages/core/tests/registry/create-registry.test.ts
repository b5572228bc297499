import { describe, expect, it } from 'vitest';
import { PluginConflictError } from '../../src/errors/plugin-conflict-error.js';
import { createRegistry } from '../../src/registry/create-registry.js';
import { definePluginPackage } from '../../src/registry/define-plugin-package.js';
import { definePlugin } from '../../src/registry/define-plugin.js';
import { Registry } from '../../src/registry/registry.js';

const relu = definePlugin({
  kind: 'activation',
  name: 'relu',
  description: '',
  create: () => 'relu',
});
const activations = definePluginPackage({ name: '@deeptune/layers', entries: [relu] });

describe('createRegistry', () => {
  it('creates a fresh, empty registry each time', () => {
    const first = createRegistry();
    const second = createRegistry();
    expect(first).toBeInstanceOf(Registry);
    expect(first).not.toBe(second);
    expect(first.list()).toEqual([]);
    first.register(relu);
    expect(second.list()).toEqual([]);
  });

  it('uses the given plugin packages', () => {
    const registry = createRegistry({ plugins: [activations] });
    expect(registry.get('activation', 'relu')).toBe(relu);
  });

  it('throws when the given packages conflict', () => {
    const other = definePluginPackage({
      name: 'acme',
      entries: [
        definePlugin({ kind: 'activation', name: 'relu', description: 'x', create: () => 0 }),
      ],
    });
    expect(() => createRegistry({ plugins: [activations, other] })).toThrow(PluginConflictError);
  });
});

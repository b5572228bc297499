import { describe, expect, it } from 'vitest';
import { definePlugin, type PluginEntry } from '../../src/registry/define-plugin.js';
import { definePluginPackage } from '../../src/registry/define-plugin-package.js';
import { option } from '../../src/registry/option.js';
import { createRegistry } from '../../src/registry/create-registry.js';
import { toyPlugin } from './toy-plugin.js';

// The run-time side of the registry type tests (registry-types.test-d.ts): the calls that
// type-check there do what their types promise when they run.

describe('registry typing at run time', () => {
  it('resolves defaults for the options a caller leaves out', () => {
    const toy = toyPlugin.create({ units: 3 });
    expect(toy.learningRate).toBe(0.01);
  });

  it('runs a directly used create with its exact product', () => {
    const { create: scaledUniform } = definePlugin({
      kind: 'schedule',
      name: 'test:scaled-uniform',
      description: 'Uniform.',
      options: { gain: option.number({ default: 1 }) },
      create:
        ({ gain }) =>
        (fanIn: number): number =>
          gain / fanIn,
    });
    expect(scaledUniform({ gain: 2 })(4)).toBe(0.5);
    expect(scaledUniform()(4)).toBe(0.25);
  });

  it('creates through the registry with the same factory, and gets the entry back', () => {
    const registry = createRegistry();
    registry.register(toyPlugin);
    expect(registry.create('searcher', 'test:toy', { units: 2, learningRate: 0.1 })).toMatchObject({
      learningRate: 0.1,
    });
    expect(registry.get('searcher', 'test:toy')).toBe(toyPlugin);
  });

  it('checks at run time what the types cannot: names and options from strings', () => {
    const registry = createRegistry();
    registry.register(toyPlugin);
    expect(() => registry.create('searcher', 'other', { learningRate: 'x' })).toThrow(/other/);
    const fromFlag: string = 'test:toy';
    expect(() => registry.create('searcher', fromFlag, { units: 2, learningRate: 'x' })).toThrow(
      /learningRate/,
    );
  });

  it('accepts specific entries where a general entry is expected', () => {
    const general: PluginEntry = toyPlugin;
    const pack = definePluginPackage({ name: '@test/toy', entries: [toyPlugin, general] });
    expect(pack.entries).toHaveLength(2);
  });
});

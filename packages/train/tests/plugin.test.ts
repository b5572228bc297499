import { describe, expect, it } from 'vitest';
import { createRegistry } from '@deeptune/core';
import { plugin, register } from '../src/index.js';
import { nodePlugin } from '../src/node/index.js';

describe('plugin', () => {
  it('declares the browser-safe callbacks, and the node plugin the checkpoint callback', () => {
    expect(plugin.entries.map((entry) => `${entry.kind}/${entry.name}`)).toEqual([
      'callback/progress',
      'callback/lr-scheduler',
      'callback/best-weights',
    ]);
    expect(nodePlugin.entries.map((entry) => `${entry.kind}/${entry.name}`)).toEqual([
      'callback/checkpoint',
    ]);
  });

  it('registers nothing until used, and creates callbacks by name', () => {
    const registry = createRegistry();
    expect(registry.names('callback')).toEqual([]);
    const dispose = register(registry);
    registry.use(nodePlugin);
    expect(registry.names('callback')).toEqual([
      'best-weights',
      'checkpoint',
      'lr-scheduler',
      'progress',
    ]);
    const callback = registry.create('callback', 'progress', { listener: () => undefined });
    expect(callback).toHaveProperty('onEpochEnd');
    expect(() => registry.create('callback', 'checkpoint', { dir: 'x', every: 0 })).toThrow(
      /every/,
    );
    dispose();
  });
});

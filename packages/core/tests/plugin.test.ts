import { describe, expect, it } from 'vitest';
import { cpuBackend, createRegistry, plugin, register, UnknownPluginError } from '../src/index.js';

describe('plugin (@deeptune/core)', () => {
  it('registers the cpu backend, and a fresh registry starts empty', () => {
    const registry = createRegistry();
    expect(() => registry.get('backend', 'cpu')).toThrow(UnknownPluginError);
    register(registry);
    expect(registry.create('backend', 'cpu')).toBe(cpuBackend);
    expect(plugin.name).toBe('@deeptune/core');
  });
});

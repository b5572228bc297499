import { describe, expect, it } from 'vitest';
import { createRegistry, validateOptions } from '@deeptune/core';
import type { Module } from '../src/index.js';
import { plugin } from '../src/plugin.js';

/** The state a module holds: parameters and persistent buffers, by path. */
function stateOf(module: Module): Record<string, { shape: number[]; dtype: string }> {
  const state: Record<string, { shape: number[]; dtype: string }> = {};
  for (const { path, value } of module.namedParameters()) {
    state[path] = { shape: [...value.shape], dtype: value.dtype };
  }
  for (const { path, value, persistent } of module.namedBuffers()) {
    if (persistent) state[path] = { shape: [...value.shape], dtype: value.dtype };
  }
  return state;
}

describe('layer plugins declare the state they create', () => {
  const registry = createRegistry({ plugins: [plugin] });
  const cases: [string, Record<string, unknown>][] = [
    ['dense', { inputs: 3, units: 5 }],
    ['dense', { inputs: 7, units: 2, useBias: false, dtype: 'float64' }],
    ['activation', { activation: 'relu' }],
  ];
  for (const [name, options] of cases) {
    it(`${name} ${JSON.stringify(options)}`, () => {
      const entry = registry.get('layer', name);
      expect(entry.stateShapes).toBeTypeOf('function');
      const declared = entry.stateShapes!(
        validateOptions(`layer '${name}'`, entry.options, options),
      );
      expect(declared).toEqual(stateOf(registry.create('layer', name, options)));
    });
  }
});

import { describe, expect, it } from 'vitest';
import { DeeptuneError, InvalidHyperparameterError, createRegistry } from '@deeptune/core';
import { badOptionValues } from '@deeptune/core/testing';
import { plugin, register, wasmBackendPlugin } from '../src/index.js';

describe('the wasm backend plugin', () => {
  it('creates the wasm backend by name, with its options checked', () => {
    const registry = createRegistry({ plugins: [plugin] });
    const backend = registry.create('backend', 'wasm', { threads: 1 });
    expect(backend.name).toBe('wasm');
    expect(backend.description).toBe('WebAssembly SIMD128, 1 thread');
    expect(registry.list('backend').map((entry) => entry.name)).toEqual(['wasm']);
  });

  it('rejects a thread count or feature set outside its schema, naming the option', () => {
    const registry = createRegistry();
    register(registry);
    expect(() => registry.create('backend', 'wasm', { threads: 0 })).toThrow(
      InvalidHyperparameterError,
    );
    expect(() => registry.create('backend', 'wasm', { threads: 0 })).toThrow(/threads/);
    expect(() => registry.create('backend', 'wasm', { features: 'avx512' as 'simd128' })).toThrow(
      /features/,
    );
    for (const [name, spec] of Object.entries(wasmBackendPlugin.options)) {
      for (const { description, value } of badOptionValues(spec)) {
        let thrown: unknown;
        try {
          registry.create('backend', 'wasm', { [name]: value } as { threads: number });
        } catch (error) {
          thrown = error;
        }
        // A typed error (ConfigError for a wrong type, InvalidHyperparameterError for a value
        // out of range) that names the option.
        expect(DeeptuneError.isInstance(thrown), `${name}: ${description}`).toBe(true);
        expect((thrown as Error).message, `${name}: ${description}`).toContain(name);
      }
    }
  });
});

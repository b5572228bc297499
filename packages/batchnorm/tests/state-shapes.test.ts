import { describe, expect, it } from 'vitest';
import { createRegistry, validateOptions } from '@deeptune/core';
import { plugin } from '../src/index.js';

describe('the batch-norm plugin declares the state it creates', () => {
  const registry = createRegistry({ plugins: [plugin] });
  for (const options of [{ features: 6 }, { features: 3, dtype: 'float64' as const }]) {
    it(JSON.stringify(options), () => {
      const entry = registry.get('layer', 'batch-norm');
      const declared = entry.stateShapes!(
        validateOptions("layer 'batch-norm'", entry.options, options),
      );
      const layer = registry.create('layer', 'batch-norm', options);
      const actual: Record<string, { shape: number[]; dtype: string }> = {};
      for (const { path, value } of layer.namedParameters()) {
        actual[path] = { shape: [...value.shape], dtype: value.dtype };
      }
      for (const { path, value, persistent } of layer.namedBuffers()) {
        if (persistent) actual[path] = { shape: [...value.shape], dtype: value.dtype };
      }
      expect(declared).toEqual(actual);
    });
  }
});

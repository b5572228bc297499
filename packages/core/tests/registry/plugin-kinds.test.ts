import { describe, expect, it } from 'vitest';
import { PLUGIN_API_VERSION } from '../../src/registry/plugin-api-version.js';
import { isPluginKind, PLUGIN_KINDS } from '../../src/registry/plugin-kinds.js';

describe('PLUGIN_KINDS', () => {
  it('lists the thirteen plugin kinds in a stable order', () => {
    expect(PLUGIN_KINDS).toEqual([
      'backend',
      'initializer',
      'layer',
      'activation',
      'loss',
      'regularizer',
      'optimizer',
      'schedule',
      'callback',
      'dataset',
      'augmentation',
      'metric',
      'searcher',
      'pruner',
    ]);
  });
});

describe('isPluginKind', () => {
  it('accepts every plugin kind and nothing else', () => {
    for (const kind of PLUGIN_KINDS) expect(isPluginKind(kind)).toBe(true);
    for (const value of ['optimiser', 'Optimizer', '', 'toString', 1, null, undefined]) {
      expect(isPluginKind(value)).toBe(false);
    }
  });
});

describe('PLUGIN_API_VERSION', () => {
  it('is 1', () => {
    expect(PLUGIN_API_VERSION).toBe(1);
  });
});

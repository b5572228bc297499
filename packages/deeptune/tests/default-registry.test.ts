import { describe, expect, it } from 'vitest';
import { BatchNorm, Dense, Dropout, createDefaultRegistry, plugin } from '../src/index.js';

describe('createDefaultRegistry', () => {
  it('holds the built-in plugins of every package', () => {
    const registry = createDefaultRegistry();
    expect(registry.create('layer', 'dense', { inputs: 4, units: 2 })).toBeInstanceOf(Dense);
    expect(registry.create('layer', 'batch-norm', { features: 2 })).toBeInstanceOf(BatchNorm);
    expect(registry.create('layer', 'dropout', { keepProb: 0.8 })).toBeInstanceOf(Dropout);
    expect(registry.names('loss')).toEqual([
      'binary-cross-entropy',
      'binary-cross-entropy-from-probabilities',
      'mean-squared-error',
      'softmax-cross-entropy',
    ]);
    expect(registry.names('regularizer')).toEqual(['l1', 'l2']);
    expect(registry.names('backend')).toEqual(['cpu', 'wasm']);
    expect(registry.names('initializer')).toContain('he-normal');
    expect(registry.names('augmentation')).toContain('horizontal-flip');
  });

  it('returns independent registries', () => {
    const a = createDefaultRegistry();
    const b = createDefaultRegistry();
    expect(a).not.toBe(b);
    expect(plugin.entries.length).toBe(a.list().length);
  });

  it('suggests the closest name for a typo', () => {
    expect(() => createDefaultRegistry().get('regularizer', 'l3')).toThrow(/Did you mean/);
  });
});

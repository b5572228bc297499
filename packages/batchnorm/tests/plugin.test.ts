import { ConfigError, InvalidHyperparameterError, createRegistry } from '@deeptune/core';
import { describe, expect, it } from 'vitest';
import { BatchNorm, plugin, register } from '../src/index.js';

describe('plugin', () => {
  it('registers the batch-norm layer in a fresh registry', () => {
    const registry = createRegistry();
    const dispose = register(registry);
    expect(registry.names('layer')).toEqual(['batch-norm']);
    const layer = registry.create('layer', 'batch-norm', { features: 16, epsilon: 1e-3 });
    expect(layer).toBeInstanceOf(BatchNorm);
    expect([layer.features, layer.epsilon, layer.runningAverageDecay, layer.dtype]).toEqual([
      16,
      1e-3,
      0.9,
      'float32',
    ]);
    dispose();
    expect(registry.names('layer')).toEqual([]);
  });

  it('is the same as registry.use(plugin), and names the package', () => {
    const registry = createRegistry({ plugins: [plugin] });
    expect(plugin.name).toBe('@deeptune/batchnorm');
    expect(registry.get('layer', 'batch-norm')).toBe(plugin.entries[0]);
  });

  it('declares the defaults and ranges in its schema', () => {
    const registry = createRegistry({ plugins: [plugin] });
    const { features, epsilon, runningAverageDecay, dtype } = registry.get(
      'layer',
      'batch-norm',
    ).options;
    expect(features).toMatchObject({ type: 'number', integer: true, min: 1 });
    expect(epsilon).toMatchObject({ default: 1e-5, exclusiveMin: 0 });
    expect(runningAverageDecay).toMatchObject({ default: 0.9, min: 0, exclusiveMax: 1 });
    expect(dtype).toMatchObject({ default: 'float32' });
  });

  it("declares runningVariance with the choices 'unbiased' (default) and 'biased'", () => {
    const registry = createRegistry({ plugins: [plugin] });
    const { runningVariance } = registry.get('layer', 'batch-norm').options;
    expect(runningVariance).toMatchObject({ default: 'unbiased', values: ['unbiased', 'biased'] });
    const layer = registry.create('layer', 'batch-norm', {
      features: 4,
      runningVariance: 'biased',
    });
    expect(layer.runningVariance).toBe('biased');
    expect(registry.create('layer', 'batch-norm', { features: 4 }).runningVariance).toBe(
      'unbiased',
    );
    expect(() =>
      registry.create('layer', 'batch-norm', { features: 4, runningVariance: 'sample' } as never),
    ).toThrow(ConfigError);
  });

  it('rejects invalid options through the schema with a ConfigError naming the option', () => {
    const registry = createRegistry({ plugins: [plugin] });
    expect(() =>
      registry.create('layer', 'batch-norm', { features: 16, runningAverageDecay: 1.5 }),
    ).toThrow(/layer 'batch-norm': option 'runningAverageDecay' must be in \[0, 1\), got 1\.5/);
    expect(() =>
      registry.create('layer', 'batch-norm', { features: 16, momentum: 0.1 } as never),
    ).toThrow(ConfigError);
    expect(() => registry.create('layer', 'batch-norm', {} as never)).toThrow(/features/);
  });

  it('runs the constructor checks too when called directly', () => {
    expect(() => new BatchNorm({ features: 16, runningAverageDecay: 1.5 })).toThrow(
      InvalidHyperparameterError,
    );
  });
});

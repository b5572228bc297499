import { describe, expect, it } from 'vitest';
import { InvalidHyperparameterError, Rng, createRegistry, tensor } from '@deeptune/core';
import { assertTensorClose } from '@deeptune/core/testing';
import { plugin, register } from '../src/plugin.js';
import { Dense } from '../src/layers/dense.js';
import { Activation } from '../src/layers/activation.js';
import { softmaxCrossEntropy } from '../src/losses/softmax-cross-entropy.js';
import { heNormal } from '../src/initializers/he.js';

describe('plugin', () => {
  it('registers every entry by kind in a fresh registry', () => {
    const registry = createRegistry();
    register(registry);
    expect(registry.names('layer')).toEqual(['activation', 'dense']);
    expect(registry.names('activation')).toEqual([
      'leaky-relu',
      'linear',
      'relu',
      'sigmoid',
      'softmax',
      'tanh',
    ]);
    expect(registry.names('loss')).toEqual([
      'binary-cross-entropy',
      'binary-cross-entropy-from-probabilities',
      'mean-squared-error',
      'softmax-cross-entropy',
    ]);
    expect(registry.names('initializer')).toEqual([
      'constant',
      'glorot-normal',
      'glorot-uniform',
      'he-normal',
      'he-uniform',
      'lecun-normal',
      'lecun-uniform',
      'xavier-normal',
      'xavier-uniform',
      'zeros',
    ]);
    expect(plugin.name).toBe('@deeptune/layers');
  });

  it('creates a Dense layer by name with defaults filled in', () => {
    const registry = createRegistry({ plugins: [plugin] });
    const layer = registry.create('layer', 'dense', { inputs: 4, units: 3 });
    expect(layer).toBeInstanceOf(Dense);
    expect(layer.describe()).toBe('4 → 3, linear');
    expect(layer.weight.shape).toEqual([4, 3]);
    const seeded = registry.create('layer', 'dense', {
      inputs: 4,
      units: 3,
      activation: 'relu',
      useBias: false,
      initializer: 'he-uniform',
      dtype: 'float64',
      rng: new Rng(1),
    });
    expect(seeded.describe()).toBe('4 → 3, relu, no bias');
    expect(seeded.dtype).toBe('float64');
  });

  it('rejects bad layer options, naming the option', () => {
    const registry = createRegistry({ plugins: [plugin] });
    expect(() => registry.create('layer', 'dense', { inputs: 4, units: 0 })).toThrow(
      InvalidHyperparameterError,
    );
    expect(() => registry.create('layer', 'dense', { inputs: 4, units: 0 })).toThrow(
      "layer 'dense': option 'units' must be an integer >= 1, got 0",
    );
    expect(() =>
      registry.create('layer', 'dense', { inputs: 4, units: 3, activation: 'rleu' }),
    ).toThrow(
      "Dense: unknown activation 'rleu'. Did you mean 'relu'? Known activations: leaky-relu, linear, relu, sigmoid, softmax, tanh. Hint: an activation plugin must be registered first: registry.use(plugin) in code, --plugin <module> on the command line.",
    );
    expect(() =>
      registry.create('layer', 'dense', { inputs: 4, units: 3, initializer: 'he' as 'he-normal' }),
    ).toThrow(/option 'initializer' must be an Initializer function or one of 'he-normal'/);
    expect(() =>
      registry.create('layer', 'dense', { inputs: 4, unit: 3 } as unknown as {
        inputs: number;
        units: number;
      }),
    ).toThrow(/unknown option 'unit'\. Did you mean 'units'\?/);
  });

  it('creates Activation layers and activation functions', () => {
    const registry = createRegistry({ plugins: [plugin] });
    const layer = registry.create('layer', 'activation', { activation: 'tanh' });
    expect(layer).toBeInstanceOf(Activation);
    expect(layer.describe()).toBe('tanh');
    const x = tensor([[-2, 3]], { dtype: 'float64' });
    assertTensorClose(registry.create('activation', 'relu')(x), [[0, 3]]);
    assertTensorClose(registry.create('activation', 'leaky-relu', { alpha: 0.1 })(x), [[-0.2, 3]]);
    expect(() => registry.create('activation', 'leaky-relu', { alpha: Number.NaN })).toThrow(
      /option 'alpha'/,
    );
    expect(() => registry.create('activation', 'leaky-relu', { alpha: -1 })).toThrow(
      "activation 'leaky-relu': option 'alpha' must be in [0, 1), got -1",
    );
  });

  it('creates losses and initializers that are the directly importable ones', () => {
    const registry = createRegistry({ plugins: [plugin] });
    expect(registry.create('loss', 'softmax-cross-entropy')).toBe(softmaxCrossEntropy);
    expect(registry.create('initializer', 'he-normal')).toBe(heNormal);
    const constant = registry.create('initializer', 'constant', { value: 0.5 });
    const filled = constant([2], { dtype: 'float32', rng: new Rng(0), fanIn: 1, fanOut: 2 });
    expect(Array.from(filled.data)).toEqual([0.5, 0.5]);
    expect(() =>
      registry.create('initializer', 'constant', {} as unknown as { value: number }),
    ).toThrow(/initializer 'constant': option 'value' is required/);
  });
});

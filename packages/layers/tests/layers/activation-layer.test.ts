import { describe, expect, it } from 'vitest';
import { ConfigError, InvalidHyperparameterError, createRegistry, tensor } from '@deeptune/core';
import { assertTensorClose } from '@deeptune/core/testing';
import { Activation } from '../../src/layers/activation.js';
import { activationLayer } from '../../src/layers/activation-layer.js';
import { plugin } from '../../src/plugin.js';

function caught(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('activationLayer', () => {
  it('creates the same layer as new Activation(name, options)', () => {
    const layer = activationLayer({ activation: 'leaky-relu', activationOptions: { alpha: 0.5 } });
    expect(layer).toBeInstanceOf(Activation);
    expect(layer.activation).toBe('leaky-relu');
    expect(layer.activationOptions).toEqual({ alpha: 0.5 });
    assertTensorClose(layer.forward(tensor([[-2, 3]], { dtype: 'float64' })), [[-1, 3]]);
  });

  it('is what the activation layer plugin runs, with the same messages', () => {
    const registry = createRegistry({ plugins: [plugin] });
    const cases: readonly unknown[] = [
      {},
      { activation: '' },
      { activation: 1 },
      { activation: 'relu', activationOptions: [1] },
      { activation: 'relu', activationOptoins: {} },
      { activation: 'leaky-relu', activationOptions: { alpha: 1 } },
      { activation: 'rleu' },
    ];
    for (const options of cases) {
      const direct = caught(() => activationLayer(options as never));
      const viaRegistry = caught(() => registry.create('layer', 'activation', options as never));
      expect(direct.constructor).toBe(viaRegistry.constructor);
      expect(direct.message).toBe(viaRegistry.message);
    }
    expect(caught(() => activationLayer({ activation: '' })).message).toBe(
      "layer 'activation': option 'activation' must have at least 1 character, got ''",
    );
  });

  it('reports an activation option out of range in its plugin’s words', () => {
    const error = caught(() =>
      activationLayer({ activation: 'leaky-relu', activationOptions: { alpha: 1 } }),
    );
    expect(error).toBeInstanceOf(InvalidHyperparameterError);
    expect(error.message).toBe("activation 'leaky-relu': option 'alpha' must be in [0, 1), got 1");
  });

  it('rejects a registry option that is not a Registry', () => {
    const error = caught(() => activationLayer({ activation: 'relu', registry: {} as never }));
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      "layer 'activation': option 'registry' must be a Registry (from createRegistry()), got {}",
    );
  });
});

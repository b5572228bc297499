import { describe, expect, it } from 'vitest';
import { ConfigError, tensor } from '@deeptune/core';
import { assertTensorClose } from '@deeptune/core/testing';
import { Activation } from '../../src/layers/activation.js';
import { Dense } from '../../src/layers/dense.js';
import { Sequential } from '../../src/module/sequential.js';

describe('Activation', () => {
  it('applies the named activation and has no parameters', () => {
    const layer = new Activation('relu');
    assertTensorClose(layer.forward(tensor([[-1, 0, 2]], { dtype: 'float64' })), [[0, 0, 2]]);
    expect(layer.parameterCount()).toBe(0);
    expect(layer.activation).toBe('relu');
  });

  it('is named activationN by Sequential and shows its name in summary()', () => {
    const model = new Sequential([
      new Dense({ inputs: 3, units: 2, useBias: false }),
      new Activation('tanh'),
    ]);
    expect(model.namedChildren().map(([name]) => name)).toEqual(['dense1', 'activation1']);
    expect(model.summary([3])).toMatch(/activation1\s+Activation\(tanh\)\s+\[-1, 2\]\s+0/);
  });

  it('rejects an unknown name with the closest match', () => {
    const attempt = () => new Activation('sigmiod');
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      "Activation: unknown activation 'sigmiod'. Did you mean 'sigmoid'? Known activations: leaky-relu, linear, relu, sigmoid, softmax, tanh. Hint: an activation plugin must be registered first: registry.use(plugin) in code, --plugin <module> on the command line.",
    );
  });
});

import { describe, expect, it } from 'vitest';
import { InvalidHyperparameterError, createRegistry, tensor } from '@deeptune/core';
import { assertTensorClose } from '@deeptune/core/testing';
import { leakyReluActivation } from '../../src/activations/leaky-relu-activation.js';
import { plugin } from '../../src/plugin.js';

describe('leakyReluActivation', () => {
  it('is the leaky-relu plugin’s own factory', () => {
    const registry = createRegistry({ plugins: [plugin] });
    expect(registry.get('activation', 'leaky-relu').create).toBe(leakyReluActivation);
  });

  it('scales negative inputs by alpha, 0.01 by default', () => {
    const x = tensor([[-2, 3]], { dtype: 'float64' });
    assertTensorClose(leakyReluActivation({ alpha: 0.5 })(x), [[-1, 3]]);
    assertTensorClose(leakyReluActivation()(x), [[-0.02, 3]]);
  });

  it('rejects alpha outside [0, 1)', () => {
    expect(() => leakyReluActivation({ alpha: 1 })).toThrow(InvalidHyperparameterError);
    expect(() => leakyReluActivation({ alpha: -0.1 })).toThrow(
      "activation 'leaky-relu': option 'alpha' must be in [0, 1), got -0.1",
    );
  });
});

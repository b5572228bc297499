import { describe, expect, it } from 'vitest';
import { tensor } from '@deeptune/core';
import { assertTensorClose } from '@deeptune/core/testing';
import { resolveActivation } from '../../src/activations/resolve-activation.js';
import {
  ACTIVATION_NAMES,
  isActivationName,
  type ActivationName,
} from '../../src/activations/activation-name.js';

const z = [[-2, 0, 1]];
const e = Math.E;

describe('resolveActivation', () => {
  it.each<[ActivationName, number[][]]>([
    ['linear', [[-2, 0, 1]]],
    ['relu', [[0, 0, 1]]],
    ['leaky-relu', [[-0.02, 0, 1]]],
    ['tanh', [[Math.tanh(-2), 0, Math.tanh(1)]]],
    ['sigmoid', [[1 / (1 + e ** 2), 0.5, 1 / (1 + e ** -1)]]],
    ['softmax', [[e ** -2 / (e ** -2 + 1 + e), 1 / (e ** -2 + 1 + e), e / (e ** -2 + 1 + e)]]],
  ])('computes %s', (name, expected) => {
    assertTensorClose(resolveActivation(name)(tensor(z, { dtype: 'float64' })), expected);
  });

  it('covers every name and recognises only those', () => {
    for (const name of ACTIVATION_NAMES) expect(typeof resolveActivation(name)).toBe('function');
    expect(isActivationName('relu')).toBe(true);
    expect(isActivationName('ReLU')).toBe(false);
    expect(isActivationName(1)).toBe(false);
  });

  it('throws a ConfigError suggesting the closest name', () => {
    let caught: unknown;
    try {
      resolveActivation('rleu');
    } catch (error) {
      caught = error;
    }
    expect((caught as { code: string }).code).toBe('INVALID_CONFIG');
    expect((caught as Error).message).toBe(
      "resolveActivation: unknown activation 'rleu'. Did you mean 'relu'? Known activations: leaky-relu, linear, relu, sigmoid, softmax, tanh. Hint: an activation plugin must be registered first: registry.use(plugin) in code, --plugin <module> on the command line.",
    );
  });
});

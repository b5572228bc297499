import { describe, expectTypeOf, it } from 'vitest';
import { createRegistry, type Registry } from '@deeptune/core';
import type { ActivationId } from '../../src/activations/activation-id.js';
import type { ActivationName } from '../../src/activations/activation-name.js';
import type { ActivationOptions } from '../../src/activations/activation-options.js';
import { resolveActivation } from '../../src/activations/resolve-activation.js';
import type { ActivationFunction } from '../../src/activations/activation-function.js';
import { defaultInitializerFor } from '../../src/initializers/default-initializer.js';
import type { InitializerName } from '../../src/initializers/initializer-name.js';
import { Activation } from '../../src/layers/activation.js';
import { Dense } from '../../src/layers/dense.js';
import '../../src/plugin.js';

// Type tests (tsc only): activation names are built-in names or any plugin name, and the
// activation options are a record checked at run time by the activation's own schema.

describe('activation typing', () => {
  it('accepts built-in and plugin names, keeping the built-in ones distinct', () => {
    expectTypeOf<ActivationName>().toMatchTypeOf<ActivationId>();
    expectTypeOf<'acme:swish'>().toMatchTypeOf<ActivationId>();
    expectTypeOf(resolveActivation).returns.toEqualTypeOf<ActivationFunction>();
    expectTypeOf(defaultInitializerFor).parameter(0).toEqualTypeOf<ActivationId>();
    expectTypeOf(defaultInitializerFor).returns.toEqualTypeOf<InitializerName>();
  });

  it('types the layer options and fields', () => {
    const registry: Registry = createRegistry();
    const dense = new Dense({
      inputs: 2,
      units: 2,
      activation: 'acme:swish',
      activationOptions: { beta: 1.5 },
      registry,
    });
    expectTypeOf(dense.activation).toEqualTypeOf<ActivationId>();
    expectTypeOf(dense.activationOptions).toEqualTypeOf<ActivationOptions>();
    new Activation('leaky-relu', { activationOptions: { alpha: 0.1 } });
    // @ts-expect-error -- activation options are an object
    new Dense({ inputs: 2, units: 2, activationOptions: 0.1 });
    // @ts-expect-error -- a registry is a Registry
    new Activation('relu', { registry: 'default' });
    // @ts-expect-error -- the name is a string
    new Activation(1);
  });

  it('types the layer plugins created by name', () => {
    const registry = createRegistry();
    expectTypeOf(
      registry.create('layer', 'dense', {
        inputs: 2,
        units: 2,
        activation: 'acme:swish',
        activationOptions: { beta: 1.5 },
      }),
    ).toEqualTypeOf<Dense>();
    registry.create('layer', 'activation', { activation: 'acme:swish' });
    // @ts-expect-error -- activation options are an object
    registry.create('layer', 'activation', { activation: 'relu', activationOptions: 'x' });
  });
});

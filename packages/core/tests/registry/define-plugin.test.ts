import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/errors/config-error.js';
import { InvalidHyperparameterError } from '../../src/errors/invalid-hyperparameter-error.js';
import { definePlugin, type PluginDefinition } from '../../src/registry/define-plugin.js';
import { option } from '../../src/registry/option.js';
import type { OptionsSchema } from '../../src/registry/option-schema.js';
import { PLUGIN_API_VERSION } from '../../src/registry/plugin-api-version.js';

const sgdOptions = {
  learningRate: option.number({ default: 0.01, exclusiveMin: 0 }),
  momentum: option.number({ default: 0, min: 0, exclusiveMax: 1 }),
};

function sgdDefinition(create = (options: { learningRate: number; momentum: number }) => options) {
  return {
    kind: 'optimizer',
    name: 'toy-sgd',
    description: 'Plain gradient descent.',
    options: sgdOptions,
    create,
  } as const;
}

type AnyDefinition = PluginDefinition<'optimizer', OptionsSchema>;

function configError(define: () => unknown): string {
  try {
    define();
  } catch (error) {
    expect(ConfigError.isInstance(error)).toBe(true);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

function defineNamed(name: string): unknown {
  return definePlugin({ kind: 'metric', name, description: '', create: () => 0 });
}

describe('definePlugin', () => {
  it('returns a frozen entry with the identity, schema and API version', () => {
    const entry = definePlugin(sgdDefinition());
    expect(entry).toMatchObject({
      kind: 'optimizer',
      name: 'toy-sgd',
      description: 'Plain gradient descent.',
      options: sgdOptions,
      apiVersion: PLUGIN_API_VERSION,
    });
    expect(Object.isFrozen(entry)).toBe(true);
  });

  it('gives a plugin without options an empty schema', () => {
    const entry = definePlugin({
      kind: 'activation',
      name: 'relu',
      description: 'max(0, x)',
      create: () => 1,
    });
    expect(entry.options).toEqual({});
    expect(entry.create()).toBe(1);
  });

  it('validates options and fills defaults before calling the factory', () => {
    const factory = vi.fn((options: { learningRate: number; momentum: number }) => options);
    const entry = definePlugin(sgdDefinition(factory));
    expect(entry.create({ learningRate: 0.5 })).toEqual({ learningRate: 0.5, momentum: 0 });
    expect(entry.create()).toEqual({ learningRate: 0.01, momentum: 0 });
    expect(factory).toHaveBeenCalledTimes(2);
  });

  it('names the plugin and the option when options are invalid, without calling the factory', () => {
    const factory = vi.fn((options: { learningRate: number; momentum: number }) => options);
    const entry = definePlugin(sgdDefinition(factory));
    expect(() => entry.create({ learningRate: -1 })).toThrow(
      "optimizer 'toy-sgd': option 'learningRate' must be > 0, got -1",
    );
    expect(factory).not.toHaveBeenCalled();
  });

  it('has a create that works on its own, so a package can export it as the factory', () => {
    const { create: toySgd } = definePlugin(sgdDefinition());
    expect(toySgd({ momentum: 0.9 })).toEqual({ learningRate: 0.01, momentum: 0.9 });
    expect(() => toySgd({ momentum: 1 })).toThrow(InvalidHyperparameterError);
  });

  it('keeps the unvalidated factory as factory, one function per definition create', () => {
    const create = vi.fn((options: { learningRate: number; momentum: number }) => options);
    const entry = definePlugin(sgdDefinition(create));
    expect(definePlugin(sgdDefinition(create)).factory).toBe(entry.factory);
    expect(definePlugin(sgdDefinition()).factory).not.toBe(entry.factory);
    // no validation: a negative learning rate goes through
    expect(entry.factory({ learningRate: -1, momentum: 0 })).toEqual({
      learningRate: -1,
      momentum: 0,
    });
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('keeps an explicit apiVersion', () => {
    expect(definePlugin({ ...sgdDefinition(), apiVersion: 2 }).apiVersion).toBe(2);
  });

  it.each(['adam', 'time-decay', 'he-normal', 'l2', 'acme:lion', 'my-org:lion-v2'])(
    'accepts the name %s',
    (name) => {
      expect(() => defineNamed(name)).not.toThrow();
    },
  );

  it.each([
    'Adam',
    'time_decay',
    'timeDecay',
    '-adam',
    'adam-',
    'acme:',
    ':lion',
    'a:b:c',
    'acme/lion',
    '',
    '2x',
  ])('rejects the name %j', (name) => {
    expect(configError(() => defineNamed(name))).toContain(
      "expected kebab-case like 'time-decay', or a namespaced name like 'acme:lion'",
    );
  });

  it('rejects an unknown kind and suggests the closest one', () => {
    const definition = { ...sgdDefinition(), kind: 'optimiser' } as unknown as AnyDefinition;
    const message = configError(() => definePlugin(definition));
    expect(message).toContain("unknown plugin kind 'optimiser'. Did you mean 'optimizer'?");
    expect(message).toContain('Known kinds: activation, augmentation, backend');
  });

  it('rejects a malformed schema, naming the plugin and the option', () => {
    const withOptions = (options: unknown) =>
      definePlugin({ ...sgdDefinition(), options } as unknown as AnyDefinition);
    expect(
      configError(() => withOptions({ learningRate: { type: 'float', default: 0.1 } })),
    ).toContain(
      "definePlugin: optimizer 'toy-sgd': option 'learningRate': unknown option type 'float'",
    );
    expect(
      configError(() => withOptions({ beta1: { type: 'number', default: 2, max: 1 } })),
    ).toContain("option 'beta1': the default must be <= 1, got 2");
    expect(configError(() => withOptions({ learning_rate: option.number() }))).toContain(
      "invalid option name 'learning_rate'; expected lowerCamelCase",
    );
    expect(configError(() => withOptions([option.number()]))).toContain(
      "'options' must be an object mapping option names to descriptors",
    );
  });

  it('rejects a missing factory, description or bad apiVersion', () => {
    const noFactory = { ...sgdDefinition(), create: undefined } as unknown as AnyDefinition;
    expect(configError(() => definePlugin(noFactory))).toContain("'create' must be a function");
    const noDescription = {
      ...sgdDefinition(),
      description: undefined,
    } as unknown as AnyDefinition;
    expect(configError(() => definePlugin(noDescription))).toContain(
      "'description' must be a string",
    );
    expect(configError(() => definePlugin({ ...sgdDefinition(), apiVersion: 0 }))).toContain(
      "'apiVersion' must be an integer >= 1, got 0",
    );
    expect(configError(() => definePlugin({ ...sgdDefinition(), apiVersion: 1.5 }))).toContain(
      'got 1.5',
    );
  });
});

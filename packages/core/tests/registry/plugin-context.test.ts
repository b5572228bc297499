import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/errors/config-error.js';
import { createRegistry } from '../../src/registry/create-registry.js';
import { getDefaultRegistry, setDefaultRegistry } from '../../src/registry/default-registry.js';
import { definePlugin } from '../../src/registry/define-plugin.js';
import { definePluginPackage } from '../../src/registry/define-plugin-package.js';
import { option } from '../../src/registry/option.js';
import type { PluginContext } from '../../src/registry/plugin-context.js';
import type { Registry } from '../../src/registry/registry.js';

// An outer plugin that builds on an inner one by name, through the creation context.
const innerPlugin = definePlugin({
  kind: 'metric',
  name: 'test:inner',
  description: 'Scales a number.',
  options: { factor: option.number({ default: 2 }) },
  create:
    ({ factor }) =>
    (value: number) =>
      value * factor,
});

const outerPlugin = definePlugin({
  kind: 'schedule',
  name: 'test:outer',
  description: 'Applies an inner metric, named by an option.',
  options: { inner: option.string(), factor: option.number({ default: 3 }) },
  create: ({ inner, factor }, { registry }) => {
    const apply = registry.create('metric', inner, { factor }) as (value: number) => number;
    return (step: number) => apply(step);
  },
});

function withDefault<T>(registry: Registry, run: () => T): T {
  const restore = setDefaultRegistry(registry);
  try {
    return run();
  } finally {
    restore();
  }
}

describe('PluginContext', () => {
  it('is the registry doing the creating in registry.create', () => {
    const registry = createRegistry();
    registry.register(innerPlugin);
    registry.register(outerPlugin);
    const schedule = registry.create('schedule', 'test:outer', { inner: 'test:inner' }) as (
      step: number,
    ) => number;
    expect(schedule(5)).toBe(15);
    // the default registry does not hold the inner plugin, and was not asked
    expect(getDefaultRegistry().has('metric', 'test:inner')).toBe(false);
  });

  it('is the default registry, read at call time, for a direct entry.create call', () => {
    const registry = createRegistry();
    registry.register(innerPlugin);
    const schedule = withDefault(registry, () => outerPlugin.create({ inner: 'test:inner' }));
    expect(schedule(5)).toBe(15);
    expect(() => outerPlugin.create({ inner: 'test:inner' })).toThrow(
      "registry.create: unknown metric 'test:inner'; no metric plugins are registered.",
    );
  });

  it('can be given to entry.create and entry.factory explicitly', () => {
    const registry = createRegistry();
    registry.register(innerPlugin);
    expect(outerPlugin.create({ inner: 'test:inner', factor: 4 }, { registry })(5)).toBe(20);
    expect(outerPlugin.factory({ inner: 'test:inner', factor: 4 }, { registry })(5)).toBe(20);
    const fromDefault = withDefault(registry, () =>
      outerPlugin.factory({ inner: 'test:inner', factor: 1 }),
    );
    expect(fromDefault(5)).toBe(5);
  });

  it('reaches factories through registries that received the entry in a package', () => {
    const seen: Registry[] = [];
    const spy = definePlugin({
      kind: 'metric',
      name: 'test:spy',
      description: 'Records its context.',
      create: (_options, context: PluginContext) => {
        seen.push(context.registry);
        return 0;
      },
    });
    const registry = createRegistry({
      plugins: [definePluginPackage({ name: '@test/spy', entries: [spy] })],
    });
    registry.create('metric', 'test:spy');
    spy.create();
    expect(seen).toEqual([registry, getDefaultRegistry()]);
  });

  it('leaves definitions that ignore it working, with one argument', () => {
    const create = vi.fn((options: { readonly factor: number }) => options.factor);
    const entry = definePlugin({
      kind: 'metric',
      name: 'test:plain',
      description: 'Ignores the context.',
      options: { factor: option.number({ default: 2 }) },
      create,
    });
    const registry = createRegistry();
    registry.register(entry);
    expect(registry.create('metric', 'test:plain')).toBe(2);
    expect(entry.create({ factor: 3 })).toBe(3);
    expect(create).toHaveBeenCalledTimes(2);
  });

  it('passes the context to hand-written entries, which may ignore it', () => {
    const create = vi.fn((options?: unknown) => options);
    const registry = createRegistry();
    registry.register({
      kind: 'metric',
      name: 'test:hand-written',
      description: 'Written by hand, as an older copy of core would make it.',
      options: {},
      apiVersion: 1,
      create,
      factory: create,
    });
    expect(registry.create('metric', 'test:hand-written', { a: 1 })).toEqual({ a: 1 });
    expect(create).toHaveBeenCalledWith({ a: 1 }, { registry });
  });

  it('rejects a second argument that is not { registry }, naming the plugin', () => {
    const attempt = (context: unknown) => () =>
      outerPlugin.create({ inner: 'test:inner' }, context as PluginContext);
    expect(attempt(1)).toThrow(ConfigError);
    expect(attempt(1)).toThrow(
      "schedule 'test:outer': the creation context must be { registry } with a Registry, got 1. Hint: call create(options), or create(options, { registry }) to create through another registry.",
    );
    expect(attempt({ registry: {} })).toThrow(/the creation context must be \{ registry \}/);
    expect(() => outerPlugin.factory({ inner: 'x', factor: 1 }, 0 as never)).toThrow(
      /^plugin factory: the creation context must be/,
    );
  });
});

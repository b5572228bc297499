import { describe, expectTypeOf, it } from 'vitest';
import type { Backend } from '../../src/backend/backend.js';
import { definePlugin, type PluginEntry } from '../../src/registry/define-plugin.js';
import { definePluginPackage } from '../../src/registry/define-plugin-package.js';
import { option } from '../../src/registry/option.js';
import type { OptionsInputOf, OptionsOf } from '../../src/registry/option-schema.js';
import { createRegistry } from '../../src/registry/create-registry.js';
import type { PluginContext } from '../../src/registry/plugin-context.js';
import type { Registry } from '../../src/registry/registry.js';
import type { PluginProduct } from '../../src/registry/plugin-kinds.js';
import { toyPlugin, toySchema, type ToyOptimizer } from './toy-plugin.js';

// Type tests: vitest's typecheck mode (test.typecheck in vitest.shared.ts) runs tsc on this
// file; an `expectTypeOf` that does not hold, or a `@ts-expect-error` line that compiles,
// fails `pnpm test`. Nothing here is executed; the run-time side is registry-types.test.ts.

describe('registry typing', () => {
  it('infers resolved options from the schema: defaults present, optional absent', () => {
    expectTypeOf<OptionsOf<typeof toySchema>>().toEqualTypeOf<{
      readonly learningRate: number;
      readonly units: number;
      readonly mode: 'min' | 'max';
      readonly verbose: boolean;
      readonly seed: bigint;
      readonly keepProb?: readonly number[];
      readonly tag?: string;
    }>();
  });

  it('infers input options: defaults and optional options may be left out', () => {
    expectTypeOf<OptionsInputOf<typeof toySchema>>().toEqualTypeOf<{
      readonly units: number;
      readonly learningRate?: number | undefined;
      readonly mode?: 'min' | 'max' | undefined;
      readonly verbose?: boolean | undefined;
      readonly seed?: bigint | undefined;
      readonly keepProb?: readonly number[] | undefined;
      readonly tag?: string | undefined;
    }>();
  });

  it('passes the resolved options to the factory', () => {
    definePlugin({
      kind: 'metric',
      name: 'test:options',
      description: 'Options seen by create.',
      options: toySchema,
      create: (options) => {
        expectTypeOf(options).toEqualTypeOf<OptionsOf<typeof toySchema>>();
        return 0;
      },
    });
  });

  it('types entry.create from the schema and the kind', () => {
    expectTypeOf(toyPlugin.create).returns.toEqualTypeOf<ToyOptimizer>();
    toyPlugin.create({ units: 3 });
    // @ts-expect-error -- 'units' is required
    toyPlugin.create({});
    // @ts-expect-error -- the options object is required when an option is required
    toyPlugin.create();
    // @ts-expect-error -- a string is not a number
    toyPlugin.create({ units: 3, learningRate: '0.1' });
    // @ts-expect-error -- not one of the enum values
    toyPlugin.create({ units: 3, mode: 'median' });
    // @ts-expect-error -- unknown option
    toyPlugin.create({ units: 3, learnignRate: 0.1 });
  });

  it('keeps the exact return type of the factory for a directly used create', () => {
    const { create: scaledUniform } = definePlugin({
      kind: 'schedule',
      name: 'test:scaled-uniform',
      description: 'Uniform.',
      options: { gain: option.number({ default: 1 }) },
      create:
        ({ gain }) =>
        (fanIn: number): number =>
          gain / fanIn,
    });
    expectTypeOf(scaledUniform).returns.toEqualTypeOf<(fanIn: number) => number>();
    expectTypeOf<PluginProduct<'schedule'>>().toEqualTypeOf<unknown>();
  });

  it('makes the options argument optional when every option has a default', () => {
    const plain = definePlugin({
      kind: 'metric',
      name: 'test:plain',
      description: 'No options.',
      create: () => 42,
    });
    expectTypeOf(plain.create).parameters.toEqualTypeOf<
      [options?: Record<never, never>, context?: PluginContext]
    >();
  });

  it('gives the factory the creation context, which definitions may leave out', () => {
    const contextual = definePlugin({
      kind: 'metric',
      name: 'test:contextual',
      description: 'Reads the registry.',
      create: (_options, context) => {
        expectTypeOf(context).toEqualTypeOf<PluginContext>();
        expectTypeOf(context.registry).toEqualTypeOf<Registry>();
        return context.registry.names('metric').length;
      },
    });
    contextual.create({}, { registry: createRegistry() });
    contextual.factory({});
    // @ts-expect-error -- a context is { registry }
    contextual.create({}, {});
    // @ts-expect-error -- the registry must be a Registry
    contextual.create({}, { registry: 'default' });
  });

  it('types registry.create by kind through PluginProducts', () => {
    expectTypeOf<PluginProduct<'backend'>>().toEqualTypeOf<Backend>();
    expectTypeOf<PluginProduct<'layer'>>().toEqualTypeOf<unknown>();
    const registry = createRegistry();
    expectTypeOf(registry.create<'backend', 'cpu'>).returns.toEqualTypeOf<Backend>();
    expectTypeOf(registry.create<'searcher', 'test:toy'>).returns.toEqualTypeOf<ToyOptimizer>();
  });

  it('types registry.create options for plugins listed in KnownPlugins', () => {
    const registry = createRegistry();
    registry.create('searcher', 'test:toy', { units: 2, learningRate: 0.1 });
    // @ts-expect-error -- learningRate must be a number
    registry.create('searcher', 'test:toy', { units: 2, learningRate: 'x' });
    // names the type system does not know take any record, checked at run time
    registry.create('searcher', 'other', { learningRate: 'x' });
    const fromFlag: string = 'test:toy';
    registry.create('searcher', fromFlag, { anything: 1 });
    expectTypeOf(registry.get('searcher', 'test:toy')).toEqualTypeOf<
      PluginEntry<'searcher', typeof toySchema, ToyOptimizer>
    >();
  });

  it('accepts specific entries where a general entry is expected', () => {
    const registry = createRegistry();
    const general: PluginEntry = toyPlugin;
    definePluginPackage({ name: '@test/toy', entries: [toyPlugin, general] });
    registry.register(toyPlugin);
  });

  it('rejects definitions whose factory returns the wrong product', () => {
    definePlugin({
      kind: 'backend',
      name: 'test-bad',
      description: 'Not a backend.',
      // @ts-expect-error -- a backend factory must return a Backend
      create: () => 42,
    });
    // @ts-expect-error -- not a plugin kind
    definePlugin({ kind: 'optimiser', name: 'x', description: '', create: () => 1 });
    // @ts-expect-error -- the default must be one of the values
    option.enum(['a', 'b'], { default: 'c' });
    // @ts-expect-error -- no such setting
    option.number({ minimum: 0 });
  });
});

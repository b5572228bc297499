import { definePlugin } from '../../src/registry/define-plugin.js';
import { option } from '../../src/registry/option.js';

// A toy plugin shared by the registry type tests (registry-types.test-d.ts) and their run-time
// counterpart (registry-types.test.ts). The augmentations below are global to the TypeScript
// program; they use the `searcher` kind, which core does not give a product type yet, and a
// namespaced test name.

export interface ToyOptimizer {
  readonly learningRate: number;
  step(): void;
}

declare module '../../src/registry/plugin-kinds.js' {
  interface PluginProducts {
    searcher: ToyOptimizer;
  }
}

export const toySchema = {
  learningRate: option.number({ default: 0.01, exclusiveMin: 0, scale: 'log' }),
  units: option.number({ integer: true, min: 1 }),
  mode: option.enum(['min', 'max'], { default: 'min' }),
  keepProb: option.numberList({ exclusiveMin: 0, max: 1, optional: true }),
  verbose: option.boolean({ default: false }),
  tag: option.string({ optional: true }),
  seed: option.custom({
    typeName: 'bigint',
    check: (value: unknown): value is bigint => typeof value === 'bigint',
    default: 1n,
  }),
};

export const toyPlugin = definePlugin({
  kind: 'searcher',
  name: 'test:toy',
  description: 'A toy.',
  options: toySchema,
  create: (options): ToyOptimizer => ({
    learningRate: options.learningRate,
    step: () => undefined,
  }),
});

declare module '../../src/registry/known-plugins.js' {
  interface KnownPlugins {
    'searcher/test:toy': typeof toyPlugin;
  }
}

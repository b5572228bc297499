import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  PluginConflictError,
  createRegistry,
  definePlugin,
  option,
} from '../../src/index.js';

const definition = {
  kind: 'layer',
  name: 'acme:box',
  description: 'A layer with one parameter.',
  options: { size: option.number({ integer: true, min: 1 }) },
  create: () => ({}) as never,
} as const;

describe('definePlugin: stateShapes of layer plugins', () => {
  it('keeps the declaration on the entry, and leaves entries without one unchanged', () => {
    const stateShapes = ({ size }: { size: number }) => ({
      weight: { shape: [size], dtype: 'float32' as const },
    });
    const entry = definePlugin({ ...definition, stateShapes });
    expect(entry.stateShapes?.({ size: 3 })).toEqual({ weight: { shape: [3], dtype: 'float32' } });
    expect('stateShapes' in definePlugin(definition)).toBe(false);
  });

  it('refuses it on other kinds, and when it is not a function', () => {
    expect(() =>
      definePlugin({
        kind: 'loss',
        name: 'acme:loss',
        description: 'x',
        create: () => (() => 0) as never,
        stateShapes: () => ({}),
      } as never),
    ).toThrow(/'stateShapes' must be a function of a layer plugin, got .* on a loss plugin/);
    expect(() => definePlugin({ ...definition, stateShapes: 3 } as never)).toThrow(ConfigError);
  });

  it('makes entries that differ only by their declaration different entries', () => {
    const registry = createRegistry();
    const plain = definePlugin(definition);
    registry.register(plain);
    expect(() => registry.register({ ...plain, stateShapes: () => ({}) } as typeof plain)).toThrow(
      PluginConflictError,
    );
    expect(() => registry.register({ ...plain, stateShapes: 'x' } as never)).toThrow(
      /'stateShapes' must be a function of a layer plugin/,
    );
  });
});

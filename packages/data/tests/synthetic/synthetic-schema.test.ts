import { describe, expect, it } from 'vitest';
import { plugin } from '../../src/plugin.js';
import { blobs } from '../../src/synthetic/blobs.js';
import { moons } from '../../src/synthetic/moons.js';
import {
  multiClassSyntheticSchema,
  syntheticSchema,
} from '../../src/synthetic/synthetic-schema.js';

describe('syntheticSchema', () => {
  it('is the schema of every synthetic dataset plugin (one description of the options)', () => {
    for (const entry of plugin.entries) {
      const schema = 'classes' in entry.options ? multiClassSyntheticSchema : syntheticSchema;
      expect(entry.options, entry.name).toEqual(schema);
    }
  });

  it('makes the functions and the plugins report a bad option identically', async () => {
    const { createRegistry } = await import('@deeptune/core');
    const registry = createRegistry({ plugins: [plugin] });
    const message = (run: () => unknown): string => {
      try {
        run();
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(message(() => moons({ m: 0 }))).toBe(
      message(() => registry.create('dataset', 'moons', { m: 0 })),
    );
    expect(message(() => blobs({ m: 10, classes: 1 }))).toBe(
      message(() => registry.create('dataset', 'blobs', { m: 10, classes: 1 })),
    );
    expect(message(() => moons({ m: 0 }))).toBe(
      "dataset 'moons': option 'm' must be an integer in [1, 1000000], got 0",
    );
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry } from '@deeptune/core';
import { describe, expect, it } from 'vitest';
import { moons, plugin } from '../src/index.js';
import { nodePlugin } from '../src/node/index.js';

describe('plugin', () => {
  it('registers the synthetic datasets', () => {
    const registry = createRegistry({ plugins: [plugin] });
    expect(registry.names('dataset')).toEqual(['blobs', 'circles', 'moons', 'spirals', 'xor']);
  });

  it('creates the same data as the direct call', async () => {
    const registry = createRegistry({ plugins: [plugin] });
    const loader = registry.create('dataset', 'moons', { m: 50, noise: 0.2, seed: 3 });
    const { train, classes } = await loader.load();
    expect(classes).toBe(2);
    expect(Array.from(train.inputs.data)).toEqual(
      Array.from(moons({ m: 50, noise: 0.2, seed: 3 }).inputs.data),
    );
  });

  it('validates options through the schema', () => {
    const registry = createRegistry({ plugins: [plugin] });
    expect(() => registry.create('dataset', 'circles', { m: -1 })).toThrow(/m/);
  });
});

describe('nodePlugin', () => {
  it('registers mnist and csv next to the synthetic datasets', async () => {
    const registry = createRegistry({ plugins: [plugin, nodePlugin] });
    expect(registry.names('dataset')).toContain('mnist');
    const { train, test, classes } = await registry
      .create('dataset', 'mnist', { subset: 10, testSubset: 5 })
      .load();
    expect([train.size, test?.size, classes]).toEqual([10, 5, 10]);
  });

  it('loads a CSV file with named classes and reports the names', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deeptune-csv-plugin-'));
    try {
      const path = join(dir, 'iris.csv');
      await writeFile(path, 'a,b,species\n1,2,virginica\n3,4,setosa\n5,6,virginica\n');
      const registry = createRegistry({ plugins: [plugin, nodePlugin] });
      const loaded = await registry
        .create('dataset', 'csv', { path, labelColumn: 'species', targets: 'class-name' })
        .load();
      expect(loaded.classes).toBe(2);
      expect(loaded.classNames).toEqual(['setosa', 'virginica']);
      expect(Array.from(loaded.train.targets.data)).toEqual([1, 0, 1]);
      // A test file with one class loads when the number of classes is given.
      const single = join(dir, 'single.csv');
      await writeFile(single, 'a,y\n1,2\n3,2\n');
      const csv = (options: Record<string, unknown>) =>
        registry.create('dataset', 'csv', { path: single, labelColumn: 'y', ...options }).load();
      await expect(csv({})).rejects.toThrow(/every one of the 2 rows has the label 2/);
      const subset = await csv({ classes: 3 });
      expect(subset.classes).toBe(3);
      expect(Array.from(subset.train.targets.data)).toEqual([2, 2]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

import { definePlugin } from '@deeptune/core';
import { multiClassSyntheticSchema, syntheticSchema } from '../synthetic/synthetic-schema.js';
import type { Dataset } from '../dataset/dataset.js';
import { blobs } from '../synthetic/blobs.js';
import { circles } from '../synthetic/circles.js';
import { moons } from '../synthetic/moons.js';
import { spirals } from '../synthetic/spirals.js';
import { xor } from '../synthetic/xor.js';
import type { DatasetLoader } from './dataset-loader.js';

/** The options every synthetic dataset plugin accepts, shared with the generators. */
const commonOptions = syntheticSchema;

/** The options of the synthetic datasets with a configurable number of classes. */
const multiClassOptions = multiClassSyntheticSchema;

/** A loader of 2-D data generated (and validated) up front. */
function inMemory(name: string, data: Dataset, classes: number): DatasetLoader {
  const loaded = Object.freeze({ train: data, classes });
  const info = Object.freeze({ synthetic: true, features: 2, classes });
  return Object.freeze({ name, info, load: () => Promise.resolve(loaded) });
}

/** @internal */
export const circlesPlugin = definePlugin({
  kind: 'dataset',
  name: 'circles',
  description: 'Concentric circles, one class per ring (2-D, seeded).',
  options: multiClassOptions,
  create: (options) => inMemory('circles', circles(options), options.classes ?? 2),
});

/** @internal */
export const moonsPlugin = definePlugin({
  kind: 'dataset',
  name: 'moons',
  description: 'Two interleaving half-moons (2-D, seeded).',
  options: commonOptions,
  create: (options) => inMemory('moons', moons(options), 2),
});

/** @internal */
export const spiralsPlugin = definePlugin({
  kind: 'dataset',
  name: 'spirals',
  description: 'Interleaved spiral arms, one class per arm (2-D, seeded).',
  options: multiClassOptions,
  create: (options) => inMemory('spirals', spirals(options), options.classes ?? 3),
});

/** @internal */
export const xorPlugin = definePlugin({
  kind: 'dataset',
  name: 'xor',
  description: 'The XOR problem: four Gaussian clusters at (±1, ±1) (2-D, seeded).',
  options: commonOptions,
  create: (options) => inMemory('xor', xor(options), 2),
});

/** @internal */
export const blobsPlugin = definePlugin({
  kind: 'dataset',
  name: 'blobs',
  description: 'Isotropic Gaussian blobs, one per class (2-D, seeded).',
  options: multiClassOptions,
  create: (options) => inMemory('blobs', blobs(options), options.classes ?? 3),
});

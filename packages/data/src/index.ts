/**
 * Data for deeptune: datasets of (X, Y) tensors, train/dev/test splits, input
 * normalization fitted on the training set only, mini-batches, and seeded synthetic 2-D
 * datasets. Everything here is browser-safe; file access (IDX/MNIST, CSV files) lives in
 * `@deeptune/data/node`.
 *
 * ```ts
 * import { Rng } from '@deeptune/core';
 * import { minibatches, moons, Standardizer, trainDevTestSplit } from '@deeptune/data';
 *
 * const rng = new Rng(0);
 * const { train, dev } = trainDevTestSplit(moons({ m: 1000, noise: 0.2, rng }), {
 *   ratios: [0.6, 0.2, 0.2],
 *   rng,
 * });
 * const standardizer = new Standardizer().fit(train.inputs);
 * for (const batch of minibatches(standardizer.transformDataset(train), { batchSize: 64, rng })) {
 *   // forward, backward, update
 * }
 * ```
 *
 * @packageDocumentation
 * @mergeModuleWith <project>
 */

// Datasets
export { dataset } from './dataset/dataset.js';
export type { Dataset } from './dataset/dataset.js';
export { oneHot } from './dataset/one-hot.js';
export { toClassIndices } from './dataset/to-class-indices.js';

// Mini-batches
export type { Batch } from './batching/batch.js';
export { minibatches } from './batching/minibatches.js';
export type { MinibatchOptions, Minibatches } from './batching/minibatches.js';

// Splits
export { trainDevTestSplit } from './split/train-dev-test-split.js';
export type { TrainDevTestSplit, TrainDevTestSplitOptions } from './split/train-dev-test-split.js';
export type { SplitRatios } from './split/split-ratios.js';
export { suggestSplitRatios } from './split/suggest-split-ratios.js';
export { kFold } from './split/k-fold.js';
export type { Fold, KFoldOptions } from './split/k-fold.js';

// Normalization
export { Standardizer } from './normalization/standardizer.js';
export type { StandardizerJSON } from './normalization/standardizer-json.js';

// Synthetic datasets
export { circles } from './synthetic/circles.js';
export { moons } from './synthetic/moons.js';
export { spirals } from './synthetic/spirals.js';
export { xor } from './synthetic/xor.js';
export { blobs } from './synthetic/blobs.js';
export type {
  SyntheticOptions,
  MultiClassSyntheticOptions,
} from './synthetic/synthetic-options.js';

// IDX files (parsing is browser-safe; readIdx and mnist are in @deeptune/data/node)
export { parseIdx } from './idx/parse-idx.js';
export { idxToTensor } from './idx/idx-to-tensor.js';
export type { IdxArray, IdxData, IdxType } from './idx/idx-array.js';

// CSV (parsing is browser-safe; readCsv is in @deeptune/data/node)
export { parseCsv } from './csv/parse-csv.js';
export type { CsvOptions, CsvTargetKind } from './csv/csv-options.js';
export type { CsvData } from './csv/csv-data.js';

// Plugins
export { plugin, register } from './plugin.js';
export type { DatasetInfo, DatasetLoader, LoadedDataset } from './plugin/dataset-loader.js';

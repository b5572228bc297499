import { describe, expect, it } from 'vitest';
import { ConfigError } from '@deeptune/core';
import {
  Standardizer,
  moons,
  suggestSplitRatios,
  trainDevTestSplit,
  type Dataset,
  type LoadedDataset,
} from '@deeptune/data';
import { splitForTraining } from '../../src/index.js';
import { blobs } from '../support/synthetic.js';

/** The inputs of a dataset as a plain array. */
function inputs(data: Dataset): number[] {
  return [...data.inputs.data];
}

/** The error `run` throws. */
function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

const loaded: LoadedDataset = { train: moons({ m: 100, seed: 4 }) };

describe('splitForTraining', () => {
  it('divides the examples by the ratios, stratified and seeded as trainDevTestSplit does', () => {
    const split = splitForTraining(loaded, { ratios: [0.6, 0.2, 0.2], seed: 7 });
    const reference = trainDevTestSplit(loaded.train, {
      ratios: [0.6, 0.2, 0.2],
      seed: 7,
      stratify: true,
    });
    expect([split.train.size, split.dev.size, split.test.size]).toEqual([60, 20, 20]);
    expect(inputs(split.dev)).toEqual(inputs(reference.dev));
    expect(inputs(split.test)).toEqual(inputs(reference.test));
    expect(split.ratios).toEqual([0.6, 0.2, 0.2]);
    expect(split.features).toBe(2);
    expect(split.standardizer).toBeUndefined();
  });

  it('standardizes all three sets with statistics of the training set only', () => {
    const split = splitForTraining(loaded, { ratios: [0.6, 0.2, 0.2], seed: 7, standardize: true });
    const raw = splitForTraining(loaded, { ratios: [0.6, 0.2, 0.2], seed: 7 });
    const fitted = new Standardizer().fit(raw.train.inputs);
    expect(split.standardizer!.toJSON()).toEqual(fitted.toJSON());
    expect(inputs(split.dev)).toEqual([...fitted.transform(raw.dev.inputs).data]);
    const means = split.train.inputs.data;
    const meanX = Array.from({ length: 60 }, (_, i) => means[2 * i]!).reduce((a, b) => a + b) / 60;
    expect(Math.abs(meanX)).toBeLessThan(1e-6);
  });

  it('defaults to the suggested ratios and seed 0', () => {
    const split = splitForTraining(loaded);
    expect(split.ratios).toEqual(suggestSplitRatios(100));
    expect(inputs(split.dev)).toEqual(
      inputs(splitForTraining(loaded, { ratios: suggestSplitRatios(100), seed: 0 }).dev),
    );
  });

  it('keeps the own test set of a dataset and divides its training examples into train and dev', () => {
    const own: LoadedDataset = { train: blobs(50, 1), test: blobs(12, 2) };
    const split = splitForTraining(own, { ratios: [0.8, 0.2], seed: 3 });
    expect([split.train.size, split.dev.size, split.test.size]).toEqual([40, 10, 12]);
    expect(split.ratios).toEqual([0.8, 0.2, 0]);
    expect(inputs(split.test)).toEqual(inputs(own.test!));
    const [train, dev, test] = suggestSplitRatios(50);
    expect(splitForTraining(own).ratios).toEqual([train + test, dev, 0]);
  });

  it.each([
    [{ train: blobs(30, 1), test: blobs(6, 2) }, [0.8, 0.1, 0.1], 'its own test set'],
    [loaded, [0.8, 0.2], '[train, dev] apply only to a dataset with its own test set'],
    [loaded, [1], 'ratios must be [train, dev, test]'],
    [loaded, [0.5, 0.2, 0.2], 'sum to'],
  ])('rejects ratios that do not fit the data: %#', (data, ratios, message) => {
    const error = thrown(() =>
      splitForTraining(data as LoadedDataset, { ratios: ratios as never }),
    );
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error.message).toContain(message);
  });

  it('rejects a non-boolean standardize', () => {
    const error = thrown(() => splitForTraining(loaded, { standardize: 'yes' as never }));
    expect(error.message).toContain('splitForTraining: standardize must be true or false');
  });
});

import { describe, expect, it } from 'vitest';
import { DataFormatError } from '@deeptune/core';
import { Standardizer, moons, type Dataset, type LoadedDataset } from '@deeptune/data';
import { recreateSplit, splitForTraining } from '../../src/index.js';

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

describe('recreateSplit', () => {
  const run = splitForTraining(loaded, { ratios: [0.7, 0.15, 0.15], seed: 11, standardize: true });
  const saved = Standardizer.fromJSON(JSON.parse(JSON.stringify(run.standardizer!.toJSON())));

  it('gives back the very sets of the run from its ratios, seed and saved standardizer', () => {
    const again = recreateSplit(
      { train: moons({ m: 100, seed: 4 }) },
      { ratios: run.ratios, seed: 11, standardizer: saved, features: 2 },
    );
    expect(inputs(again.train)).toEqual(inputs(run.train));
    expect(inputs(again.dev)).toEqual(inputs(run.dev));
    expect(inputs(again.test)).toEqual(inputs(run.test));
    expect(again.standardizer).toBe(saved);
  });

  it('recreates an unstandardized run without a standardizer', () => {
    const plain = splitForTraining(loaded, { ratios: [0.7, 0.15, 0.15], seed: 11 });
    const again = recreateSplit(loaded, { ratios: [0.7, 0.15, 0.15], seed: 11 });
    expect(inputs(again.test)).toEqual(inputs(plain.test));
    expect(again.standardizer).toBeUndefined();
  });

  it('refuses data whose training statistics differ from the saved standardizer', () => {
    const error = thrown(() =>
      recreateSplit(loaded, { ratios: run.ratios, seed: 12, standardizer: saved }),
    );
    expect(DataFormatError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(
      /^recreateSplit: the re-created training set is not the one the model was trained on: its statistics differ from the saved standardizer's \(mean of feature 0 is [-\d.e]+ vs [-\d.e]+ saved\)/,
    );
    const changed = thrown(() =>
      recreateSplit(
        { train: moons({ m: 101, seed: 4 }) },
        { ratios: run.ratios, seed: 11, standardizer: saved },
      ),
    );
    expect(changed.message).toContain('the data changed since training');
  });

  it('refuses data with another number of features than the model takes', () => {
    const error = thrown(() => recreateSplit(loaded, { seed: 11, features: 3 }));
    expect(DataFormatError.isInstance(error)).toBe(true);
    expect(error.message).toContain(
      'recreateSplit: the data has 2 features per example, but the model takes 3',
    );
  });

  it('needs the seed of the run, and names itself in ratio errors', () => {
    expect(thrown(() => recreateSplit(loaded, {} as never)).message).toContain(
      'expected options with the seed of the run',
    );
    expect(thrown(() => recreateSplit(loaded, { seed: 1, ratios: [0.9, 0.1] })).message).toMatch(
      /^recreateSplit: ratios \[train, dev\] apply only/,
    );
  });
});

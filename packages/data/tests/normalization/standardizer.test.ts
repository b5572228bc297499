import { ConfigError, DataFormatError, ShapeError, tensor } from '@deeptune/core';
import { describe, expect, it } from 'vitest';
import { Standardizer, dataset } from '../../src/index.js';

// Feature 0: 1, 2, 3 → μ 2, σ² 2/3. Feature 1: 10, 10, 10 → μ 10, σ² 0 (constant).
const train = tensor(
  [
    [1, 10],
    [2, 10],
    [3, 10],
  ],
  { dtype: 'float64' },
);

describe('Standardizer', () => {
  it('computes μ and the 1/m variance per feature', () => {
    const standardizer = new Standardizer().fit(train);
    expect(standardizer.mean.toArray()).toEqual([2, 10]);
    expect(standardizer.variance.get(0)).toBeCloseTo(2 / 3, 15);
    expect(standardizer.variance.get(1)).toBe(0);
  });

  it('transforms to zero mean and unit variance, constant features to 0 without NaN', () => {
    const out = new Standardizer().fitTransform(train);
    const s = Math.sqrt(2 / 3);
    const expected = [
      [-1 / s, 0],
      [0, 0],
      [1 / s, 0],
    ];
    (out.toArray() as number[][]).forEach((row, i) => {
      row.forEach((value, j) => expect(value).toBeCloseTo(expected[i]![j]!, 14));
    });
  });

  it('transforms dev data with the training statistics', () => {
    const standardizer = new Standardizer().fit(train);
    const dev = standardizer.transform(tensor([[4, 12]], { dtype: 'float64' }));
    expect(dev.get(0, 0)).toBeCloseTo(2 / Math.sqrt(2 / 3), 14);
    expect(dev.get(0, 1)).toBe(2); // (12 − 10) / 1 for the constant feature
  });

  it('keeps the dtype and shape of the input', () => {
    const images = tensor(
      new Float32Array(2 * 2 * 3).map((_, i) => i),
      { shape: [2, 2, 3] },
    );
    const out = new Standardizer().fitTransform(images);
    expect(out.dtype).toBe('float32');
    expect(out.shape).toEqual([2, 2, 3]);
    expect(Array.from(out.data)).toEqual([-1, -1, -1, -1, -1, -1, 1, 1, 1, 1, 1, 1]);
  });

  it('transforms a dataset and keeps its targets', () => {
    const data = dataset(train, tensor([0, 1, 0], { dtype: 'float64' }));
    const out = new Standardizer().fit(train).transformDataset(data);
    expect(out.targets).toBe(data.targets);
  });

  it('round-trips through JSON exactly', () => {
    const standardizer = new Standardizer().fit(train);
    const restored = Standardizer.fromJSON(JSON.parse(JSON.stringify(standardizer.toJSON())));
    const x = tensor([[0.3, 7]], { dtype: 'float64' });
    expect(restored.transform(x).toArray()).toEqual(standardizer.transform(x).toArray());
    expect(restored.toJSON()).toEqual(standardizer.toJSON());
  });

  it.each([
    [{ type: 'scaler' }, /type must be 'standardizer'/],
    [{ type: 'standardizer', version: 2 }, /unsupported version 2/],
    [
      { type: 'standardizer', version: 1, featureShape: [2], mean: [0], variance: [1, 1] },
      /mean must be an array of 2/,
    ],
    [
      { type: 'standardizer', version: 1, featureShape: [1], mean: [0], variance: [-1] },
      /variance\[0\] must be a finite number >= 0/,
    ],
  ])('rejects malformed JSON %j', (json, message) => {
    const call = () => Standardizer.fromJSON(json as never);
    expect(call).toThrow(DataFormatError);
    expect(call).toThrow(message);
  });

  it('reads only own fields: nothing from a prototype, a "__proto__" key is just a key', () => {
    const inherited = Object.create({
      type: 'standardizer',
      version: 1,
      featureShape: [1],
      mean: [0],
      variance: [1],
    }) as object;
    const call = () => Standardizer.fromJSON(inherited as never);
    expect(call).toThrow(DataFormatError);
    expect(call).toThrow("Standardizer.fromJSON: type must be 'standardizer', got undefined.");
    const parsed = JSON.parse(
      '{"__proto__": {"type": "standardizer"}, "version": 1, "featureShape": [1], "mean": [0], "variance": [1]}',
    ) as never;
    expect(() => Standardizer.fromJSON(parsed)).toThrow(/type must be 'standardizer'/);
    const own = Standardizer.fromJSON({
      ...(JSON.parse(JSON.stringify(Object.getPrototypeOf(inherited))) as object),
    } as never);
    expect(own.fitted).toBe(true);
  });

  it('throws before fit and for mismatched shapes', () => {
    expect(() => new Standardizer().transform(train)).toThrow(ConfigError);
    const standardizer = new Standardizer().fit(train);
    expect(() => standardizer.transform(tensor([[1, 2, 3]], { dtype: 'float64' }))).toThrow(
      ShapeError,
    );
  });

  it('rejects non-finite training values, naming the example and feature', () => {
    const call = () =>
      new Standardizer().fit(
        tensor([
          [1, 2],
          [Number.NaN, 1],
        ]),
      );
    expect(call).toThrow(DataFormatError);
    expect(call).toThrow(/example 1, feature 0 is NaN/);
  });
});

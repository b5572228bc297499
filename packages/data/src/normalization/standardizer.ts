import {
  ConfigError,
  DataFormatError,
  ShapeError,
  tensor,
  type Tensor,
  describeValue,
  formatShape,
} from '@deeptune/core';
import { dataset, type Dataset } from '../dataset/dataset.js';
import { assertTensor } from '../internal/assert-tensor.js';
import type { StandardizerJSON } from './standardizer-json.js';

/** The statistics of a fitted standardizer. */
interface Statistics {
  readonly featureShape: readonly number[];
  readonly mean: Float64Array;
  readonly variance: Float64Array;
  /** σ where σ > 0, else 1: what `transform` divides by. */
  readonly scale: Float64Array;
}

/** σ per feature, with 1 where σ = 0 (a constant feature is only centred). */
function scaleOf(variance: Float64Array): Float64Array {
  return variance.map((value) => (value > 0 ? Math.sqrt(value) : 1));
}

/**
 * Normalises inputs to zero mean and unit variance per feature, with statistics from the
 * training set only.
 *
 * `fit` computes, for every feature j (every position of an example, e.g. each of the 784
 * pixels), over the m training examples:
 *
 * ```text
 * μ_j  = (1/m) Σ_i x_ij
 * σ²_j = (1/m) Σ_i (x_ij − μ_j)²          (the 1/m variance of the course, not 1/(m − 1))
 * transform: x̂_ij = (x_ij − μ_j) / σ_j    with σ_j replaced by 1 where σ_j = 0
 * ```
 *
 * A zero-variance (constant) feature is therefore centred to 0 but not scaled: no NaN and
 * no ε that would distort the other features. Fit on the training set only, then transform
 * the dev and test sets (and every input at prediction time) with the *same* μ and σ², so
 * all data goes through the same mapping. Statistics are computed in float64; outputs keep
 * the dtype of the input. {@link Standardizer.toJSON} / {@link Standardizer.fromJSON} save
 * and restore it with a model.
 *
 * @category Normalization
 *
 * @example
 * ```ts
 * const standardizer = new Standardizer().fit(train.inputs);
 * const trainNorm = standardizer.transformDataset(train);
 * const devNorm = standardizer.transformDataset(dev); // training μ and σ², never dev's own
 * const saved = JSON.stringify(standardizer.toJSON());
 * const restored = Standardizer.fromJSON(JSON.parse(saved));
 * ```
 */
export class Standardizer {
  #statistics: Statistics | undefined;

  /**
   * Restores a standardizer saved with {@link Standardizer.toJSON}, validating every field.
   *
   * @param json - the parsed JSON (for example read from a model directory).
   * @returns a fitted standardizer with exactly the saved statistics.
   * @throws {@link @deeptune/core!DataFormatError} naming the bad field when `json` is not a
   *   valid {@link StandardizerJSON}.
   */
  static fromJSON(json: StandardizerJSON): Standardizer {
    const where = 'Standardizer.fromJSON';
    const candidate: unknown = json;
    if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
      throw new DataFormatError(
        `${where}: expected an object from standardizer.toJSON(), got ${describeValue(candidate)}.`,
      );
    }
    // Only the object's own fields count: nothing is read from a prototype.
    const source = candidate as Record<string, unknown>;
    const record = (name: string): unknown =>
      Object.hasOwn(source, name) ? source[name] : undefined;
    if (record('type') !== 'standardizer') {
      throw new DataFormatError(
        `${where}: type must be 'standardizer', got ${describeValue(record('type'))}.`,
      );
    }
    if (record('version') !== 1) {
      throw new DataFormatError(
        `${where}: unsupported version ${describeValue(record('version'))}; expected 1. ` +
          'Hint: the file may come from a newer deeptune.',
      );
    }
    const featureShape = record('featureShape');
    if (
      !Array.isArray(featureShape) ||
      !featureShape.every(
        (dim: unknown) => typeof dim === 'number' && Number.isInteger(dim) && dim >= 1,
      )
    ) {
      throw new DataFormatError(
        `${where}: featureShape must be an array of integers >= 1, got ${JSON.stringify(featureShape)}.`,
      );
    }
    const features = (featureShape as number[]).reduce((product, dim) => product * dim, 1);
    const read = (name: 'mean' | 'variance'): Float64Array => {
      const values = record(name);
      if (!Array.isArray(values) || values.length !== features) {
        throw new DataFormatError(
          `${where}: ${name} must be an array of ${features} numbers (featureShape ` +
            `${formatShape(featureShape as number[])}), got ${describeValue(values)}.`,
        );
      }
      values.forEach((value: unknown, j) => {
        const valid =
          typeof value === 'number' && Number.isFinite(value) && (name === 'mean' || value >= 0);
        if (!valid) {
          const expected = name === 'mean' ? 'a finite number' : 'a finite number >= 0';
          throw new DataFormatError(
            `${where}: ${name}[${j}] must be ${expected}, got ${describeValue(value)}.`,
          );
        }
      });
      return Float64Array.from(values as number[]);
    };
    const mean = read('mean');
    const variance = read('variance');
    const standardizer = new Standardizer();
    standardizer.#statistics = {
      featureShape: [...(featureShape as number[])],
      mean,
      variance,
      scale: scaleOf(variance),
    };
    return standardizer;
  }

  /** Whether {@link Standardizer.fit} (or {@link Standardizer.fromJSON}) has set the statistics. */
  get fitted(): boolean {
    return this.#statistics !== undefined;
  }

  /**
   * The per-feature training means μ, as a float64 tensor of the example shape.
   * @throws {@link @deeptune/core!ConfigError} before `fit`.
   */
  get mean(): Tensor {
    const { mean, featureShape } = this.#fitted('Standardizer.mean');
    return tensor(mean, { shape: featureShape });
  }

  /**
   * The per-feature training variances σ² (1/m), as a float64 tensor of the example shape.
   * @throws {@link @deeptune/core!ConfigError} before `fit`.
   */
  get variance(): Tensor {
    const { variance, featureShape } = this.#fitted('Standardizer.variance');
    return tensor(variance, { shape: featureShape });
  }

  /**
   * Computes μ and σ² (1/m) per feature from the training inputs, replacing earlier ones.
   *
   * @param trainInputs - the training inputs `[m, …]`, m ≥ 1, all values finite.
   * @returns this standardizer, for chaining.
   * @throws {@link @deeptune/core!ShapeError} when `trainInputs` has rank < 2 or m = 0.
   * @throws {@link @deeptune/core!DataFormatError} when a value is NaN or infinite, naming
   *   the example and the feature.
   */
  fit(trainInputs: Tensor): this {
    const where = 'Standardizer.fit';
    assertTensor(where, 'trainInputs', trainInputs);
    if (trainInputs.rank < 2 || trainInputs.shape[0] === 0) {
      throw new ShapeError(
        `${where}: expected training inputs [m, …] with m >= 1 and rank >= 2, got ${formatShape(trainInputs.shape)}.`,
      );
    }
    const m = trainInputs.shape[0]!;
    const featureShape = trainInputs.shape.slice(1);
    const features = trainInputs.size / m;
    const data = trainInputs.data;
    const mean = new Float64Array(features);
    for (let i = 0; i < m; i++) {
      const row = i * features;
      for (let j = 0; j < features; j++) {
        const value = data[row + j]!;
        if (!Number.isFinite(value)) {
          throw new DataFormatError(
            `${where}: example ${i}, feature ${j} is ${value}; expected finite values. ` +
              'Hint: impute or drop missing values before normalising.',
          );
        }
        mean[j]! += value;
      }
    }
    for (let j = 0; j < features; j++) mean[j]! /= m;
    const variance = new Float64Array(features);
    for (let i = 0; i < m; i++) {
      const row = i * features;
      for (let j = 0; j < features; j++) {
        const deviation = data[row + j]! - mean[j]!;
        variance[j]! += deviation * deviation;
      }
    }
    for (let j = 0; j < features; j++) variance[j]! /= m;
    this.#statistics = { featureShape, mean, variance, scale: scaleOf(variance) };
    return this;
  }

  /**
   * Normalises inputs with the training statistics: `(x − μ) / σ` per feature.
   *
   * @param inputs - inputs `[m′, …]` with the same example shape as the training inputs.
   * @returns a new tensor of the same shape and dtype.
   * @throws {@link @deeptune/core!ConfigError} before `fit`.
   * @throws {@link @deeptune/core!ShapeError} when the example shape differs from the fitted one.
   */
  transform(inputs: Tensor): Tensor {
    const where = 'Standardizer.transform';
    const { featureShape, mean, scale } = this.#fitted(where);
    assertTensor(where, 'inputs', inputs);
    const exampleShape = inputs.shape.slice(1);
    if (
      inputs.rank < 2 ||
      exampleShape.length !== featureShape.length ||
      exampleShape.some((dim, axis) => dim !== featureShape[axis])
    ) {
      throw new ShapeError(
        `${where}: inputs ${formatShape(inputs.shape)} do not fit the fitted example shape ` +
          `${formatShape(featureShape)}; expected [m, ${featureShape.join(', ')}].`,
      );
    }
    const features = mean.length;
    const source = inputs.data;
    const out =
      inputs.dtype === 'float64'
        ? new Float64Array(source.length)
        : new Float32Array(source.length);
    for (let row = 0; row < source.length; row += features) {
      for (let j = 0; j < features; j++) out[row + j] = (source[row + j]! - mean[j]!) / scale[j]!;
    }
    return tensor(out, { shape: inputs.shape });
  }

  /**
   * Fits on `trainInputs` and returns them transformed; the same as `fit(x).transform(x)`.
   *
   * @param trainInputs - the training inputs `[m, …]`.
   * @returns the normalised training inputs.
   * @throws see {@link Standardizer.fit}.
   */
  fitTransform(trainInputs: Tensor): Tensor {
    return this.fit(trainInputs).transform(trainInputs);
  }

  /**
   * A dataset with normalised inputs and the same targets.
   *
   * @param data - a dataset whose inputs have the fitted example shape.
   * @returns a new dataset.
   * @throws see {@link Standardizer.transform}.
   */
  transformDataset(data: Dataset): Dataset {
    return dataset(this.transform(data.inputs), data.targets);
  }

  /**
   * The statistics as plain JSON, for saving with a model.
   *
   * @returns a fresh {@link StandardizerJSON}; restore it with {@link Standardizer.fromJSON}.
   * @throws {@link @deeptune/core!ConfigError} before `fit`.
   */
  toJSON(): StandardizerJSON {
    const { featureShape, mean, variance } = this.#fitted('Standardizer.toJSON');
    return {
      type: 'standardizer',
      version: 1,
      featureShape: [...featureShape],
      mean: Array.from(mean),
      variance: Array.from(variance),
    };
  }

  #fitted(where: string): Statistics {
    if (this.#statistics === undefined) {
      throw new ConfigError(
        `${where}: the standardizer is not fitted yet. Hint: call fit(trainInputs) on the training set first.`,
      );
    }
    return this.#statistics;
  }
}

import {
  ConfigError,
  InvalidHyperparameterError,
  Rng,
  tensor,
  describeValue,
} from '@deeptune/core';
import { dataset, type Dataset } from '../dataset/dataset.js';
import { resolveRng } from '../internal/resolve-rng.js';
import type { MultiClassSyntheticOptions } from './synthetic-options.js';

/**
 * What a synthetic generator needs to produce one point: its class, its position within the
 * class (0 … count − 1), the class size, and the generator.
 * @internal
 */
export interface PointRequest {
  readonly label: number;
  readonly position: number;
  readonly count: number;
  readonly rng: Rng;
}

/** Defaults and limits of one synthetic generator. @internal */
export interface GeneratorSpec {
  readonly name: string;
  readonly defaultNoise: number;
  readonly defaultClasses: number;
  /** Whether `classes` may differ from `defaultClasses`. */
  readonly multiClass: boolean;
  /** The clean point `[x, y]` for a request; noise is added afterwards. */
  readonly point: (request: PointRequest, classes: number) => [number, number];
}

/**
 * Validates the options and builds the dataset: example i has class `i mod classes` (so
 * classes are balanced and interleaved), its clean point from `spec.point`, plus
 * `noise · N(0, 1)` on each coordinate, all drawn from one generator in example order.
 * @internal
 */
export function generate(spec: GeneratorSpec, options: MultiClassSyntheticOptions): Dataset {
  const where = spec.name;
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError(
      `${where}: options must be an object such as { m: 200 }, got ${describeValue(options)}.`,
    );
  }
  const { m } = options;
  if (typeof m !== 'number' || !Number.isInteger(m) || m < 1) {
    throw new ConfigError(`${where}: m must be an integer >= 1, got ${describeValue(m)}.`);
  }
  const noise = options.noise ?? spec.defaultNoise;
  if (typeof noise !== 'number' || !Number.isFinite(noise) || noise < 0) {
    throw new InvalidHyperparameterError(
      `${where}: noise must be a finite number >= 0 (a standard deviation), got ${describeValue(noise)}.`,
    );
  }
  const classes = options.classes ?? spec.defaultClasses;
  if (!spec.multiClass && classes !== spec.defaultClasses) {
    throw new ConfigError(
      `${where}: has exactly ${spec.defaultClasses} classes, got classes ${describeValue(classes)}. ` +
        'Hint: circles, spirals and blobs take a number of classes.',
    );
  }
  if (typeof classes !== 'number' || !Number.isInteger(classes) || classes < 2) {
    throw new ConfigError(
      `${where}: classes must be an integer >= 2, got ${describeValue(classes)}.`,
    );
  }
  const dtype = options.dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new ConfigError(
      `${where}: dtype must be 'float32' or 'float64', got ${describeValue(dtype)}.`,
    );
  }
  const rng = resolveRng(where, options.rng, options.seed, () => new Rng(0));
  const inputs = new Float64Array(2 * m);
  const targets = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const label = i % classes;
    const count = Math.floor(m / classes) + (label < m % classes ? 1 : 0);
    const [x, y] = spec.point({ label, position: Math.floor(i / classes), count, rng }, classes);
    inputs[2 * i] = noise === 0 ? x : x + noise * rng.normal();
    inputs[2 * i + 1] = noise === 0 ? y : y + noise * rng.normal();
    targets[i] = label;
  }
  const storage = dtype === 'float64' ? inputs : Float32Array.from(inputs);
  const labels = dtype === 'float64' ? targets : Float32Array.from(targets);
  return dataset(tensor(storage, { shape: [m, 2] }), tensor(labels));
}

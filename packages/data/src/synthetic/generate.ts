import { ConfigError, Rng, tensor, validateOptions, type OptionsOf } from '@deeptune/core';
import { dataset, type Dataset } from '../dataset/dataset.js';
import { resolveRng } from '../internal/resolve-rng.js';
import { rngOption } from '../internal/rng-option.js';
import type { MultiClassSyntheticOptions } from './synthetic-options.js';
import { multiClassSyntheticSchema, syntheticSchema } from './synthetic-schema.js';

/** The options of the two-class generators: the plugins' schema plus an `rng`. */
const singleClassSchema = { ...syntheticSchema, rng: rngOption };
/** The options of the multi-class generators: the plugins' schema plus an `rng`. */
const multiClassSchema = { ...multiClassSyntheticSchema, rng: rngOption };

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
 * Validates the options through the dataset plugins' schema (plus `rng`), with the plugin's
 * `where` (`dataset 'moons'`), and builds the dataset: example i has class `i mod classes` (so
 * classes are balanced and interleaved), its clean point from `spec.point`, plus
 * `noise · N(0, 1)` on each coordinate, all drawn from one generator in example order.
 * @internal
 */
export function generate(spec: GeneratorSpec, options: MultiClassSyntheticOptions): Dataset {
  const where = `dataset '${spec.name}'`;
  const schema = spec.multiClass ? multiClassSchema : singleClassSchema;
  let validated: OptionsOf<typeof multiClassSchema>;
  try {
    validated = validateOptions(where, schema, options);
  } catch (error) {
    // The schema's message, plus what a two-class generator's `classes` should be instead.
    if (ConfigError.isInstance(error) && error.message.includes("unknown option 'classes'")) {
      throw new ConfigError(
        `${error.message} Hint: ${spec.name} has exactly ${spec.defaultClasses} classes; ` +
          'circles, spirals and blobs take a number of classes.',
        { cause: error },
      );
    }
    throw error;
  }
  const { m, dtype } = validated;
  const noise = validated.noise ?? spec.defaultNoise;
  const classes = validated.classes ?? spec.defaultClasses;
  // `seed` has a default in the schema; only a seed the caller gave conflicts with `rng`.
  const givenSeed = (options as { readonly seed?: number }).seed;
  const rng =
    validated.rng === undefined
      ? new Rng(validated.seed)
      : resolveRng(where, validated.rng, givenSeed);
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

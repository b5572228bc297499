import { SEED_PARAM } from '../../app/seed-param.js';
import type { ParamSpecs, ParamValues } from '../../app/url-params.js';
import {
  DEFAULT_CLASSIFIER_CONFIG,
  type ClassifierConfig,
} from '../../experiments/classifier/classifier-config.js';
import {
  PLANAR_DATASETS,
  supportsClasses,
  type PlanarDatasetName,
} from '../../experiments/classifier/planar-data.js';

/** The URL parameters of the bias/variance page. */
export const BIAS_VARIANCE_PARAMS = {
  dataset: { kind: 'choice', default: 'moons', values: [...PLANAR_DATASETS] },
  points: { kind: 'number', default: 300, min: 40, max: 2000, integer: true },
  noise: { kind: 'number', default: 0.25, min: 0, max: 1 },
  classes: { kind: 'number', default: 2, min: 2, max: 6, integer: true },
  layers: { kind: 'number', default: 2, min: 0, max: 4, integer: true },
  units: { kind: 'number', default: 16, min: 1, max: 128, integer: true },
  lambda: { kind: 'number', default: 0, min: 0, max: 10 },
  keep: { kind: 'number', default: 1, min: 0.1, max: 1 },
  lr: { kind: 'number', default: 0.01, min: 1e-4, max: 1 },
  epochs: { kind: 'number', default: 300, min: 5, max: 3000, integer: true },
  seed: SEED_PARAM,
} as const satisfies ParamSpecs;

/** The values of {@link BIAS_VARIANCE_PARAMS}. */
export type BiasVarianceValues = ParamValues<typeof BIAS_VARIANCE_PARAMS>;

/** The classifier run the page's parameters describe (the same in the worker and in Node). */
export function biasVarianceConfig(values: BiasVarianceValues): ClassifierConfig {
  const name = values.dataset as PlanarDatasetName;
  return {
    ...DEFAULT_CLASSIFIER_CONFIG,
    source: {
      kind: 'synthetic',
      name,
      m: values.points,
      noise: values.noise,
      classes: supportsClasses(name) ? values.classes : 2,
      seed: values.seed,
    },
    hiddenLayers: Array.from({ length: values.layers }, () => values.units),
    keepProbs: Array.from({ length: values.layers }, () => values.keep),
    l2: values.lambda,
    learningRate: values.lr,
    modelSeed: values.seed,
    epochs: values.epochs,
  };
}

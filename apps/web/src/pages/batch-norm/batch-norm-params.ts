import { SEED_PARAM } from '../../app/seed-param.js';
import type { ParamSpecs, ParamValues } from '../../app/url-params.js';
import {
  logSpacedRates,
  type BatchNormConfig,
} from '../../experiments/batch-norm/batch-norm-config.js';
import {
  PLANAR_DATASETS,
  supportsClasses,
  type PlanarDatasetName,
} from '../../experiments/classifier/planar-data.js';

/** How many learning rates the page compares. */
export const RATE_COUNT = 5;

/** How many decades the compared learning rates span (the smallest is largest / 10^RATE_DECADES). */
export const RATE_DECADES = 2;

/** The URL parameters of the batch-norm page. */
export const BATCH_NORM_PARAMS = {
  dataset: { kind: 'choice', default: 'moons', values: [...PLANAR_DATASETS] },
  points: { kind: 'number', default: 300, min: 60, max: 1000, integer: true },
  noise: { kind: 'number', default: 0.2, min: 0, max: 1 },
  layers: { kind: 'number', default: 5, min: 1, max: 6, integer: true },
  units: { kind: 'number', default: 16, min: 2, max: 64, integer: true },
  lrmax: { kind: 'number', default: 3, min: 0.01, max: 30 },
  optimizer: { kind: 'choice', default: 'sgd', values: ['sgd', 'momentum'] },
  batch: { kind: 'number', default: 32, min: 4, max: 128, integer: true },
  epochs: { kind: 'number', default: 30, min: 2, max: 200, integer: true },
  inspect: { kind: 'number', default: 4, min: 1, max: RATE_COUNT, integer: true },
  layer: { kind: 'number', default: 2, min: 1, max: 6, integer: true },
  seed: SEED_PARAM,
} as const satisfies ParamSpecs;

/** The values of {@link BATCH_NORM_PARAMS}. */
export type BatchNormValues = ParamValues<typeof BATCH_NORM_PARAMS>;

/** The classes of a built-in dataset on this page: 2 for moons and xor, else 3. */
export function classesOf(name: PlanarDatasetName): number {
  return supportsClasses(name) ? 3 : 2;
}

/**
 * The experiment the page's parameters describe (the same in the worker and in Node). The
 * inspected layer is clamped to the network's depth (1-based in the URL, 0-based here).
 */
export function batchNormConfig(values: BatchNormValues): BatchNormConfig {
  const name = values.dataset as PlanarDatasetName;
  return {
    source: {
      kind: 'synthetic',
      name,
      m: values.points,
      noise: values.noise,
      classes: classesOf(name),
      seed: values.seed,
    },
    hiddenLayers: Array.from({ length: values.layers }, () => values.units),
    learningRates: logSpacedRates(values.lrmax, RATE_COUNT, RATE_DECADES),
    optimizer: values.optimizer === 'momentum' ? 'momentum' : 'sgd',
    batchSize: values.batch,
    modelSeed: values.seed,
    epochs: values.epochs,
    epochsPerStep: 2,
    inspectRate: values.inspect - 1,
    inspectLayer: Math.min(values.layer, values.layers) - 1,
  };
}

/** How a run's outcome reads in the results table: its cost, or where it diverged. */
export function describeOutcome(
  run: { readonly cost: number; readonly divergedAt: number | null },
  classes: number,
): string {
  if (run.divergedAt !== null) return `diverged at epoch ${run.divergedAt}`;
  if (!Number.isFinite(run.cost)) return 'not trained yet';
  const chance = Math.log(classes);
  const cost = Number(run.cost.toPrecision(3));
  return run.cost >= 0.97 * chance ? `${cost} (no better than guessing)` : String(cost);
}

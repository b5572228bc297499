import { SEED_PARAM } from '../../app/seed-param.js';
import type { ParamSpecs, ParamValues } from '../../app/url-params.js';
import {
  DEFAULT_CLASSIFIER_CONFIG,
  type ClassifierConfig,
} from '../../experiments/classifier/classifier-config.js';

/** The multi-class datasets the softmax page offers. */
export const SOFTMAX_DATASETS = ['blobs', 'spirals', 'circles'] as const;

/** The URL parameters of the softmax page. */
export const SOFTMAX_PARAMS = {
  dataset: { kind: 'choice', default: 'spirals', values: [...SOFTMAX_DATASETS] },
  classes: { kind: 'number', default: 3, min: 3, max: 6, integer: true },
  points: { kind: 'number', default: 300, min: 60, max: 1200, integer: true },
  noise: { kind: 'number', default: 0.1, min: 0, max: 1 },
  layers: { kind: 'number', default: 2, min: 0, max: 3, integer: true },
  units: { kind: 'number', default: 24, min: 2, max: 64, integer: true },
  lr: { kind: 'number', default: 0.02, min: 1e-4, max: 1 },
  epochs: { kind: 'number', default: 150, min: 5, max: 1000, integer: true },
  seed: SEED_PARAM,
} as const satisfies ParamSpecs;

/** The values of {@link SOFTMAX_PARAMS}. */
export type SoftmaxValues = ParamValues<typeof SOFTMAX_PARAMS>;

/**
 * The classifier run the page's parameters describe (the same in the worker and in Node):
 * a softmax output layer of `classes` units trained with Adam on cross-entropy; snapshots
 * carry the grid's logits and the dev confusion matrix.
 */
export function softmaxConfig(values: SoftmaxValues): ClassifierConfig {
  const name = values.dataset as (typeof SOFTMAX_DATASETS)[number];
  return {
    ...DEFAULT_CLASSIFIER_CONFIG,
    source: {
      kind: 'synthetic',
      name,
      m: values.points,
      noise: values.noise,
      classes: values.classes,
      seed: values.seed,
    },
    hiddenLayers: Array.from({ length: values.layers }, () => values.units),
    keepProbs: Array.from({ length: values.layers }, () => 1),
    learningRate: values.lr,
    modelSeed: values.seed,
    epochs: values.epochs,
    includeGridLogits: true,
    includeDevConfusion: true,
  };
}

/** The label of class `index` in the page's charts. */
export function className(index: number): string {
  return `class ${index}`;
}

/**
 * The softmax of `logits`, computed the numerically stable way (subtract the largest logit
 * before exponentiating): pᵢ = e^(zᵢ − max z) / Σⱼ e^(zⱼ − max z).
 */
export function softmax(logits: readonly number[]): number[] {
  let max = -Infinity;
  for (const logit of logits) if (logit > max) max = logit;
  const exps = logits.map((logit) => Math.exp(logit - max));
  let sum = 0;
  for (const value of exps) sum += value;
  return exps.map((value) => value / sum);
}

/** The grid cell (row from the top, column from the left) that contains the point (x, y). */
export function gridCellAt(
  x: number,
  y: number,
  bounds: {
    readonly xMin: number;
    readonly xMax: number;
    readonly yMin: number;
    readonly yMax: number;
  },
  gridSize: number,
): { row: number; column: number } {
  const u = (x - bounds.xMin) / (bounds.xMax - bounds.xMin);
  const v = (bounds.yMax - y) / (bounds.yMax - bounds.yMin);
  const clamp = (value: number): number =>
    Math.max(0, Math.min(gridSize - 1, Math.floor(value * gridSize)));
  return { row: clamp(v), column: clamp(u) };
}

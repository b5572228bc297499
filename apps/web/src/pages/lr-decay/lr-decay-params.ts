import { SEED_PARAM } from '../../app/seed-param.js';
import type { ParamSpecs, ParamValues } from '../../app/url-params.js';
import type { LrDecayConfig } from '../../experiments/lr-decay/lr-decay-config.js';
import { SCHEDULE_NAMES, type ScheduleName } from '../../experiments/lr-decay/schedule-choice.js';

/** The number of examples of the regression problem. */
export const LR_DECAY_POINTS = 200;

/** The URL parameters of the learning-rate-decay page. */
export const LR_DECAY_PARAMS = {
  schedule: { kind: 'choice', default: 'time-decay', values: [...SCHEDULE_NAMES] },
  lr: { kind: 'number', default: 0.1, min: 1e-3, max: 2 },
  decay: { kind: 'number', default: 1, min: 0, max: 5 },
  k: { kind: 'number', default: 0.95, min: 0.5, max: 1 },
  stair: { kind: 'number', default: 10, min: 1, max: 100, integer: true },
  rate: { kind: 'number', default: 0.5, min: 0.05, max: 1 },
  warmup: { kind: 'number', default: 5, min: 0, max: 100, integer: true },
  epochs: { kind: 'number', default: 50, min: 5, max: 200, integer: true },
  batch: { kind: 'number', default: 4, min: 1, max: LR_DECAY_POINTS, integer: true },
  noise: { kind: 'number', default: 1, min: 0, max: 3 },
  seed: SEED_PARAM,
} as const satisfies ParamSpecs;

/** The values of {@link LR_DECAY_PARAMS}. */
export type LrDecayValues = ParamValues<typeof LR_DECAY_PARAMS>;

/** The experiment the page's parameters describe (the same in the worker and in Node). */
export function lrDecayConfig(values: LrDecayValues): LrDecayConfig {
  return {
    data: { m: LR_DECAY_POINTS, noise: values.noise, seed: values.seed },
    schedule: values.schedule as ScheduleName,
    settings: {
      initialLearningRate: values.lr,
      timeDecayRate: values.decay,
      exponentialRate: values.k,
      staircaseEpochs: values.stair,
      staircaseRate: values.rate,
      warmupEpochs: values.warmup,
      epochs: values.epochs,
    },
    batchSize: values.batch,
    epochsPerStep: 5,
    modelSeed: values.seed,
  };
}

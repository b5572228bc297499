import { SEED_PARAM } from '../../app/seed-param.js';
import type { ParamSpecs, ParamValues } from '../../app/url-params.js';
import type { CaviarTrialConfig } from '../../experiments/search/caviar-trial-job.js';
import type { CoarseToFineConfig } from '../../experiments/search/coarse-to-fine-run.js';
import type { PandaConfig } from '../../experiments/search/panda-job.js';

/** The figures of the page, one shown at a time. */
export const SEARCH_SECTIONS = ['grid', 'scale', 'c2f', 'caviar', 'panda'] as const;

/** One of {@link SEARCH_SECTIONS}. */
export type SearchSection = (typeof SEARCH_SECTIONS)[number];

/** The URL parameters of the hyperparameter-search page. */
export const HYPERPARAMETER_SEARCH_PARAMS = {
  section: { kind: 'choice', default: 'grid', values: [...SEARCH_SECTIONS] },
  trials: { kind: 'number', default: 16, min: 4, max: 100, integer: true },
  samples: { kind: 'number', default: 200, min: 20, max: 2000, integer: true },
  axis: { kind: 'choice', default: 'log', values: ['log', 'linear'] },
  rounds: { kind: 'number', default: 3, min: 1, max: 6, integer: true },
  perRound: { kind: 'number', default: 10, min: 3, max: 40, integer: true },
  topK: { kind: 'number', default: 3, min: 1, max: 10, integer: true },
  noise: { kind: 'number', default: 0.02, min: 0, max: 0.5 },
  workers: { kind: 'number', default: 4, min: 1, max: 8, integer: true },
  caviarTrials: { kind: 'number', default: 12, min: 1, max: 24, integer: true },
  epochs: { kind: 'number', default: 30, min: 5, max: 200, integer: true },
  lr: { kind: 'number', default: 0.1, min: 1e-3, max: 10 },
  pandaEpochs: { kind: 'number', default: 100, min: 5, max: 300, integer: true },
  seed: SEED_PARAM,
} as const satisfies ParamSpecs;

/** The values of {@link HYPERPARAMETER_SEARCH_PARAMS}. */
export type HyperparameterSearchValues = ParamValues<typeof HYPERPARAMETER_SEARCH_PARAMS>;

/** The coarse-to-fine study the parameters describe (margin 0.1, the library's default). */
export function coarseToFineConfig(values: HyperparameterSearchValues): CoarseToFineConfig {
  return {
    rounds: values.rounds,
    trialsPerRound: values.perRound,
    topK: Math.min(values.topK, values.perRound),
    margin: 0.1,
    noise: values.noise,
    seed: values.seed,
  };
}

/** The caviar study's settings: its seed, budget, parallel workers and epochs per trial. */
export interface CaviarStudyConfig {
  /** The study seed (hyperparameters, trial seeds, the data). */
  readonly seed: number;
  /** Trials to finish. */
  readonly trials: number;
  /** Workers training at once. */
  readonly workers: number;
  /** Epochs per trial. */
  readonly epochs: number;
}

/** The caviar study the parameters describe. */
export function caviarStudyConfig(values: HyperparameterSearchValues): CaviarStudyConfig {
  return {
    seed: values.seed,
    trials: values.caviarTrials,
    workers: values.workers,
    epochs: values.epochs,
  };
}

/** Epochs per step of a caviar trial (one curve point each). */
export const CAVIAR_EPOCHS_PER_STEP = 2;

/** The trial config of trial `trialNumber` with its sampled hyperparameters and seed. */
export function caviarTrialConfig(
  study: CaviarStudyConfig,
  trial: {
    readonly number: number;
    readonly seed: number;
    readonly params: Readonly<Record<string, unknown>>;
  },
): CaviarTrialConfig {
  return {
    trialNumber: trial.number,
    learningRate: trial.params['learningRate'] as number,
    hiddenUnits: trial.params['hiddenUnits'] as number,
    trialSeed: trial.seed,
    dataSeed: study.seed,
    epochs: study.epochs,
    epochsPerStep: CAVIAR_EPOCHS_PER_STEP,
  };
}

/** The babysat model the parameters describe (16 hidden units, mini-batches of 32). */
export function pandaConfig(values: HyperparameterSearchValues): PandaConfig {
  return {
    dataSeed: values.seed,
    modelSeed: values.seed,
    learningRate: values.lr,
    hiddenUnits: 16,
    batchSize: 32,
    maxEpochs: values.pandaEpochs,
  };
}

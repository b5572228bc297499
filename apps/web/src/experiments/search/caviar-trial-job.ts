import { hp, searchSpace } from 'deeptune';
import type { SteppedJob } from '../../worker/stepped-job.js';
import {
  DEFAULT_CLASSIFIER_CONFIG,
  type ClassifierConfig,
} from '../classifier/classifier-config.js';
import { createClassifierJob } from '../classifier/classifier-job.js';

/** The space the caviar study searches: α on a log scale, hidden units as integers. */
export const CAVIAR_SPACE = searchSpace({
  learningRate: hp.log(1e-3, 1),
  hiddenUnits: hp.int(2, 32),
});

/** One caviar trial: a small classifier on moons with sampled hyperparameters. */
export interface CaviarTrialConfig {
  /** The trial's number in its study. */
  readonly trialNumber: number;
  /** Its sampled learning rate α (Adam). */
  readonly learningRate: number;
  /** Its sampled number of hidden units (one hidden layer). */
  readonly hiddenUnits: number;
  /** Its own seed (weights and shuffling), derived from the study seed and its number. */
  readonly trialSeed: number;
  /** The data seed (the same moons for every trial of a study). */
  readonly dataSeed: number;
  /** The epoch budget. */
  readonly epochs: number;
  /** Epochs per step. */
  readonly epochsPerStep: number;
}

/** A caviar trial after a step. */
export interface CaviarTrialSnapshot {
  /** The trial's number. */
  readonly trialNumber: number;
  /** Epochs trained. */
  readonly epoch: number;
  /** The training cost. */
  readonly cost: number;
  /** The dev cost (the study's objective). */
  readonly devCost: number;
  /** The dev error. */
  readonly devError: number;
  /** The divergence message, or `null`. */
  readonly diverged: string | null;
}

/** The classifier run of a caviar trial (200 moons, one hidden layer, Adam, mini-batches of 32). */
export function caviarClassifierConfig(config: CaviarTrialConfig): ClassifierConfig {
  return {
    ...DEFAULT_CLASSIFIER_CONFIG,
    source: {
      kind: 'synthetic',
      name: 'moons',
      m: 200,
      noise: 0.25,
      classes: 2,
      seed: config.dataSeed,
    },
    hiddenLayers: [config.hiddenUnits],
    keepProbs: [1],
    optimizer: 'adam',
    learningRate: config.learningRate,
    batchSize: 32,
    modelSeed: config.trialSeed,
    epochs: config.epochs,
    epochsPerStep: config.epochsPerStep,
    gridSize: 2,
  };
}

/** A caviar trial as a stepped job (the classifier job, reporting only its costs). */
export function createCaviarTrialJob(config: CaviarTrialConfig): SteppedJob<CaviarTrialSnapshot> {
  const job = createClassifierJob(caviarClassifierConfig(config));
  const lean = (snapshot: ReturnType<typeof job.initial>): CaviarTrialSnapshot => ({
    trialNumber: config.trialNumber,
    epoch: snapshot.epoch,
    cost: snapshot.cost,
    devCost: snapshot.devCost,
    devError: snapshot.devError,
    diverged: snapshot.diverged,
  });
  return {
    get done() {
      return job.done;
    },
    initial: () => lean(job.initial()),
    step: async (signal) => lean(await job.step(signal)),
  };
}

import type { ClassifierConfig } from '../../experiments/classifier/classifier-config.js';
import type { ClassifierSnapshot } from '../../experiments/classifier/classifier-job.js';
import { HistorySession, type HistorySessionCallbacks } from './history-session.js';

/** The curves of a classifier run so far, one entry per snapshot. */
export interface ClassifierHistory {
  /** Epochs. */
  readonly epochs: number[];
  /** Training cost J (with the penalty). */
  readonly cost: number[];
  /** Training data cost. */
  readonly dataCost: number[];
  /** Dev data cost. */
  readonly devCost: number[];
  /** Training error. */
  readonly trainError: number[];
  /** Dev error. */
  readonly devError: number[];
}

/** Options of {@link ClassifierSession}. */
export type ClassifierSessionOptions = HistorySessionCallbacks<
  ClassifierSnapshot,
  ClassifierHistory
>;

/**
 * One classifier run in its own Web Worker, with its history: what the pages that train a
 * 2-D classifier (bias/variance, regularization, softmax) share.
 */
export class ClassifierSession extends HistorySession<
  ClassifierConfig,
  ClassifierSnapshot,
  ClassifierHistory
> {
  constructor(options: ClassifierSessionOptions) {
    super({
      ...options,
      createWorker: () =>
        new Worker(new URL('../../experiments/classifier/classifier-worker.ts', import.meta.url), {
          type: 'module',
          name: 'deeptune-classifier',
        }),
      emptyHistory: () => ({
        epochs: [],
        cost: [],
        dataCost: [],
        devCost: [],
        trainError: [],
        devError: [],
      }),
      record: (snapshot, history) => {
        if (snapshot.diverged !== null) return;
        history.epochs.push(snapshot.epoch);
        history.cost.push(snapshot.cost);
        history.dataCost.push(snapshot.dataCost);
        history.devCost.push(snapshot.devCost);
        history.trainError.push(snapshot.trainError);
        history.devError.push(snapshot.devError);
      },
    });
  }
}

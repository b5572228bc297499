import type { ClassifierConfig } from '../../experiments/classifier/classifier-config.js';
import type { ClassifierSnapshot } from '../../experiments/classifier/classifier-job.js';
import { JobClient } from '../../worker/job-client.js';

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
export interface ClassifierSessionOptions {
  /** Receives each snapshot with the run's history so far. */
  readonly onSnapshot: (
    snapshot: ClassifierSnapshot,
    history: ClassifierHistory,
    state: { readonly done: boolean; readonly playing: boolean },
  ) => void;
  /** Receives the message of a failed run. */
  readonly onError: (message: string) => void;
}

function emptyHistory(): ClassifierHistory {
  return { epochs: [], cost: [], dataCost: [], devCost: [], trainError: [], devError: [] };
}

/**
 * One classifier run in its own Web Worker, with its history: what the pages that train a
 * 2-D classifier (bias/variance, regularization, early stopping, softmax) share.
 */
export class ClassifierSession {
  readonly #client: JobClient<ClassifierConfig, ClassifierSnapshot>;
  #history = emptyHistory();

  constructor(options: ClassifierSessionOptions) {
    this.#client = new JobClient<ClassifierConfig, ClassifierSnapshot>({
      createWorker: () =>
        new Worker(new URL('../../experiments/classifier/classifier-worker.ts', import.meta.url), {
          type: 'module',
          name: 'deeptune-classifier',
        }),
      onSnapshot: (snapshot, state) => {
        const history = this.#history;
        if (snapshot.diverged === null) {
          history.epochs.push(snapshot.epoch);
          history.cost.push(snapshot.cost);
          history.dataCost.push(snapshot.dataCost);
          history.devCost.push(snapshot.devCost);
          history.trainError.push(snapshot.trainError);
          history.devError.push(snapshot.devError);
        }
        options.onSnapshot(snapshot, history, state);
      },
      onError: options.onError,
    });
  }

  /** Starts a new run of `config` (the history restarts). */
  start(config: ClassifierConfig, play: boolean): void {
    this.#history = emptyHistory();
    this.#client.start(config, play);
  }

  /** Keeps training. */
  play(): void {
    this.#client.play();
  }

  /** Pauses after the current step. */
  pause(): void {
    this.#client.pause();
  }

  /** One step. */
  step(): void {
    this.#client.step();
  }

  /** Terminates the worker. */
  dispose(): void {
    this.#client.dispose();
  }
}

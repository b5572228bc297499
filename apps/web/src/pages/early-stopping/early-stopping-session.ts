import type { EarlyStoppingConfig } from '../../experiments/early-stopping/early-stopping-config.js';
import type { EarlyStoppingSnapshot } from '../../experiments/early-stopping/early-stopping-job.js';
import { JobClient } from '../../worker/job-client.js';

/** Every epoch of an early-stopping run so far. */
export interface EarlyStoppingHistory {
  /** Epochs, from 0. */
  readonly epochs: number[];
  /** Training cost J. */
  readonly cost: number[];
  /** Dev cost. */
  readonly devCost: number[];
  /** Training error. */
  readonly trainError: number[];
  /** Dev error. */
  readonly devError: number[];
}

/** Options of {@link EarlyStoppingSession}. */
export interface EarlyStoppingSessionOptions {
  /** Receives each snapshot with the run's history so far. */
  readonly onSnapshot: (
    snapshot: EarlyStoppingSnapshot,
    history: EarlyStoppingHistory,
    state: { readonly done: boolean; readonly playing: boolean },
  ) => void;
  /** Receives the message of a failed run. */
  readonly onError: (message: string) => void;
}

function emptyHistory(): EarlyStoppingHistory {
  return { epochs: [], cost: [], devCost: [], trainError: [], devError: [] };
}

/** One early-stopping run in its own Web Worker, with every epoch's numbers collected. */
export class EarlyStoppingSession {
  readonly #client: JobClient<EarlyStoppingConfig, EarlyStoppingSnapshot>;
  #history = emptyHistory();

  constructor(options: EarlyStoppingSessionOptions) {
    this.#client = new JobClient<EarlyStoppingConfig, EarlyStoppingSnapshot>({
      createWorker: () =>
        new Worker(
          new URL('../../experiments/early-stopping/early-stopping-worker.ts', import.meta.url),
          { type: 'module', name: 'deeptune-early-stopping' },
        ),
      onSnapshot: (snapshot, state) => {
        const history = this.#history;
        for (const point of snapshot.points) {
          history.epochs.push(point.epoch);
          history.cost.push(point.cost);
          history.devCost.push(point.devCost);
          history.trainError.push(point.trainError);
          history.devError.push(point.devError);
        }
        options.onSnapshot(snapshot, history, state);
      },
      onError: options.onError,
    });
  }

  /** Starts a new run of `config` (the history restarts). */
  start(config: EarlyStoppingConfig, play: boolean): void {
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

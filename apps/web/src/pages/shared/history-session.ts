import { JobClient } from '../../worker/job-client.js';

/** What a {@link HistorySession} passes with each snapshot besides the history. */
export interface RunState {
  /** No step is left. */
  readonly done: boolean;
  /** The worker keeps stepping. */
  readonly playing: boolean;
}

/** The callbacks a page gives a {@link HistorySession}. */
export interface HistorySessionCallbacks<Snapshot, History> {
  /** Receives each snapshot with the run's history so far. */
  readonly onSnapshot: (snapshot: Snapshot, history: History, state: RunState) => void;
  /** Receives the message of a failed run. */
  readonly onError: (message: string) => void;
}

/** How a {@link HistorySession} runs its job and keeps its history. */
export interface HistorySessionOptions<Snapshot, History> extends HistorySessionCallbacks<
  Snapshot,
  History
> {
  /** Creates the job's worker (the `new Worker(new URL(…))` line must be in the caller's file). */
  readonly createWorker: () => Worker;
  /** A new, empty history (a run starts with one). */
  readonly emptyHistory: () => History;
  /** Adds a snapshot's numbers to the history. */
  readonly record: (snapshot: Snapshot, history: History) => void;
}

/**
 * One run of a stepped job in its own Web Worker, with the curves collected so far: `start`
 * begins a new run with an empty history; `play`, `pause`, `step` and `dispose` drive the
 * worker.
 */
export class HistorySession<Config, Snapshot, History> {
  readonly #client: JobClient<Config, Snapshot>;
  readonly #emptyHistory: () => History;
  #history: History;

  constructor(options: HistorySessionOptions<Snapshot, History>) {
    this.#emptyHistory = options.emptyHistory;
    this.#history = options.emptyHistory();
    this.#client = new JobClient<Config, Snapshot>({
      createWorker: options.createWorker,
      onSnapshot: (snapshot, state) => {
        options.record(snapshot, this.#history);
        options.onSnapshot(snapshot, this.#history, state);
      },
      onError: options.onError,
    });
  }

  /** Starts a new run of `config` (the history restarts). */
  start(config: Config, play: boolean): void {
    this.#history = this.#emptyHistory();
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

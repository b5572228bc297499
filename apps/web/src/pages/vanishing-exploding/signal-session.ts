import type { SignalConfig } from '../../experiments/signal/signal-config.js';
import type { SignalSnapshot } from '../../experiments/signal/signal-job.js';
import { JobClient } from '../../worker/job-client.js';

/** Options of {@link SignalSession}. */
export interface SignalSessionOptions {
  /** Receives the measurement of the latest config. */
  readonly onMeasured: (snapshot: SignalSnapshot, config: SignalConfig) => void;
  /** Receives the message of a failed measurement. */
  readonly onError: (message: string) => void;
}

/**
 * Measures configs in the signal worker, one at a time: while a measurement runs, only the
 * latest requested config waits, so dragging a slider never queues up stale work.
 */
export class SignalSession {
  readonly #client: JobClient<SignalConfig, SignalSnapshot>;
  #running: SignalConfig | null = null;
  #waiting: SignalConfig | null = null;

  constructor(options: SignalSessionOptions) {
    this.#client = new JobClient<SignalConfig, SignalSnapshot>({
      createWorker: () =>
        new Worker(new URL('../../experiments/signal/signal-worker.ts', import.meta.url), {
          type: 'module',
          name: 'deeptune-signal',
        }),
      onSnapshot: (snapshot) => {
        const config = this.#running;
        this.#running = null;
        if (this.#next()) return;
        if (config !== null) options.onMeasured(snapshot, config);
      },
      onError: (message) => {
        this.#running = null;
        if (this.#next()) return;
        options.onError(message);
      },
    });
  }

  /** Whether a measurement is running or waiting. */
  get busy(): boolean {
    return this.#running !== null || this.#waiting !== null;
  }

  /** Measures `config` (after the running measurement, replacing any config still waiting). */
  measure(config: SignalConfig): void {
    this.#waiting = config;
    if (this.#running === null) this.#next();
  }

  /** Terminates the worker. */
  dispose(): void {
    this.#client.dispose();
  }

  /** Starts the waiting config, if any; `true` when it did. */
  #next(): boolean {
    const config = this.#waiting;
    if (config === null) return false;
    this.#waiting = null;
    this.#running = config;
    this.#client.start(config, false);
    return true;
  }
}

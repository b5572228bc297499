import type { GradcheckConfig } from '../../experiments/gradcheck/gradcheck-config.js';
import type { GradientCheckResult } from '../../experiments/gradcheck/gradient-check.js';
import { JobClient } from '../../worker/job-client.js';

/** Options of {@link GradcheckSession}. */
export interface GradcheckSessionOptions {
  /** Receives the result of the latest config. */
  readonly onChecked: (result: GradientCheckResult, config: GradcheckConfig) => void;
  /** Receives the message of a failed check. */
  readonly onError: (message: string) => void;
}

/**
 * Runs gradient checks in their worker, one at a time: while a check runs, only the latest
 * requested config waits, so dragging a slider never queues up stale work.
 */
export class GradcheckSession {
  readonly #client: JobClient<GradcheckConfig, GradientCheckResult>;
  #running: GradcheckConfig | null = null;
  #waiting: GradcheckConfig | null = null;

  constructor(options: GradcheckSessionOptions) {
    this.#client = new JobClient<GradcheckConfig, GradientCheckResult>({
      createWorker: () =>
        new Worker(new URL('../../experiments/gradcheck/gradcheck-worker.ts', import.meta.url), {
          type: 'module',
          name: 'deeptune-gradcheck',
        }),
      onSnapshot: (result) => {
        const config = this.#running;
        this.#running = null;
        if (this.#next()) return;
        if (config !== null) options.onChecked(result, config);
      },
      onError: (message) => {
        this.#running = null;
        if (this.#next()) return;
        options.onError(message);
      },
    });
  }

  /** Whether a check is running or waiting. */
  get busy(): boolean {
    return this.#running !== null || this.#waiting !== null;
  }

  /** Checks `config` (after the running check, replacing any config still waiting). */
  check(config: GradcheckConfig): void {
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

import { JobClient } from '../../worker/job-client.js';

/** Options of {@link LatestSettingsSession}. */
export interface LatestSettingsSessionOptions<Config, Result> {
  /**
   * Creates the job's worker. Write it out in the page, e.g. `() => new Worker(new URL(
   * '../../experiments/x/x-worker.ts', import.meta.url), { type: 'module', name: 'deeptune-x' })`,
   * so that Vite sees the worker's URL and bundles it.
   */
  readonly createWorker: () => Worker;
  /** Receives the result of the latest config, with that config. */
  readonly onResult: (result: Result, config: Config) => void;
  /** Receives the message of a failed run (or of a worker that failed to load). */
  readonly onError: (message: string) => void;
}

/**
 * Runs configs in a job worker, one at a time, for the pages whose job computes one result per
 * config (gradient checking, vanishing/exploding): while a config runs, only the latest
 * requested config waits, so dragging a slider never queues up stale work. A result is
 * delivered only when no newer config waits; otherwise the waiting one starts instead.
 *
 * @typeParam Config - What the worker's job is started with.
 * @typeParam Result - The job's snapshot: the one result of a config.
 */
export class LatestSettingsSession<Config, Result> {
  readonly #client: JobClient<Config, Result>;
  #running: Config | null = null;
  #waiting: Config | null = null;

  constructor(options: LatestSettingsSessionOptions<Config, Result>) {
    this.#client = new JobClient<Config, Result>({
      createWorker: options.createWorker,
      onSnapshot: (result) => {
        const config = this.#running;
        this.#running = null;
        if (this.#next()) return;
        if (config !== null) options.onResult(result, config);
      },
      onError: (message) => {
        this.#running = null;
        if (this.#next()) return;
        options.onError(message);
      },
    });
  }

  /** Whether a config is running or waiting. */
  get busy(): boolean {
    return this.#running !== null || this.#waiting !== null;
  }

  /** Runs `config` (after the running config, replacing any config still waiting). */
  run(config: Config): void {
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

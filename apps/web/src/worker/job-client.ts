import type { JobCommand, JobReport } from './job-protocol.js';

/** Options of {@link JobClient}. */
export interface JobClientOptions<Snapshot> {
  /** Creates the job's worker: `() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })`. */
  readonly createWorker: () => Worker;
  /** Receives every snapshot of the current run. */
  readonly onSnapshot: (snapshot: Snapshot, state: { done: boolean; playing: boolean }) => void;
  /** Receives the message of a failed run (or of a worker that failed to load). */
  readonly onError: (message: string) => void;
}

/**
 * The page's side of a job worker: starts runs, plays, pauses and steps them, and delivers
 * only the current run's snapshots. `dispose` terminates the worker.
 */
/**
 * Shows the training worker's backend in the page's compute status line (`#compute-status`,
 * with the text also in `data-backend`), when the page has one.
 */
function showComputeBackend(backend: string): void {
  const status = globalThis.document?.getElementById('compute-status');
  if (status === null || status === undefined || status.dataset['backend'] === backend) return;
  status.dataset['backend'] = backend;
  status.textContent = `Training runs on ${backend}.`;
}

export class JobClient<Config, Snapshot> {
  readonly #worker: Worker;
  #runId = 0;
  #disposed = false;

  constructor(options: JobClientOptions<Snapshot>) {
    this.#worker = options.createWorker();
    this.#worker.addEventListener('message', (event: MessageEvent) => {
      const report = event.data as JobReport<Snapshot>;
      if (this.#disposed || report.runId !== this.#runId) return;
      if (report.type === 'snapshot') {
        showComputeBackend(report.backend);
        options.onSnapshot(report.snapshot, { done: report.done, playing: report.playing });
      } else {
        options.onError(report.message);
      }
    });
    this.#worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      options.onError(`the training worker failed: ${event.message || 'it could not be loaded'}`);
    });
  }

  /** Starts a new run of `config` (the previous run stops); plays on when `play`. */
  start(config: Config, play: boolean): void {
    this.#runId += 1;
    this.#send({ type: 'start', runId: this.#runId, config, play });
  }

  /** Keeps stepping. */
  play(): void {
    this.#send({ type: 'play' });
  }

  /** Stops after the current step. */
  pause(): void {
    this.#send({ type: 'pause' });
  }

  /** Takes one step. */
  step(): void {
    this.#send({ type: 'step' });
  }

  /** Terminates the worker. */
  dispose(): void {
    this.#disposed = true;
    this.#worker.terminate();
  }

  #send(command: JobCommand<Config>): void {
    if (!this.#disposed) this.#worker.postMessage(command);
  }
}

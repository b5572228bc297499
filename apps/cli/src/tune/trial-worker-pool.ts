import { Worker } from 'node:worker_threads';
import { DeeptuneError } from 'deeptune';
import { UsageError } from '../cli-error.js';
import type { TrialEpoch, TrialOutcome } from './run-trial.js';
import type { RunSettings } from './trial-settings.js';
import type { FromWorker, ToWorker, TrialWorkerData } from './worker-messages.js';

/** A trial that failed for a reason of its own (bad hyperparameters, divergence): recorded, the search goes on. */
export class TrialFailure extends DeeptuneError {
  constructor(message: string) {
    super('TRIAL_FAILED', message);
    this.name = 'TrialFailure';
  }
}

interface Job {
  readonly onEpoch: (epoch: TrialEpoch) => void;
  readonly resolve: (outcome: TrialOutcome) => void;
  readonly reject: (error: unknown) => void;
}

interface Slot {
  readonly worker: Worker;
  busy: number | undefined;
}

/**
 * Worker threads that train trials ("caviar": many models at once), one trial per worker at a
 * time. Each trial is seeded from the study, not from the worker, so results do not depend on
 * which worker ran a trial or how many there are.
 */
export class TrialWorkerPool {
  readonly #slots: Slot[] = [];
  readonly #jobs = new Map<number, Job>();
  readonly #size: number;
  readonly #data: TrialWorkerData;
  readonly #url: URL;

  constructor(size: number, data: TrialWorkerData, url: URL) {
    this.#size = size;
    this.#data = data;
    this.#url = url;
  }

  /** The number of workers. */
  get size(): number {
    return this.#size;
  }

  /** Starts the workers; resolves when every one has loaded the plugins. */
  async start(): Promise<void> {
    const ready: Promise<void>[] = [];
    for (let i = 0; i < this.#size; i++) {
      const worker = new Worker(this.#url, { workerData: this.#data });
      const slot: Slot = { worker, busy: undefined };
      this.#slots.push(slot);
      ready.push(
        new Promise<void>((resolve, reject) => {
          const onMessage = (message: FromWorker): void => {
            if (message.type === 'ready') resolve();
            else if (message.type === 'init-error') reject(new UsageError(message.message));
            else this.#handle(slot, message);
          };
          worker.on('message', onMessage);
          worker.on('error', (error) => {
            reject(error);
            this.#failSlot(slot, error);
          });
          worker.on('exit', (code) => {
            const error = new Error(`a trial worker stopped unexpectedly (exit code ${code})`);
            reject(error);
            this.#failSlot(slot, error);
          });
        }),
      );
    }
    await Promise.all(ready);
  }

  /** Trains one trial on a free worker (the caller never runs more trials than workers). */
  run(
    number: number,
    settings: RunSettings,
    onEpoch: (epoch: TrialEpoch) => void,
  ): Promise<TrialOutcome> {
    const slot = this.#slots.find((candidate) => candidate.busy === undefined);
    if (slot === undefined) return Promise.reject(new Error('no free trial worker'));
    slot.busy = number;
    return new Promise<TrialOutcome>((resolve, reject) => {
      this.#jobs.set(number, { onEpoch, resolve, reject });
      const message: ToWorker = {
        type: 'run',
        number,
        settings: {
          values: [...settings.values],
          explicit: [...settings.explicit],
          pluginOptions: [...settings.pluginOptions],
        },
      };
      slot.worker.postMessage(message);
    });
  }

  /** Stops a running trial after its current step (it then resolves with what it trained). */
  abort(number: number): void {
    const slot = this.#slots.find((candidate) => candidate.busy === number);
    slot?.worker.postMessage({ type: 'abort', number } satisfies ToWorker);
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    const slots = this.#slots.splice(0);
    for (const slot of slots) slot.worker.removeAllListeners('exit');
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  #handle(slot: Slot, message: FromWorker): void {
    if (message.type === 'ready' || message.type === 'init-error') return;
    const job = this.#jobs.get(message.number);
    if (job === undefined) return;
    if (message.type === 'epoch') {
      job.onEpoch(message.epoch);
      return;
    }
    this.#jobs.delete(message.number);
    slot.busy = undefined;
    if (message.type === 'done') job.resolve(message.outcome);
    else
      job.reject(
        message.kind === 'expected'
          ? new TrialFailure(message.message)
          : new Error(message.message),
      );
  }

  #failSlot(slot: Slot, error: unknown): void {
    if (slot.busy === undefined) return;
    const job = this.#jobs.get(slot.busy);
    this.#jobs.delete(slot.busy);
    slot.busy = undefined;
    job?.reject(error);
  }
}

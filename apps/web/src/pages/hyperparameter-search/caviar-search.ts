import { createStudy, memoryStorage, randomSampler, type Study, type Trial } from 'deeptune';
import {
  CAVIAR_SPACE,
  type CaviarTrialConfig,
  type CaviarTrialSnapshot,
} from '../../experiments/search/caviar-trial-job.js';
import { JobClient } from '../../worker/job-client.js';
import {
  CAVIAR_EPOCHS_PER_STEP,
  caviarTrialConfig,
  type CaviarStudyConfig,
} from './hyperparameter-search-params.js';

/** What the page shows of one caviar trial. */
export interface CaviarTrialView {
  /** The trial number. */
  readonly number: number;
  /** Its sampled α. */
  readonly learningRate: number;
  /** Its sampled hidden units. */
  readonly hiddenUnits: number;
  /** The dev cost after each step (index: step; epoch = index × epochs per step). */
  readonly devCosts: (number | null)[];
  /** Epochs trained. */
  epoch: number;
  /** The last dev cost. */
  devCost: number | null;
  /** The last dev error. */
  devError: number | null;
  /** Where it is. */
  state: 'running' | 'complete' | 'failed';
  /** Why it failed. */
  reason: string | null;
}

/** One worker and the trial it trains. */
interface WorkerSlot {
  readonly client: JobClient<CaviarTrialConfig, CaviarTrialSnapshot>;
  trial: Trial | null;
}

/** Options of {@link CaviarSearch}. */
export interface CaviarSearchOptions {
  /** The study's settings. */
  readonly config: CaviarStudyConfig;
  /** Called after every change of a trial. */
  readonly onChange: () => void;
  /** Receives the message of a failure of the search itself. */
  readonly onError: (message: string) => void;
}

/**
 * The caviar approach: a study (the library's random sampler, memory storage) whose trials
 * train in parallel Web Workers, one trial per worker at a time. Every trial's
 * hyperparameters and seed depend only on the study seed and its number, so the leaderboard
 * is the same whichever worker finishes first.
 */
export class CaviarSearch {
  /** The study's settings. */
  readonly config: CaviarStudyConfig;
  /** The trials started so far, by number. */
  readonly trials: CaviarTrialView[] = [];
  readonly #options: CaviarSearchOptions;
  readonly #slots: WorkerSlot[] = [];
  #study: Study | null = null;
  #playing = false;
  #disposed = false;

  constructor(options: CaviarSearchOptions) {
    this.#options = options;
    this.config = options.config;
  }

  /** The epochs of the curves' points: 0, 5, …, epochs. */
  get curveEpochs(): number[] {
    const epochs: number[] = [];
    for (let epoch = 0; epoch < this.config.epochs; epoch += CAVIAR_EPOCHS_PER_STEP)
      epochs.push(epoch);
    epochs.push(this.config.epochs);
    return epochs;
  }

  /** Trials finished (complete or failed). */
  get finished(): number {
    return this.#study?.finishedCount ?? 0;
  }

  /** Trials training now. */
  get running(): number {
    return this.#slots.filter((slot) => slot.trial !== null).length;
  }

  /** Whether every trial has finished. */
  get done(): boolean {
    return this.finished >= this.config.trials;
  }

  /** Whether the workers keep training. */
  get playing(): boolean {
    return this.#playing;
  }

  /** Creates the study and the workers; starts training when `play`. */
  async start(play: boolean): Promise<void> {
    this.#study = await createStudy({
      name: 'caviar',
      storage: memoryStorage(),
      sampler: randomSampler(),
      space: CAVIAR_SPACE,
      objective: 'dev cost',
      seed: this.config.seed,
      trials: this.config.trials,
    });
    if (this.#disposed) return;
    const workers = Math.min(this.config.workers, this.config.trials);
    for (let i = 0; i < workers; i++) {
      const slot: WorkerSlot = {
        client: new JobClient<CaviarTrialConfig, CaviarTrialSnapshot>({
          createWorker: () =>
            new Worker(new URL('../../experiments/search/caviar-worker.ts', import.meta.url), {
              type: 'module',
              name: `deeptune-caviar-${i + 1}`,
            }),
          onSnapshot: (snapshot, state) => void this.#receive(slot, snapshot, state.done),
          onError: (message) => this.#options.onError(message),
        }),
        trial: null,
      };
      this.#slots.push(slot);
    }
    if (play) this.play();
    this.#options.onChange();
  }

  /** Every worker trains on; idle ones take the next trial. */
  play(): void {
    this.#playing = true;
    for (const slot of this.#slots) {
      if (slot.trial === null) this.#launch(slot);
      else slot.client.play();
    }
  }

  /** Every worker stops after its current step. */
  pause(): void {
    this.#playing = false;
    for (const slot of this.#slots) slot.client.pause();
  }

  /** Every worker takes one step; idle ones start their next trial. */
  step(): void {
    for (const slot of this.#slots) {
      if (slot.trial === null) this.#launch(slot);
      else slot.client.step();
    }
  }

  /** Terminates the workers. */
  dispose(): void {
    this.#disposed = true;
    for (const slot of this.#slots) slot.client.dispose();
  }

  #launch(slot: WorkerSlot): void {
    const study = this.#study;
    if (study === null || this.#disposed) return;
    if (study.finishedCount + this.running >= this.config.trials || !study.canAsk()) return;
    const trial = study.ask();
    slot.trial = trial;
    const config = caviarTrialConfig(this.config, trial);
    this.trials[trial.number] = {
      number: trial.number,
      learningRate: config.learningRate,
      hiddenUnits: config.hiddenUnits,
      devCosts: [],
      epoch: 0,
      devCost: null,
      devError: null,
      state: 'running',
      reason: null,
    };
    slot.client.start(config, this.#playing);
  }

  async #receive(slot: WorkerSlot, snapshot: CaviarTrialSnapshot, done: boolean): Promise<void> {
    const view = this.trials[snapshot.trialNumber];
    const trial = slot.trial;
    if (view === undefined || trial === null || trial.number !== snapshot.trialNumber) return;
    if (snapshot.diverged === null) {
      view.devCosts[Math.ceil(snapshot.epoch / CAVIAR_EPOCHS_PER_STEP)] = snapshot.devCost;
      view.epoch = snapshot.epoch;
      view.devCost = snapshot.devCost;
      view.devError = snapshot.devError;
    }
    if (done) {
      slot.trial = null;
      const diverged = snapshot.diverged;
      const record = await this.#study!.tell(
        trial,
        diverged === null ? snapshot.devCost : new Error(`training diverged: ${diverged}`),
      );
      view.state = record.state === 'complete' ? 'complete' : 'failed';
      view.reason = record.reason;
      if (this.#playing && !this.#disposed) this.#launch(slot);
    }
    if (!this.#disposed) this.#options.onChange();
  }
}

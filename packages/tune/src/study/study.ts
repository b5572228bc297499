import { ConfigError, DeeptuneError, describeValue } from '@deeptune/core';
import type { Pruner, PruneDecision } from '../pruner/pruner.js';
import { bestTrial as bestOf } from '../report/study-ranking.js';
import { randomSampler } from '../sampler/random-sampler.js';
import type { Sampler, SamplerContext } from '../sampler/sampler.js';
import type { Distribution, ParamValue } from '../space/distribution.js';
import { isActive, type SearchSpace } from '../space/search-space.js';
import { memoryStorage } from '../storage/memory-storage.js';
import type { StudyEvent, StudyHeaderEvent } from '../storage/study-event.js';
import type { StudyStorage } from '../storage/study-storage.js';
import { deriveSeed } from './derive-seed.js';
import { replayStudy } from './replay-study.js';
import { runningRecord } from './running-record.js';
import { checkSameStudy, checkStudyOptions, studyHeader } from './study-header.js';
import { Trial, type TrialHost } from './trial.js';
import { TrialPrunedError } from './trial-pruned-error.js';
import type { Direction, TrialRecord } from './trial-record.js';

/**
 * The settings of a study.
 *
 * @category Studies
 */
export interface CreateStudyOptions {
  /** The study's name; a storage holds one study. @defaultValue 'study' */
  readonly name?: string;
  /** Where its events go. @defaultValue an in-memory storage */
  readonly storage?: StudyStorage;
  /** Chooses hyperparameters. @defaultValue `randomSampler()` */
  readonly sampler?: Sampler;
  /** Stops hopeless trials early. @defaultValue none */
  readonly pruner?: Pruner | null;
  /** Whether a smaller objective is better. @defaultValue 'minimize' */
  readonly direction?: Direction;
  /** What the objective is, for reports. @defaultValue 'dev error' */
  readonly objective?: string;
  /** The study seed: with it, the sampler's choices and each trial's seed are reproducible. @defaultValue 0 */
  readonly seed?: number;
  /** The declared search space; trials then start with every active hyperparameter chosen. */
  readonly space?: SearchSpace;
  /**
   * The number of trials planned (a grid lays itself out for it); a sampler that plans its
   * own (coarse-to-fine) sets it.
   */
  readonly trials?: number;
  /** Settings of the application that runs the trials, recorded and checked on resume. */
  readonly settings?: Readonly<Record<string, unknown>>;
}

/**
 * How {@link Study.optimize} runs.
 *
 * @category Studies
 */
export interface OptimizeOptions {
  /**
   * Run until the study has this many finished trials (complete, pruned or failed), counting
   * those of earlier runs: rerunning the same call after a crash finishes the same study.
   * @defaultValue the study's planned trials
   */
  readonly trials?: number;
  /** How many objectives run at once (each awaits its own work). @defaultValue 1 */
  readonly concurrency?: number;
  /** Stops the study: no new trial starts, running trials are told through `trial.signal`. */
  readonly signal?: AbortSignal;
  /** Called when a trial starts (its declared hyperparameters are chosen). */
  readonly onTrialStart?: (trial: Trial) => void;
  /** Called when a trial finishes, with its record. */
  readonly onTrialFinish?: (record: TrialRecord) => void;
}

/**
 * What {@link Study.optimize} did.
 *
 * @category Studies
 */
export interface OptimizeResult {
  /** Trials finished by this call. */
  readonly finished: number;
  /** Whether it stopped because of the signal before reaching its target. */
  readonly interrupted: boolean;
}

/**
 * An objective: trains with the trial's hyperparameters and returns the value to minimize
 * (or maximize), e.g. the dev error.
 *
 * @category Studies
 */
export type Objective = (trial: Trial) => number | Promise<number>;

/** A trial being run by this process. */
interface Running {
  readonly trial: Trial;
  readonly controller: AbortController;
  readonly started: number;
  /** Stops listening to the outer signal (called when the trial ends). */
  readonly detach: () => void;
}

function isFinishedState(record: TrialRecord): boolean {
  return record.state !== 'running';
}

function copyRecord(record: TrialRecord, changes: Partial<TrialRecord>): TrialRecord {
  return Object.freeze({ ...record, ...changes });
}

function now(): string {
  return new Date().toISOString();
}

function checkTrialCount(where: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new ConfigError(`${where}: trials must be an integer ≥ 1, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * A hyperparameter search: a sampler choosing hyperparameters, an objective trained with
 * them, a storage recording every trial so the study can be resumed, and optionally a
 * pruner. Create one with {@link createStudy}.
 *
 * @category Studies
 *
 * @example
 * ```ts
 * const study = await createStudy({ name: 'lr-search', seed: 0 });
 * await study.optimize((trial) => {
 *   const x = trial.log('learningRate', 1e-4, 1);
 *   return (Math.log10(x) + 2) ** 2; // best at 0.01
 * }, { trials: 30 });
 * study.bestTrial?.params; // { learningRate: ≈ 0.01 }
 * ```
 */
export class Study implements TrialHost {
  /** The study's header as stored: its name, sampler, pruner, space, seed and settings. */
  readonly header: StudyHeaderEvent;
  /** The study's name. */
  readonly name: string;
  /** Whether a smaller objective is better. */
  readonly direction: Direction;
  /** What the objective is, e.g. `dev error`. */
  readonly objective: string;
  /** The study seed. */
  readonly seed: number;
  /** The sampler. */
  readonly sampler: Sampler;
  /** The pruner, or `null`. */
  readonly pruner: Pruner | null;
  /** The declared search space, if any. */
  readonly space: SearchSpace | undefined;
  /**
   * The number of trials planned when the study was created, if known. A resumed study keeps
   * it (a grid stays laid out for it) even when a later run asks for more trials.
   */
  readonly plannedTrials: number | undefined;
  /** The application settings recorded in the header. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** The storage. */
  readonly storage: StudyStorage;
  #records: TrialRecord[];
  /** Interrupted trials to run again, by number. */
  readonly #requeued: number[];
  readonly #running = new Map<number, Running>();
  #writes: Promise<void> = Promise.resolve();
  #writeError: unknown = undefined;
  #closed = false;

  /** @internal Use {@link createStudy}. */
  constructor(
    header: StudyHeaderEvent,
    settings: {
      sampler: Sampler;
      pruner: Pruner | null;
      space: SearchSpace | undefined;
      storage: StudyStorage;
      records: TrialRecord[];
      requeued: number[];
    },
  ) {
    this.header = header;
    this.name = header.name;
    this.direction = header.direction;
    this.objective = header.objective;
    this.seed = header.seed;
    this.plannedTrials = header.trials ?? undefined;
    this.settings = header.settings;
    this.sampler = settings.sampler;
    this.pruner = settings.pruner;
    this.space = settings.space;
    this.storage = settings.storage;
    this.#records = settings.records;
    this.#requeued = settings.requeued;
  }

  /** Every trial, by number (running ones with what they reported so far). */
  get trials(): readonly TrialRecord[] {
    return [...this.#records];
  }

  /** The complete trial with the best value (the lowest number among ties), if any. */
  get bestTrial(): TrialRecord | undefined {
    return bestOf(this.direction, this.#records);
  }

  /** The number of finished trials (complete, pruned or failed). */
  get finishedCount(): number {
    return this.#records.filter(isFinishedState).length;
  }

  /** The number the next {@link Study.ask} gives: an interrupted trial first, else a new one. */
  get nextTrialNumber(): number {
    return this.#requeued[0] ?? this.#records.length;
  }

  /**
   * Whether a trial can start now: a coarse-to-fine round starts only when the previous
   * round has finished.
   */
  canAsk(): boolean {
    if (this.#requeued.length > 0) return true;
    return this.sampler.canStart?.(this.#context(this.#records.length)) ?? true;
  }

  /**
   * Starts the next trial (ask-and-tell, for loops of your own): with a declared space,
   * every active hyperparameter is chosen now. Finish it with {@link Study.tell}.
   *
   * @param signal - aborts the trial's `signal` too.
   * @throws {@link @deeptune/core!ConfigError} when the sampler is waiting for running
   * trials ({@link Study.canAsk} is false) or the study is closed.
   */
  ask(signal?: AbortSignal): Trial {
    this.#checkOpen('ask');
    if (!this.canAsk()) {
      const round = this.sampler.roundOf?.(this.#records.length);
      throw new ConfigError(
        `study '${this.name}': trial ${this.#records.length} cannot start yet: sampler '${this.sampler.name}' waits for the trials of ${round === undefined ? 'earlier rounds' : `round ${round}`} to finish (${this.#running.size} running)`,
      );
    }
    const requeued = this.#requeued.shift();
    const number = requeued ?? this.#records.length;
    const attempt = requeued === undefined ? 1 : this.#records[number]!.attempt + 1;
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    if (signal?.aborted === true) controller.abort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    const detach = (): void => signal?.removeEventListener('abort', onAbort);
    const trial = new Trial(
      this,
      number,
      attempt,
      deriveSeed(this.seed, number),
      controller.signal,
    );
    const record = runningRecord(number, attempt);
    this.#records[number] = record;
    this.#running.set(number, { trial, controller, started: performance.now(), detach });
    this.#write({ type: 'trial-start', number, attempt, at: now() });
    if (this.space !== undefined) {
      for (const entry of this.space.entries) {
        if (isActive(entry, trial.params)) trial.suggest(entry.name, entry.distribution);
      }
    }
    return trial;
  }

  /**
   * Finishes a trial from {@link Study.ask}: with its objective value (complete), a
   * {@link TrialPrunedError} (pruned), another error (failed, with the error's message), or
   * `'stop'` to give it back for a later run (it will start again as its next attempt).
   *
   * @throws {@link @deeptune/core!ConfigError} when the trial is not running in this study,
   * or the value is not a finite number.
   */
  async tell(trial: Trial, outcome: number | Error | 'stop'): Promise<TrialRecord> {
    const running = this.#running.get(trial.number);
    if (running === undefined || running.trial !== trial) {
      throw new ConfigError(
        `study '${this.name}': tell: trial ${trial.number} is not running in this study`,
      );
    }
    this.#running.delete(trial.number);
    running.detach();
    const seconds = Math.round(((performance.now() - running.started) / 1000) * 1000) / 1000;
    const record = this.#records[trial.number]!;
    if (outcome === 'stop') {
      this.#write({
        type: 'trial-stop',
        number: trial.number,
        attempt: trial.attempt,
        reason: 'interrupted',
        at: now(),
      });
      this.#requeued.push(trial.number);
      this.#requeued.sort((a, b) => a - b);
      await this.flush();
      return this.#records[trial.number]!;
    }
    let finished: TrialRecord;
    if (typeof outcome === 'number') {
      if (!Number.isFinite(outcome)) {
        finished = copyRecord(record, {
          state: 'failed',
          reason: `the objective returned ${String(outcome)}`,
          seconds,
        });
      } else {
        finished = copyRecord(record, { state: 'complete', value: outcome, seconds });
      }
    } else if (TrialPrunedError.isInstance(outcome)) {
      finished = copyRecord(record, {
        state: 'pruned',
        value: record.intermediate.at(-1)?.value ?? null,
        reason: outcome.message,
        seconds,
      });
    } else {
      finished = copyRecord(record, {
        state: 'failed',
        reason: outcome instanceof Error ? outcome.message : String(outcome),
        seconds,
      });
    }
    this.#records[trial.number] = finished;
    this.#write({
      type: 'trial-finish',
      number: trial.number,
      attempt: trial.attempt,
      state: finished.state as 'complete' | 'pruned' | 'failed',
      value: finished.value,
      reason: finished.reason,
      seconds,
      attributes: finished.attributes,
      at: now(),
    });
    await this.flush();
    return finished;
  }

  /**
   * Runs trials until the study has `trials` finished ones, `concurrency` at a time.
   *
   * A trial whose objective throws a {@link TrialPrunedError} is recorded as pruned; one
   * whose objective throws a deeptune error (a diverged run, a bad hyperparameter) is
   * recorded as failed and the search goes on; any other error is recorded, stops the study
   * (running trials are given back for a later run) and is rethrown, since it is a bug in
   * the objective rather than an outcome of the hyperparameters. When `signal` aborts, no
   * new trial starts and running trials are given back unfinished: the next run of the same
   * study starts them again.
   *
   * @throws {@link @deeptune/core!ConfigError} for an invalid `trials` or `concurrency`.
   */
  async optimize(objective: Objective, options: OptimizeOptions = {}): Promise<OptimizeResult> {
    this.#checkOpen('optimize');
    const target = checkTrialCount(
      `study '${this.name}': optimize`,
      options.trials ?? this.plannedTrials ?? this.sampler.plannedTrials,
    );
    const concurrency = options.concurrency ?? 1;
    if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
      throw new ConfigError(
        `study '${this.name}': optimize: concurrency must be an integer ≥ 1, got ${describeValue(concurrency)}`,
      );
    }
    const stop = new AbortController();
    const outer = options.signal;
    const onOuterAbort = (): void => stop.abort();
    if (outer?.aborted === true) stop.abort();
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    const tasks = new Map<number, Promise<void>>();
    let finished = 0;
    let fatal: { error: unknown } | undefined;

    const runOne = async (trial: Trial): Promise<void> => {
      let outcome: number | Error | 'stop';
      try {
        outcome = await objective(trial);
        if (typeof outcome !== 'number') {
          outcome = new ConfigError(
            `the objective returned ${describeValue(outcome)}, not a number`,
          );
        }
      } catch (error) {
        outcome = error instanceof Error ? error : new Error(String(error));
        if (!DeeptuneError.isInstance(error) && !stop.signal.aborted) {
          fatal ??= { error };
          stop.abort();
        }
      }
      if (stop.signal.aborted && (fatal === undefined || fatal.error !== outcome)) outcome = 'stop';
      const record = await this.tell(trial, outcome);
      if (outcome !== 'stop') {
        finished++;
        options.onTrialFinish?.(record);
      }
    };

    try {
      for (;;) {
        while (
          !stop.signal.aborted &&
          tasks.size < concurrency &&
          this.finishedCount + this.#running.size < target &&
          this.canAsk()
        ) {
          const trial = this.ask(stop.signal);
          options.onTrialStart?.(trial);
          const task = runOne(trial).finally(() => tasks.delete(trial.number));
          tasks.set(trial.number, task);
        }
        if (tasks.size === 0) break;
        await Promise.race(tasks.values());
      }
    } finally {
      outer?.removeEventListener('abort', onOuterAbort);
      await Promise.allSettled(tasks.values());
      await this.flush();
    }
    if (fatal !== undefined) throw fatal.error;
    if (!stop.signal.aborted && this.finishedCount < target) {
      throw new ConfigError(
        `study '${this.name}': sampler '${this.sampler.name}' cannot start trial ${this.#records.length}, and no trial is running (the study has ${this.finishedCount} of ${target} trials)`,
      );
    }
    return { finished, interrupted: stop.signal.aborted && this.finishedCount < target };
  }

  /** Waits until every event so far is in the storage. @throws the storage's error. */
  async flush(): Promise<void> {
    await this.#writes;
    if (this.#writeError !== undefined) throw this.#writeError;
  }

  /** Flushes and closes the storage (a journal's lock is released). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.flush();
    } finally {
      await this.storage.close();
    }
  }

  /** @internal {@link TrialHost} */
  suggest(trial: Trial, name: string, distribution: Distribution): ParamValue {
    const running = this.#running.get(trial.number);
    if (running?.trial !== trial) {
      throw new ConfigError(
        `study '${this.name}': trial ${trial.number} is not running; it cannot draw '${name}'`,
      );
    }
    const context = this.#context(trial.number);
    const box = this.sampler.boxFor?.(context, name, distribution) ?? distribution;
    const value = this.sampler.sample(context, name, distribution);
    trial._record(name, value, distribution);
    const record = this.#records[trial.number]!;
    this.#records[trial.number] = copyRecord(record, {
      params: Object.freeze({ ...record.params, [name]: value }),
      distributions: Object.freeze({ ...record.distributions, [name]: box }),
    });
    this.#write({
      type: 'trial-param',
      number: trial.number,
      attempt: trial.attempt,
      name,
      value,
      distribution: box,
    });
    return value;
  }

  /** @internal {@link TrialHost} */
  report(trial: Trial, epoch: number, value: number): PruneDecision | null {
    const running = this.#running.get(trial.number);
    if (running?.trial !== trial) {
      throw new ConfigError(
        `study '${this.name}': trial ${trial.number} is not running; it cannot report`,
      );
    }
    const record = copyRecord(this.#records[trial.number]!, {
      intermediate: Object.freeze([...this.#records[trial.number]!.intermediate, { epoch, value }]),
    });
    this.#records[trial.number] = record;
    this.#write({
      type: 'trial-report',
      number: trial.number,
      attempt: trial.attempt,
      epoch,
      value,
    });
    if (this.pruner === null) return null;
    return this.pruner.check(record, {
      direction: this.direction,
      trials: this.#records.filter((other) => other.number !== trial.number),
    });
  }

  /** @internal {@link TrialHost} */
  setAttribute(trial: Trial, key: string, value: number | string | boolean | null): void {
    const record = this.#records[trial.number]!;
    this.#records[trial.number] = copyRecord(record, {
      attributes: Object.freeze({ ...record.attributes, [key]: value }),
    });
  }

  #context(trialNumber: number): SamplerContext {
    return {
      studySeed: this.seed,
      trialNumber,
      space: this.space,
      plannedTrials: this.plannedTrials ?? this.sampler.plannedTrials,
      trials: this.#records,
      direction: this.direction,
    };
  }

  #write(event: StudyEvent): void {
    this.#writes = this.#writes.then(async () => {
      if (this.#writeError !== undefined) return;
      try {
        await this.storage.append(event);
      } catch (error) {
        this.#writeError = error;
      }
    });
  }

  #checkOpen(operation: string): void {
    if (this.#closed)
      throw new ConfigError(`study '${this.name}': ${operation}: the study is closed`);
  }
}

/**
 * Creates a study, or resumes the one its storage holds: completed trials are kept, a trial
 * that was running when its process died is queued to run again once (a second death marks
 * it failed), and a trial stopped cleanly (Ctrl-C) is queued again.
 *
 * @throws {@link @deeptune/core!ConfigError} when the storage holds a different study (another
 * name, sampler, space, seed, …: the message names the field and both values), or an option
 * is invalid; {@link @deeptune/core!DataFormatError} when the storage is corrupt.
 * @category Studies
 *
 * @example
 * ```ts
 * import { createStudy, hp, searchSpace, coarseToFine } from '@deeptune/tune';
 * import { journalStorage } from '@deeptune/tune/node';
 *
 * const study = await createStudy({
 *   name: 'lr-search',
 *   storage: journalStorage('lr-search.jsonl'), // resumes after a crash
 *   sampler: coarseToFine({ rounds: 3, trialsPerRound: 10, topK: 3 }),
 *   space: searchSpace({ learningRate: hp.log(1e-4, 1), beta: hp.oneMinusLog(0.9, 0.999) }),
 *   seed: 0,
 * });
 * await study.optimize(async (trial) => trainAndMeasureDevError(trial.params, trial.seed));
 * await study.close();
 * ```
 */
export async function createStudy(options: CreateStudyOptions = {}): Promise<Study> {
  checkStudyOptions('createStudy', options);
  const sampler = options.sampler ?? randomSampler();
  const pruner = options.pruner ?? null;
  const storage = options.storage ?? memoryStorage();
  const wanted = studyHeader(options, sampler, pruner);
  const events = await storage.load();
  try {
    const replayed = replayStudy(events, storage.description);
    const records = [...replayed.trials];
    const requeued: number[] = [];
    let header = replayed.header;
    if (header === undefined) {
      header = wanted;
      await storage.append(header);
    } else {
      checkSameStudy(storage.description, header, wanted);
    }
    const study = new Study(header, {
      sampler,
      pruner,
      space: options.space,
      storage,
      records,
      requeued,
    });
    for (const [number, crashes] of replayed.crashes) {
      if (crashes <= 1) {
        requeued.push(number);
        continue;
      }
      const record = records[number]!;
      records[number] = copyRecord(record, {
        state: 'failed',
        reason: `its process died while running it, ${crashes} times`,
      });
      await storage.append({
        type: 'trial-finish',
        number,
        attempt: record.attempt,
        state: 'failed',
        value: null,
        reason: records[number]!.reason,
        seconds: 0,
        attributes: {},
        at: now(),
      });
    }
    requeued.sort((a, b) => a - b);
    return study;
  } catch (error) {
    await storage.close();
    throw error;
  }
}

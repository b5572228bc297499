import { hostname } from 'node:os';
import { ConfigError, DataFormatError, DeeptuneError, describeValue } from '@deeptune/core';
import type { PruneDecision } from '../pruner/pruner.js';
import type { SamplerContext } from '../sampler/sampler.js';
import type { Distribution, ParamValue } from '../space/distribution.js';
import { isActive } from '../space/search-space.js';
import { deriveSeed } from '../study/derive-seed.js';
import { runningRecord } from '../study/running-record.js';
import { stableJson } from '../study/stable-json.js';
import type { Objective } from '../study/study.js';
import { Trial, type TrialHost } from '../study/trial.js';
import { TrialPrunedError } from '../study/trial-pruned-error.js';
import type { TrialRecord } from '../study/trial-record.js';
import type {
  ClaimedTrial,
  StoredRound,
  StoredTrial,
  TrialOutcome,
  TrialPlan,
  TrialPlanContext,
} from './postgres-trial-store.js';
import type { SharedStudy } from './shared-study.js';
import { StorageUnavailableError } from './storage-unavailable-error.js';
import { storedTrialRecord } from './stored-trial-record.js';
import { pause, withReconnect } from './with-reconnect.js';

/**
 * How a worker works on a {@link SharedStudy} ({@link SharedStudy.work}).
 *
 * @category Studies
 */
export interface WorkOptions {
  /**
   * The worker's name in the database (which trial runs where; fencing).
   * @defaultValue `<host name>/<process id>`
   */
  readonly workerId?: string;
  /** Trials this worker runs at once. @defaultValue 1 */
  readonly concurrency?: number;
  /**
   * Seconds without a heartbeat after which a running trial counts as lost (its worker
   * died) and is queued again. @defaultValue 60
   */
  readonly graceSeconds?: number;
  /** Seconds between heartbeats (below the grace period). @defaultValue grace / 4, at most 10 */
  readonly heartbeatSeconds?: number;
  /** Times a lost trial is queued again before it is marked failed. @defaultValue 2 */
  readonly maxRetries?: number;
  /** Seconds between looks for work while none can start. @defaultValue 1 */
  readonly pollSeconds?: number;
  /**
   * Seconds the database may stay unreachable (a restart, a network cut) while the worker
   * reconnects with a doubling wait, before it gives up. @defaultValue 300
   */
  readonly reconnectSeconds?: number;
  /** Stops the worker: no trial starts, running ones are given back to the queue. */
  readonly signal?: AbortSignal;
  /** Called when one of this worker's trials starts. */
  readonly onTrialStart?: (trial: Trial) => void;
  /** Called when one of this worker's trials is recorded as finished. */
  readonly onTrialFinish?: (record: TrialRecord) => void;
  /** Told what happens around the trials: re-queued trials, lost claims, reconnecting. */
  readonly onNotice?: (message: string) => void;
}

/**
 * What {@link SharedStudy.work} did.
 *
 * @category Studies
 */
export interface WorkResult {
  /** Trials this worker finished and recorded. */
  readonly finished: number;
  /** Trials this worker ran whose claim was lost (re-queued elsewhere): results dropped. */
  readonly lost: number;
  /** Whether the signal stopped it before the study was done. */
  readonly interrupted: boolean;
  /** Whether every trial of the study has finished. */
  readonly studyDone: boolean;
}

/** One trial running on this worker. */
interface RunningTrial {
  readonly claim: ClaimedTrial;
  readonly trial: Trial;
  readonly controller: AbortController;
  readonly started: number;
  /** The trials as they were when this one started (its sampler context). */
  readonly history: TrialRecord[];
  record: TrialRecord;
  /** Writes about the trial, in order. */
  writes: Promise<void>;
  writeError: { error: unknown } | undefined;
  /** Why the claim was lost, once it was. */
  lostReason: string | undefined;
}

/** What a look for work found. */
type Acquired =
  | { readonly kind: 'trial'; readonly claim: ClaimedTrial; readonly history: TrialRecord[] }
  | { readonly kind: 'done' }
  | { readonly kind: 'waiting' };

function positive(where: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ConfigError(`${where}: ${name} must be a number > 0, got ${describeValue(value)}`);
  }
  return value;
}

function count(where: string, name: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new ConfigError(
      `${where}: ${name} must be an integer ≥ ${min}, got ${describeValue(value)}`,
    );
  }
  return value;
}

/** Whether a stored trial has finished (complete, pruned or failed): it never changes again. */
function isFinished(trial: StoredTrial): boolean {
  return trial.state === 'complete' || trial.state === 'pruned' || trial.state === 'failed';
}

function changed(record: TrialRecord, changes: Partial<TrialRecord>): TrialRecord {
  return Object.freeze({ ...record, ...changes });
}

/**
 * One worker's loop over a {@link SharedStudy}: see {@link SharedStudy.work}.
 * @internal
 */
export class SharedWorker implements TrialHost {
  readonly #study: SharedStudy;
  readonly #objective: Objective;
  readonly #options: WorkOptions;
  readonly #workerId: string;
  readonly #concurrency: number;
  readonly #graceSeconds: number;
  readonly #heartbeatSeconds: number;
  readonly #maxRetries: number;
  readonly #pollSeconds: number;
  readonly #reconnectSeconds: number;
  readonly #running = new Map<number, RunningTrial>();
  readonly #stop = new AbortController();
  /** The study's trials as last read, for pruners (every worker's values). */
  #history: TrialRecord[] = [];
  /** Finished trials read so far: they never change, so reads skip them. */
  readonly #finishedTrials = new Map<number, StoredTrial>();
  /** Their records, made once. */
  readonly #finishedRecords = new WeakMap<StoredTrial, TrialRecord>();
  #fatal: { error: unknown } | undefined;
  #finished = 0;
  #lost = 0;
  #ticking = false;
  /** Whether the database is unreachable now (one notice per outage). */
  #unreachable = false;

  constructor(study: SharedStudy, objective: Objective, options: WorkOptions) {
    const where = `study '${study.name}': work`;
    if (typeof objective !== 'function') {
      throw new ConfigError(
        `${where}: the objective must be a function, got ${describeValue(objective)}`,
      );
    }
    this.#study = study;
    this.#objective = objective;
    this.#options = options;
    const workerId = options.workerId ?? `${hostname()}/${process.pid}`;
    if (typeof workerId !== 'string' || workerId === '' || workerId.length > 200) {
      throw new ConfigError(
        `${where}: workerId must be a non-empty string of at most 200 characters, got ${describeValue(workerId)}`,
      );
    }
    this.#workerId = workerId;
    this.#concurrency = count(where, 'concurrency', options.concurrency, 1, 1);
    this.#graceSeconds = positive(where, 'graceSeconds', options.graceSeconds, 60);
    this.#heartbeatSeconds = positive(
      where,
      'heartbeatSeconds',
      options.heartbeatSeconds,
      Math.min(10, this.#graceSeconds / 4),
    );
    if (this.#heartbeatSeconds >= this.#graceSeconds) {
      throw new ConfigError(
        `${where}: heartbeatSeconds (${this.#heartbeatSeconds}) must be below graceSeconds (${this.#graceSeconds}), or live trials would be taken for lost`,
      );
    }
    this.#maxRetries = count(where, 'maxRetries', options.maxRetries, 2, 0);
    this.#pollSeconds = positive(where, 'pollSeconds', options.pollSeconds, 1);
    this.#reconnectSeconds = positive(where, 'reconnectSeconds', options.reconnectSeconds, 300);
  }

  /** Works until the study is done, the signal aborts, or an error stops the worker. */
  async run(): Promise<WorkResult> {
    const outer = this.#options.signal;
    const onOuterAbort = (): void => this.#stop.abort();
    if (outer?.aborted === true) this.#stop.abort();
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    const tasks = new Set<Promise<void>>();
    const timer = setInterval(() => void this.#tick(), this.#heartbeatSeconds * 1000);
    let studyDone = false;
    try {
      await this.#tick();
      while (!this.#stop.signal.aborted) {
        let found: Acquired['kind'] = 'waiting';
        while (this.#running.size < this.#concurrency && !this.#stop.signal.aborted) {
          const acquired = await this.#acquire();
          found = acquired.kind;
          if (acquired.kind !== 'trial') break;
          const task = this.#runTrial(acquired.claim, acquired.history).finally(() =>
            tasks.delete(task),
          );
          tasks.add(task);
        }
        if (found === 'done' && this.#running.size === 0) {
          studyDone = true;
          break;
        }
        await this.#idle(tasks);
      }
    } catch (error) {
      this.#fatal ??= { error };
      this.#stop.abort();
    } finally {
      clearInterval(timer);
      outer?.removeEventListener('abort', onOuterAbort);
      await Promise.allSettled(tasks);
    }
    if (this.#fatal !== undefined) throw this.#fatal.error;
    return {
      finished: this.#finished,
      lost: this.#lost,
      interrupted: !studyDone,
      studyDone,
    };
  }

  /**
   * Waits until a task ends, the poll interval passes or the worker stops; the wait's timer
   * and listener go when it ends (a stop signal would otherwise gather one per wait).
   */
  async #idle(tasks: ReadonlySet<Promise<void>>): Promise<void> {
    const waiting = new AbortController();
    const onStop = (): void => waiting.abort();
    this.#stop.signal.addEventListener('abort', onStop, { once: true });
    try {
      await Promise.race([...tasks, pause(this.#pollSeconds, waiting.signal)]);
    } finally {
      waiting.abort();
      this.#stop.signal.removeEventListener('abort', onStop);
    }
  }

  /** Runs a store operation, reconnecting while the database is unreachable. */
  #reconnecting<T>(operation: () => Promise<T>): Promise<T> {
    return withReconnect(
      async () => {
        const result = await operation();
        this.#reachable();
        return result;
      },
      {
        giveUpSeconds: this.#reconnectSeconds,
        onRetry: (error) =>
          this.#unreachableNow(error, ` (giving up after ${this.#reconnectSeconds} s)`),
      },
    );
  }

  /** The database answered: says so once after an outage. */
  #reachable(): void {
    if (!this.#unreachable) return;
    this.#unreachable = false;
    this.#notice('the database is reachable again');
  }

  /** The database did not answer: says so once per outage. */
  #unreachableNow(error: StorageUnavailableError, detail = ''): void {
    if (this.#unreachable) return;
    this.#unreachable = true;
    this.#notice(`${error.message}; reconnecting${detail}`);
  }

  #notice(message: string): void {
    this.#options.onNotice?.(message);
  }

  /**
   * Heartbeats for this worker's trials, re-queues trials whose worker went silent, and reads
   * the study's trials for the pruners. Unreachable database: tried again next tick.
   */
  async #tick(): Promise<void> {
    if (this.#ticking) return;
    this.#ticking = true;
    const store = this.#study.store;
    try {
      for (const running of [...this.#running.values()]) {
        if (running.lostReason !== undefined) continue;
        if (!(await store.heartbeat(running.claim))) {
          this.#lose(running, 'another worker re-queued it after its heartbeat stopped');
        }
      }
      const requeue = await store.requeueStale(
        this.#study.id,
        this.#graceSeconds,
        this.#maxRetries,
      );
      if (requeue.requeued.length > 0) {
        this.#notice(
          `no heartbeat within ${this.#graceSeconds} s: trial${requeue.requeued.length === 1 ? '' : 's'} ${requeue.requeued.join(', ')} queued again`,
        );
      }
      if (requeue.failed.length > 0) {
        this.#notice(
          `no heartbeat within ${this.#graceSeconds} s and no retry left (${this.#maxRetries}): trial${requeue.failed.length === 1 ? '' : 's'} ${requeue.failed.join(', ')} failed`,
        );
      }
      this.#history = this.#records(await this.#readTrials());
      this.#reachable();
    } catch (error) {
      if (StorageUnavailableError.isInstance(error)) {
        this.#unreachableNow(error);
      } else {
        this.#fatal ??= { error };
        this.#stop.abort();
      }
    } finally {
      this.#ticking = false;
    }
  }

  /** A queued trial claimed, else a new trial created, else whether the study is done. */
  async #acquire(): Promise<Acquired> {
    const study = this.#study;
    const store = study.store;
    const claimed = await this.#reconnecting(() =>
      store.claimQueuedTrial(study.id, this.#workerId),
    );
    if (claimed !== undefined) {
      const history = this.#records(await this.#reconnecting(() => this.#readTrials()));
      return { kind: 'trial', claim: claimed, history };
    }
    let history: TrialRecord[] = [];
    const result = await this.#reconnecting(() =>
      store.startTrial(
        study.id,
        this.#workerId,
        study.plannedTrials,
        (context) => {
          this.#remember(context.trials);
          history = this.#records(context.trials);
          return this.#plan(context, history);
        },
        this.#finishedTrials,
      ),
    );
    if (result.status === 'started') return { kind: 'trial', claim: result.claim, history };
    if (result.status === 'waiting') return { kind: 'waiting' };
    const trials = await this.#reconnecting(() => this.#readTrials());
    const done = trials.length >= study.plannedTrials && trials.every(isFinished);
    return { kind: done ? 'done' : 'waiting' };
  }

  /** The study's trials, reading only those not known to be finished. */
  async #readTrials(): Promise<StoredTrial[]> {
    const trials = await this.#study.store.trials(this.#study.id, this.#finishedTrials);
    this.#remember(trials);
    return trials;
  }

  /** The trials as study records; a finished trial's record is made once and kept. */
  #records(trials: readonly StoredTrial[]): TrialRecord[] {
    return trials.map((trial) => {
      let record = this.#finishedRecords.get(trial);
      if (record === undefined) {
        record = storedTrialRecord(trial);
        if (this.#finishedTrials.get(trial.number) === trial)
          this.#finishedRecords.set(trial, record);
      }
      return record;
    });
  }

  /** Keeps the finished trials among `trials`, which later reads then skip. */
  #remember(trials: readonly StoredTrial[]): void {
    for (const trial of trials) {
      if (isFinished(trial)) this.#finishedTrials.set(trial.number, trial);
    }
  }

  /** The sampler's context for trial `number`, given the trials before it and itself. */
  #context(number: number, trials: readonly TrialRecord[]): SamplerContext {
    const study = this.#study;
    return {
      studySeed: study.seed,
      trialNumber: number,
      space: study.space,
      plannedTrials: study.plannedTrials,
      trials,
      direction: study.direction,
    };
  }

  /**
   * Under the study lock: whether trial `context.number` may start, its hyperparameters
   * (a declared space is sampled whole), and for the first trial of a coarse-to-fine round
   * the round's box; a later trial checks its box against the stored one.
   */
  #plan(context: TrialPlanContext, history: TrialRecord[]): TrialPlan | undefined {
    const study = this.#study;
    const sampler = study.sampler;
    const number = context.number;
    const trials = [...history];
    trials[number] = runningRecord(number, 1);
    if (sampler.canStart !== undefined && !sampler.canStart(this.#context(number, trials))) {
      return undefined;
    }
    const params: Record<string, ParamValue> = {};
    const distributions: Record<string, Distribution> = {};
    if (study.space === undefined) return { params, distributions };
    for (const entry of study.space.entries) {
      if (!isActive(entry, params)) continue;
      const samplerContext = this.#context(number, trials);
      const box =
        sampler.boxFor?.(samplerContext, entry.name, entry.distribution) ?? entry.distribution;
      params[entry.name] = sampler.sample(samplerContext, entry.name, entry.distribution);
      distributions[entry.name] = box;
      trials[number] = changed(trials[number]!, {
        params: Object.freeze({ ...params }),
        distributions: Object.freeze({ ...distributions }),
      });
    }
    if (sampler.roundOf === undefined || sampler.boxFor === undefined) {
      return { params, distributions };
    }
    const round = sampler.roundOf(number);
    const stored = context.rounds.find((candidate) => candidate.round === round);
    if (stored === undefined) {
      const boxes: Record<string, Distribution> = {};
      const samplerContext = this.#context(number, trials);
      for (const entry of study.space.entries) {
        boxes[entry.name] = sampler.boxFor(samplerContext, entry.name, entry.distribution);
      }
      const newRound: StoredRound = { round, boxes, workerId: this.#workerId };
      return { params, distributions, round: newRound };
    }
    for (const [name, box] of Object.entries(distributions)) {
      const storedBox = stored.boxes[name];
      if (storedBox !== undefined && stableJson(storedBox) !== stableJson(box)) {
        throw new DataFormatError(
          `study '${study.name}': trial ${number} would draw '${name}' from ${stableJson(box)}, but round ${round}'s stored box is ${stableJson(storedBox)} (computed by ${stored.workerId ?? 'another worker'}); the workers run different versions of the sampler`,
        );
      }
    }
    return { params, distributions };
  }

  /** Runs one claimed trial to its end and records the outcome (fenced by the claim). */
  async #runTrial(claim: ClaimedTrial, history: TrialRecord[]): Promise<void> {
    const study = this.#study;
    const controller = new AbortController();
    const onStop = (): void => controller.abort();
    if (this.#stop.signal.aborted) controller.abort();
    else this.#stop.signal.addEventListener('abort', onStop, { once: true });
    const trial = new Trial(
      this,
      claim.number,
      claim.attempt,
      deriveSeed(study.seed, claim.number),
      controller.signal,
    );
    for (const [name, value] of Object.entries(claim.params)) {
      const distribution = claim.distributions[name];
      if (distribution === undefined) {
        throw new DataFormatError(
          `study '${study.name}': trial ${claim.number} has a stored value for '${name}' but no distribution`,
        );
      }
      trial._record(name, value, distribution);
    }
    const running: RunningTrial = {
      claim,
      trial,
      controller,
      started: performance.now(),
      history,
      record: changed(runningRecord(claim.number, claim.attempt), {
        params: Object.freeze({ ...claim.params }),
        distributions: Object.freeze({ ...claim.distributions }),
      }),
      writes: Promise.resolve(),
      writeError: undefined,
      lostReason: undefined,
    };
    this.#running.set(claim.number, running);
    try {
      let outcome: number | Error;
      let bug = false;
      try {
        this.#options.onTrialStart?.(trial);
        outcome = await this.#objective(trial);
        if (typeof outcome !== 'number') {
          outcome = new ConfigError(
            `the objective returned ${describeValue(outcome)}, not a number`,
          );
        }
      } catch (error) {
        outcome = error instanceof Error ? error : new Error(String(error));
        bug = !DeeptuneError.isInstance(error) && !this.#stop.signal.aborted;
      }
      await running.writes;
      if (running.writeError !== undefined) throw running.writeError.error;
      if (running.lostReason !== undefined) {
        this.#lost++;
        this.#notice(
          `trial ${claim.number} (attempt ${claim.attempt}): ${running.lostReason}; its result is dropped, the other attempt's stands`,
        );
        return;
      }
      if (this.#stop.signal.aborted && !bug) {
        const reason = this.#fatal === undefined ? 'the worker was stopped' : 'the worker failed';
        await this.#reconnecting(() => study.store.releaseTrial(claim, `stopped: ${reason}`));
        return;
      }
      const seconds = Math.round(performance.now() - running.started) / 1000;
      const stored = this.#outcome(running.record, outcome, seconds);
      const recorded = await this.#reconnecting(() => study.store.finishTrial(claim, stored));
      if (!recorded) {
        this.#lost++;
        this.#notice(
          `trial ${claim.number} (attempt ${claim.attempt}): another worker re-queued it after its heartbeat stopped; its result is dropped, the other attempt's stands`,
        );
      } else {
        this.#finished++;
        running.record = changed(running.record, {
          state: stored.state,
          value: stored.state === 'failed' ? null : stored.value,
          reason: stored.state === 'complete' ? null : stored.reason,
          seconds,
        });
        this.#options.onTrialFinish?.(running.record);
      }
      if (bug) {
        this.#fatal ??= { error: outcome };
        this.#stop.abort();
      }
    } catch (error) {
      this.#fatal ??= { error };
      this.#stop.abort();
    } finally {
      this.#stop.signal.removeEventListener('abort', onStop);
      this.#running.delete(claim.number);
    }
  }

  /** The stored outcome of an objective's result. */
  #outcome(record: TrialRecord, outcome: number | Error, seconds: number): TrialOutcome {
    const attributes = record.attributes;
    if (typeof outcome === 'number') {
      return Number.isFinite(outcome)
        ? { state: 'complete', value: outcome, seconds, attributes }
        : {
            state: 'failed',
            reason: `the objective returned ${String(outcome)}`,
            seconds,
            attributes,
          };
    }
    if (TrialPrunedError.isInstance(outcome)) {
      return {
        state: 'pruned',
        value: record.intermediate.at(-1)?.value ?? null,
        reason: outcome.message,
        seconds,
        attributes,
      };
    }
    return { state: 'failed', reason: outcome.message, seconds, attributes };
  }

  /** Marks a running trial's claim lost and stops it. */
  #lose(running: RunningTrial, reason: string): void {
    if (running.lostReason !== undefined) return;
    running.lostReason = reason;
    running.controller.abort();
  }

  /** Queues a write about a running trial; a false answer means the claim was lost. */
  #write(running: RunningTrial, write: () => Promise<boolean>): void {
    running.writes = running.writes.then(async () => {
      if (running.writeError !== undefined || running.lostReason !== undefined) return;
      try {
        if (!(await this.#reconnecting(write))) {
          this.#lose(running, 'another worker re-queued it after its heartbeat stopped');
        }
      } catch (error) {
        running.writeError = { error };
      }
    });
  }

  #runningTrial(trial: Trial, what: string): RunningTrial {
    const running = this.#running.get(trial.number);
    if (running?.trial !== trial) {
      throw new ConfigError(
        `study '${this.#study.name}': trial ${trial.number} is not running on this worker; it cannot ${what}`,
      );
    }
    return running;
  }

  /** @internal {@link TrialHost} */
  suggest(trial: Trial, name: string, distribution: Distribution): ParamValue {
    const running = this.#runningTrial(trial, `draw '${name}'`);
    const sampler = this.#study.sampler;
    const trials = [...running.history];
    trials[trial.number] = running.record;
    const context = this.#context(trial.number, trials);
    const box = sampler.boxFor?.(context, name, distribution) ?? distribution;
    const value = sampler.sample(context, name, distribution);
    trial._record(name, value, box);
    running.record = changed(running.record, {
      params: Object.freeze({ ...running.record.params, [name]: value }),
      distributions: Object.freeze({ ...running.record.distributions, [name]: box }),
    });
    const claim = running.claim;
    this.#write(running, () =>
      this.#study.store.recordParams(claim, { [name]: value }, { [name]: box }),
    );
    return value;
  }

  /** @internal {@link TrialHost} */
  report(trial: Trial, epoch: number, value: number): PruneDecision | null {
    const running = this.#runningTrial(trial, 'report');
    running.record = changed(running.record, {
      intermediate: Object.freeze([...running.record.intermediate, { epoch, value }]),
    });
    const claim = running.claim;
    this.#write(running, () => this.#study.store.reportValue(claim, epoch, value));
    const pruner = this.#study.pruner;
    if (pruner === null) return null;
    // Every worker's values as last read, with this worker's own running trials up to date.
    const others = this.#history
      .filter((other) => other.number !== trial.number)
      .map((other) => this.#running.get(other.number)?.record ?? other);
    return pruner.check(running.record, { direction: this.#study.direction, trials: others });
  }

  /** @internal {@link TrialHost} */
  setAttribute(trial: Trial, key: string, value: number | string | boolean | null): void {
    const running = this.#runningTrial(trial, `set '${key}'`);
    running.record = changed(running.record, {
      attributes: Object.freeze({ ...running.record.attributes, [key]: value }),
    });
  }
}

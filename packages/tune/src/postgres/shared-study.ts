import {
  ConfigError,
  DataFormatError,
  UnknownPluginError,
  getDefaultRegistry,
  type Registry,
} from '@deeptune/core';
import type { Pruner } from '../pruner/pruner.js';
import { bestTrial as bestOf } from '../report/study-ranking.js';
import { randomSampler } from '../sampler/random-sampler.js';
import type { Sampler } from '../sampler/sampler.js';
import { searchSpace, type SearchSpace, type SpaceDefinitionEntry } from '../space/search-space.js';
import type { StudyHeaderEvent } from '../storage/study-event.js';
import { checkSameStudy, checkStudyOptions, studyHeader } from '../study/study-header.js';
import type { CreateStudyOptions, Objective } from '../study/study.js';
import type { Direction, TrialRecord } from '../study/trial-record.js';
import type { PostgresTrialStore, StoredRound, StoredTrial } from './postgres-trial-store.js';
import { SharedWorker, type WorkOptions, type WorkResult } from './shared-worker.js';
import { storedTrialRecord } from './stored-trial-record.js';

/**
 * The settings of a study shared through a database: those of a local study
 * ({@link CreateStudyOptions}) but its storage, which is the store it is opened in.
 *
 * @category Studies
 */
export type SharedStudyOptions = Omit<CreateStudyOptions, 'storage'>;

/**
 * How {@link SharedStudy.join} rebuilds a stored study's sampler and pruner.
 *
 * @category Studies
 */
export interface JoinStudyOptions {
  /**
   * Where the sampler and pruner the study names are looked up (a plugin's must be
   * registered here: a worker loads only the plugins its own command line names).
   * @defaultValue the default registry
   */
  readonly registry?: Registry;
}

/** A stored space as the definition {@link searchSpace} takes. */
function spaceOf(header: StudyHeaderEvent): SearchSpace | undefined {
  if (header.space === null) return undefined;
  const definition: Record<string, SpaceDefinitionEntry> = {};
  for (const entry of header.space) {
    definition[entry.name] =
      entry.when === undefined
        ? entry.distribution
        : { distribution: entry.distribution, when: entry.when };
  }
  return searchSpace(definition);
}

/** Creates the plugin a header names, with a message naming the study when it is unknown. */
function createNamed<P>(
  registry: Registry,
  kind: 'searcher' | 'pruner',
  recorded: { readonly name: string; readonly options: Readonly<Record<string, unknown>> },
  study: string,
): P {
  try {
    return registry.create(kind, recorded.name, recorded.options as never) as P;
  } catch (error) {
    if (UnknownPluginError.isInstance(error)) {
      throw new ConfigError(
        `study '${study}' uses the ${kind === 'searcher' ? 'sampler' : 'pruner'} '${recorded.name}', which is not registered here; load the plugin that provides it`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * A study whose trials live in a PostgreSQL storage that workers on many machines share.
 * There is no coordinator: each worker reads the shared history, creates the next trial
 * under a lock on the study's row (trial numbers stay dense and unique) or claims a queued
 * one, sends heartbeats while it trains, and writes its results fenced by its claim.
 *
 * The sampler's choices depend on the study seed, the trial number and the finished
 * history only, so the same seed gives the same configurations whatever the number of
 * workers. What does depend on timing: which trials a pruner compares against (those that
 * have reported when it decides), which worker runs which trial, and which trials fail for
 * good when workers die.
 *
 * @category Studies
 *
 * @example
 * ```ts
 * import { hp, searchSpace } from '@deeptune/tune';
 * import { PostgresTrialStore, SharedStudy } from '@deeptune/tune/postgres';
 *
 * const store = await PostgresTrialStore.open('postgres://postgres@127.0.0.1:5432/test');
 * const study = await SharedStudy.open(store, {
 *   name: 'lr-search',
 *   space: searchSpace({ learningRate: hp.log(1e-4, 1) }),
 *   trials: 200,
 *   seed: 0,
 * });
 * // Run this on every machine: each worker takes trials until the study has 200.
 * await study.work((trial) => (Math.log10(trial.params['learningRate'] as number) + 2) ** 2, {
 *   concurrency: 2,
 * });
 * console.log((await study.bestTrial())?.params);
 * await store.close();
 * ```
 */
export class SharedStudy {
  /** The store the study lives in. */
  readonly store: PostgresTrialStore;
  /** The study's row id in the store. */
  readonly id: number;
  /** The study's header as stored: its name, sampler, pruner, space, seed and settings. */
  readonly header: StudyHeaderEvent;
  /** The study's name. */
  readonly name: string;
  /** Whether a smaller objective is better. */
  readonly direction: Direction;
  /** The study seed. */
  readonly seed: number;
  /** The sampler. */
  readonly sampler: Sampler;
  /** The pruner, or `null`. */
  readonly pruner: Pruner | null;
  /** The declared search space, if any. */
  readonly space: SearchSpace | undefined;
  /** The number of trials the study runs: workers stop creating trials at this count. */
  readonly plannedTrials: number;

  private constructor(
    store: PostgresTrialStore,
    id: number,
    header: StudyHeaderEvent,
    parts: { sampler: Sampler; pruner: Pruner | null; space: SearchSpace | undefined },
  ) {
    const planned = header.trials ?? parts.sampler.plannedTrials;
    if (planned === undefined) {
      throw new ConfigError(
        `study '${header.name}': a shared study needs its number of trials (the trials option, or a sampler that plans its own such as coarse-to-fine), so that workers know when it is done`,
      );
    }
    this.store = store;
    this.id = id;
    this.header = header;
    this.name = header.name;
    this.direction = header.direction;
    this.seed = header.seed;
    this.sampler = parts.sampler;
    this.pruner = parts.pruner;
    this.space = parts.space;
    this.plannedTrials = planned;
  }

  /**
   * Creates the study in `store`, or joins the one of that name if it is the same study
   * (same sampler, space, seed, settings …), as every worker that starts with the same
   * settings does.
   *
   * @throws {@link @deeptune/core!ConfigError} when the store holds a different study of that
   * name (the message names the field and both values), an option is invalid, or the number
   * of trials is unknown.
   * @throws {@link StorageUnavailableError} when the database cannot be reached.
   */
  static async open(store: PostgresTrialStore, options: SharedStudyOptions): Promise<SharedStudy> {
    checkStudyOptions('SharedStudy.open', options);
    const sampler = options.sampler ?? randomSampler();
    const pruner = options.pruner ?? null;
    const wanted = studyHeader(options, sampler, pruner);
    if (wanted.trials === null) {
      throw new ConfigError(
        `SharedStudy.open: study '${wanted.name}' needs its number of trials (the trials option, or a sampler that plans its own such as coarse-to-fine), so that workers know when it is done`,
      );
    }
    const { study } = await store.createStudy(wanted);
    checkSameStudy(`storage ${store.description}`, study.header, wanted);
    return new SharedStudy(store, study.id, study.header, {
      sampler,
      pruner,
      space: options.space,
    });
  }

  /**
   * Joins the study named `name` as it is stored: its sampler and pruner are created from
   * the registry by the names and options the study recorded, its space from the stored
   * one. This is what `deeptune tune worker --study <name>` does.
   *
   * @throws {@link @deeptune/core!ConfigError} when the store has no study of that name (the
   * message lists those it has), or its sampler or pruner is not registered.
   * @throws {@link @deeptune/core!DataFormatError} when the stored header is not a study's.
   * @throws {@link StorageUnavailableError} when the database cannot be reached.
   *
   * @example
   * ```ts
   * const study = await SharedStudy.join(store, 'lr-search');
   * await study.work(objective);
   * ```
   */
  static async join(
    store: PostgresTrialStore,
    name: string,
    options: JoinStudyOptions = {},
  ): Promise<SharedStudy> {
    const study = await store.findStudy(name);
    if (study === undefined) {
      const names = await store.studyNames();
      throw new ConfigError(
        `storage ${store.description} has no study '${name}'; ${
          names.length === 0
            ? 'it holds no study yet'
            : `its studies: ${names.map((other) => `'${other}'`).join(', ')}`
        }. Create it by starting a search with this storage (deeptune tune --storage <url> --study ${name} …)`,
      );
    }
    const header = study.header;
    if (typeof header !== 'object' || header === null || header.type !== 'study') {
      throw new DataFormatError(
        `storage ${store.description}: study '${name}' has a header that is not a deeptune study's`,
      );
    }
    const registry = options.registry ?? getDefaultRegistry();
    const sampler = createNamed<Sampler>(registry, 'searcher', header.sampler, name);
    const pruner =
      header.pruner === null ? null : createNamed<Pruner>(registry, 'pruner', header.pruner, name);
    return new SharedStudy(store, study.id, header, { sampler, pruner, space: spaceOf(header) });
  }

  /** Every trial as stored, by number, with its values and lost attempts. */
  async storedTrials(): Promise<StoredTrial[]> {
    return this.store.trials(this.id);
  }

  /** Every trial as a study record (a queued one is `running`: it has not finished). */
  async trials(): Promise<TrialRecord[]> {
    return (await this.storedTrials()).map(storedTrialRecord);
  }

  /** The coarse-to-fine rounds stored so far, with their boxes. */
  async rounds(): Promise<StoredRound[]> {
    return this.store.rounds(this.id);
  }

  /** The complete trial with the best value (the lowest number among ties), if any. */
  async bestTrial(): Promise<TrialRecord | undefined> {
    return bestOf(this.direction, await this.trials());
  }

  /**
   * Works on the study as one worker: claims queued trials and creates new ones, up to
   * `concurrency` at a time, until every trial of the study has finished (on this worker or
   * another) or `signal` aborts. Heartbeats go out every `heartbeatSeconds` while trials run
   * (keep the objective asynchronous — train in a worker thread, as `deeptune tune worker`
   * does — or the heartbeats wait for it); a trial whose heartbeat is older than
   * `graceSeconds` is re-queued by whichever worker notices, up to `maxRetries` times.
   *
   * Outcomes are recorded as `Study.optimize` records them: a value (complete), a
   * `TrialPrunedError` (pruned), a deeptune error (failed; the work goes on). Any other
   * error is a bug in the objective: the trial is recorded as failed, the worker's other
   * trials are given back to the queue, and the error is rethrown.
   *
   * @throws {@link StorageUnavailableError} when the database stays unreachable for
   * `reconnectSeconds`.
   * @throws {@link @deeptune/core!ConfigError} for an invalid option.
   */
  async work(objective: Objective, options: WorkOptions = {}): Promise<WorkResult> {
    return new SharedWorker(this, objective, options).run();
  }
}

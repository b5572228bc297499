import { availableParallelism, hostname } from 'node:os';
import {
  type BackendName,
  bestTrial,
  deriveSeed,
  formatDistribution,
  formatLeaderboard,
  type Pruner,
  type Sampler,
  type SearchSpace,
} from 'deeptune';
import { PostgresTrialStore, SharedStudy, redactPostgresUrl } from 'deeptune/postgres';
import type { Flag } from '../args/flag.js';
import { UsageError } from '../cli-error.js';
import type { CommandContext } from '../command.js';
import { TuneDisplay, formatObjective, formatParams } from '../render/tune-display.js';
import { bestTrialJson, trainCommandLine, trainConfig, writeBestConfig } from '../tune/best-run.js';
import { targetsOfSpace } from '../tune/parse-search-space.js';
import type { TuneObjective } from '../tune/run-trial.js';
import { studyRun } from '../tune/study-settings.js';
import { TRIAL_FLAGS } from '../tune/trial-flags.js';
import { trialObjective } from '../tune/trial-objective.js';
import { TrialWorkerPool } from '../tune/trial-worker-pool.js';
import { trialSettings } from '../tune/trial-settings.js';

/** The flags of a worker on a PostgreSQL storage (with `--workers`, `--study`, `--storage`). */
export const WORKER_FLAGS: readonly Flag[] = [
  {
    name: 'max-retries',
    type: 'integer',
    group: 'Search',
    min: 0,
    max: 1000,
    default: 2,
    description:
      'With a postgres:// storage: how many times a trial whose worker went silent (no heartbeat for --grace seconds: the process or machine died) is queued again before it is marked failed',
  },
  {
    name: 'grace',
    type: 'number',
    group: 'Search',
    valueName: '<seconds>',
    min: 2,
    max: 86400,
    default: 60,
    description:
      'With a postgres:// storage: seconds without a heartbeat after which a running trial counts as lost and is queued again (heartbeats go out every grace/4 seconds, at most every 10 s)',
  },
];

/** What a search that creates the study passes on (the `deeptune tune --storage postgres://…` case). */
export interface SharedSearchCreation {
  readonly sampler: Sampler;
  readonly pruner: Pruner | null;
  readonly space: SearchSpace;
  readonly trials: number;
  readonly objective: TuneObjective;
  readonly settings: Readonly<Record<string, unknown>>;
}

/** The flags a worker takes; every other search or training flag is the study's. */
const WORKER_OWN_FLAGS = new Set([
  'storage',
  'schema',
  'study',
  'workers',
  'max-retries',
  'grace',
  'plugin',
  'backend',
  'threads',
  'json',
  'config',
]);

/** Refuses flags a worker takes from the study (its training and search settings). */
export function checkWorkerFlags(context: CommandContext): void {
  for (const name of context.explicit) {
    if (WORKER_OWN_FLAGS.has(name)) continue;
    throw new UsageError(
      `deeptune tune worker: --${name} is a setting of the study; a worker trains every trial with the settings the study was created with (change them by creating another study)`,
    );
  }
}

/** The space's keys and scales, for the first line. */
function describeSpace(space: SearchSpace): string {
  return space.entries
    .map((entry) => `${entry.name} ${formatDistribution(entry.distribution)}`)
    .join(', ');
}

/**
 * Works on a study in a PostgreSQL storage: `deeptune tune --storage postgres://…` creates
 * it (or joins the same one) and works on it; `deeptune tune worker` joins it by name. Each
 * trial trains in a worker thread while the main thread sends the heartbeats.
 */
export async function runSharedSearch(
  context: CommandContext,
  url: string,
  creation: SharedSearchCreation | undefined,
): Promise<number> {
  const { io, registry, values } = context;
  const json = values.get('json') === true;
  const say = (text: string): void => {
    if (!json) io.out(text);
  };
  const where = creation === undefined ? 'deeptune tune worker' : 'deeptune tune';
  const name = values.get('study') as string;
  const schema = values.get('schema') as string | undefined;
  const store = await PostgresTrialStore.open(url, schema === undefined ? {} : { schema });
  let pool: TrialWorkerPool | undefined;
  let removeInterruptHandler = (): void => undefined;
  try {
    const study =
      creation === undefined
        ? await SharedStudy.join(store, name, { registry })
        : await SharedStudy.open(store, {
            name,
            sampler: creation.sampler,
            pruner: creation.pruner,
            direction: 'minimize',
            objective: creation.objective === 'dev-error' ? 'dev error' : 'dev cost',
            seed: values.get('seed') as number,
            space: creation.space,
            trials: creation.trials,
            settings: creation.settings,
          });
    // A worker trains with the settings the study recorded, on every machine alike.
    const run = studyRun(study.header, where);
    if (study.space === undefined) {
      throw new UsageError(
        `${where}: study '${study.name}' declares no search space, so a worker cannot choose its trials' hyperparameters`,
      );
    }
    const targets = targetsOfSpace(study.space, run.base.values, registry, `study '${study.name}'`);
    const stored = await study.storedTrials();
    const count = (state: string): number => stored.filter((trial) => trial.state === state).length;
    const done = stored.length - count('running') - count('queued');
    const cores = availableParallelism();
    const workers = (values.get('workers') as number | undefined) ?? cores;
    const grace = values.get('grace') as number;
    const maxRetries = values.get('max-retries') as number;
    const heartbeat = Math.min(10, grace / 4);
    const workerId = `${hostname()}/${process.pid}`;
    const label = run.objective === 'dev-error' ? 'dev error' : 'dev cost';
    say(
      `study '${study.name}' in ${store.description}: ${study.sampler.name} search of ${study.plannedTrials} trials over ${describeSpace(study.space)}\n` +
        `  ${creation === undefined ? 'joined' : 'storage shared by every worker of this study'}; ${done} done, ${count('running')} running, ${count('queued')} queued; ` +
        `worker ${workerId} trains ${workers} at a time; heartbeats every ${heartbeat} s, a trial silent for ${grace} s is queued again (${maxRetries} ${maxRetries === 1 ? 'retry' : 'retries'})\n` +
        `  dataset ${String(run.base.values.get('dataset'))}, ${String(run.base.values.get('epochs'))} epochs per trial${study.pruner === null ? '' : `; pruner ${study.pruner.name}`}; trials are compared on the dev set (${label}); the test set is not used\n\n`,
    );
    const display = json
      ? undefined
      : new TuneDisplay(io, run.objective, study.plannedTrials, done, 'this worker');
    const controller = new AbortController();
    removeInterruptHandler = io.onInterrupt(() => {
      display?.clear();
      io.err(
        'deeptune: stopping: running trials stop after their current step and go back to the queue for any worker (Ctrl-C again to quit at once)\n',
      );
      controller.abort();
    });
    pool = new TrialWorkerPool(
      workers,
      {
        plugins: (values.get('plugin') as readonly string[] | undefined) ?? [],
        cwd: io.cwd,
        objective: run.objective,
        backend: values.get('backend') as BackendName | undefined,
        threads:
          (values.get('threads') as number | undefined) ?? Math.max(1, Math.floor(cores / workers)),
      },
      new URL('./tune-worker.js', import.meta.url),
    );
    await pool.start();
    const result = await study.work(
      trialObjective(pool, run.base, targets, {
        start: (trial) => display?.start(trial.number, trial.params),
        epoch: (trial, epoch) => display?.epoch(trial.number, epoch),
        end: (trial) => display?.finish(undefined, trial.number),
      }),
      {
        workerId,
        concurrency: workers,
        graceSeconds: grace,
        heartbeatSeconds: heartbeat,
        maxRetries,
        signal: controller.signal,
        onTrialFinish: (record) => display?.finish(record, record.number),
        onNotice: (message) => {
          display?.clear();
          io.err(`deeptune: note: ${message}\n`);
        },
      },
    );
    display?.clear();
    const records = await study.trials();
    const best = bestTrial(study.direction, records);
    say(`\n${formatLeaderboard(study.header, records, { columns: Math.max(20, io.columns) })}\n`);
    let command: string | undefined;
    let bestConfig: string | undefined;
    if (best !== undefined) {
      const settings = trialSettings(
        run.base,
        targets,
        best.params,
        deriveSeed(study.seed, best.number),
      );
      command = trainCommandLine(settings, TRIAL_FLAGS);
      say(
        `\nbest so far: trial ${best.number}, ${label} ${formatObjective(run.objective, best.value)} with ${formatParams(best.params)}\n` +
          `repeat it (same data, weights and dev result):\n  ${command}\n`,
      );
      const bestConfigPath = values.get('best-config') as string | undefined;
      if (bestConfigPath !== undefined) {
        bestConfig = await writeBestConfig(
          bestConfigPath,
          io.cwd,
          trainConfig(settings, TRIAL_FLAGS),
          ` ${best.number} of study '${study.name}', ${label} ${best.value}\n# deeptune train --config ${bestConfigPath}`,
        );
        say(`best config written to ${bestConfig} (deeptune train --config ${bestConfigPath})\n`);
      }
    }
    const finishedNow = records.filter((record) => record.state !== 'running').length;
    say(
      `\nthis worker finished ${result.finished} trial${result.finished === 1 ? '' : 's'}${result.lost > 0 ? ` (${result.lost} more dropped: their claim was lost)` : ''}; the study has ${finishedNow} of ${study.plannedTrials} done${result.studyDone ? '' : result.interrupted ? '; rerun this worker (or any other) to go on' : ''}\n`,
    );
    if (json) {
      io.out(
        `${JSON.stringify(
          {
            study: study.name,
            storage: redactPostgresUrl(url),
            schema: store.schema,
            worker: workerId,
            sampler: study.header.sampler,
            pruner: study.header.pruner,
            seed: study.seed,
            objective: study.header.objective,
            space: study.header.space,
            plannedTrials: study.plannedTrials,
            finishedByThisWorker: result.finished,
            lostByThisWorker: result.lost,
            studyDone: result.studyDone,
            trials: records,
            best: bestTrialJson(best, study.seed, command),
            bestConfig: bestConfig ?? null,
            testSetUsed: false,
            interrupted: result.interrupted,
          },
          null,
          2,
        )}\n`,
      );
    }
    return result.interrupted ? 130 : 0;
  } finally {
    removeInterruptHandler();
    await pool?.close();
    await store.close();
  }
}

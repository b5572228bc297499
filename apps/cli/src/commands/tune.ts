import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import {
  type BackendName,
  createStudy,
  deriveSeed,
  formatLeaderboard,
  formatDistribution,
  memoryStorage,
  type Pruner,
  type Sampler,
  type StudyStorage,
} from 'deeptune';
import { journalStorage } from 'deeptune/node';
import { isPostgresUrl } from 'deeptune/postgres';
import type { Flag, FlagValue } from '../args/flag.js';
import { choosePlugin, createChosen } from '../args/plugin-choice.js';
import { UsageError } from '../cli-error.js';
import type { Command, CommandContext } from '../command.js';
import { TuneDisplay, formatObjective, formatParams } from '../render/tune-display.js';
import { checkNetworkFlags } from '../setup/build-network.js';
import { buildOptimizer } from '../setup/build-optimizer.js';
import { earlyStoppingFromSpec } from '../setup/early-stopping-spec.js';
import { openDataset } from '../setup/prepare-data.js';
import { TRIAL_FLAGS } from '../tune/trial-flags.js';
import { PRUNER_FLAG, SAMPLER_FLAG } from '../tune/search-choice-flags.js';
import { bestTrialJson, trainCommandLine, trainConfig, writeBestConfig } from '../tune/best-run.js';
import { loadSearchSpace } from '../tune/parse-search-space.js';
import type { TuneObjective } from '../tune/run-trial.js';
import { TrialWorkerPool } from '../tune/trial-worker-pool.js';
import { trialObjective } from '../tune/trial-objective.js';
import { trialSettings, type RunSettings } from '../tune/trial-settings.js';
import { recordedSettings } from '../tune/study-settings.js';
import { runTuneReport, REPORT_FLAGS } from './tune-report.js';
import { runTuneStorage, STORAGE_FLAGS, storageOf } from './tune-storage.js';
import { checkWorkerFlags, runSharedSearch, WORKER_FLAGS } from './tune-shared.js';
import { DASHBOARD_FLAGS, runTuneDashboard } from './tune-dashboard.js';
import { runPanda } from './tune-panda.js';

/** The flags of the search itself. */
const SEARCH_FLAGS: readonly Flag[] = [
  {
    name: 'search',
    type: 'string',
    repeatable: true,
    group: 'Search',
    valueName: '<key=scale(…)>',
    defaultText: 'the course’s priorities: lr, beta (momentum, rmsprop), batch-size, hidden-units',
    description:
      "A hyperparameter and its scale, repeatable: lr=log(1e-4,1), beta=oneMinusLog(0.9,0.999), hidden-units=int(32,256), keep-prob=uniform(0.5,1), optimizer=choice(adam,momentum); a conditional one: 'beta1=oneMinusLog(0.8,0.99) when optimizer=adam'. Keys are train flags, hidden-units, hidden-layers, or plugin options such as optimizer.beta2",
  },
  {
    name: 'space',
    type: 'string',
    group: 'Search',
    valueName: '<file>',
    defaultText: 'none',
    description:
      'A YAML or JSON file mapping keys to scales (lr: log(1e-4, 1)), or to { scale, low, high | values, when } for conditional ones; --search adds to it',
  },
  {
    name: 'trials',
    type: 'integer',
    group: 'Search',
    min: 1,
    defaultText: "20, or the sampler's plan (coarse-to-fine: rounds × trials per round)",
    description: 'Trials in the study, counting those of earlier runs of the same study',
  },
  SAMPLER_FLAG,
  PRUNER_FLAG,
  {
    name: 'objective',
    type: 'string',
    group: 'Search',
    choices: ['dev-error', 'dev-cost'],
    default: 'dev-error',
    description:
      'What trials are compared on, always on the dev set: the trained model’s error rate or cost',
  },
  {
    name: 'workers',
    type: 'integer',
    group: 'Search',
    min: 1,
    max: 256,
    defaultText: 'the number of cores',
    description:
      'Trials trained at once by this process, each in its own worker thread ("caviar"); with a postgres:// storage, other processes and machines add theirs',
  },
  {
    name: 'study',
    type: 'string',
    group: 'Search',
    valueName: '<name>',
    default: 'tune',
    description:
      'The name of the study (a journal file holds one study; a postgres:// storage holds many, by name)',
  },
  {
    name: 'storage',
    type: 'string',
    group: 'Search',
    valueName: '<file.jsonl|postgres://…>',
    defaultText: 'the environment variable DEEPTUNE_STORAGE, else none: kept in memory',
    description:
      "Where the study is kept. A file: an append-only journal; rerunning the same command resumes the study after a crash or Ctrl-C (completed trials are kept, an interrupted one re-runs). A postgres://user@host:5432/db URL: a database that workers on many machines share ('deeptune tune worker --study <name>' joins the study); the password is never printed",
  },
  {
    name: 'best-config',
    type: 'string',
    group: 'Output',
    valueName: '<file.yaml>',
    defaultText: 'not written',
    description: 'Write the best trial as a config file for deeptune train --config',
  },
  {
    name: 'panda',
    type: 'boolean',
    group: 'Panda',
    configurable: false,
    defaultText: 'false',
    description:
      'Babysit one model instead of searching: train, and between epochs read commands from stdin (lr 0.003, beta2 0.99, revert 4, continue 3, stop), with the cost curve shown',
  },
  ...WORKER_FLAGS,
  ...DASHBOARD_FLAGS,
  ...REPORT_FLAGS,
  ...STORAGE_FLAGS,
];

/** The `--trials` of the run: given, the sampler's plan, or 20. */
function trialCount(values: ReadonlyMap<string, FlagValue>, sampler: Sampler): number {
  const given = values.get('trials') as number | undefined;
  if (sampler.plannedTrials !== undefined) {
    if (given !== undefined && given !== sampler.plannedTrials) {
      throw new UsageError(
        `--trials ${given}: sampler '${sampler.name}' plans ${sampler.plannedTrials} trials (${Object.entries(
          sampler.options,
        )
          .map(([key, value]) => `${key} ${String(value)}`)
          .join(', ')}); change its options or leave --trials out`,
      );
    }
    return sampler.plannedTrials;
  }
  return given ?? 20;
}

/** A base run whose flags are only the train flags. */
function baseSettings(context: CommandContext): RunSettings {
  const names = new Set(TRIAL_FLAGS.map((flag) => flag.name));
  return {
    values: new Map([...context.values].filter(([name]) => names.has(name))),
    explicit: new Set([...context.explicit].filter((name) => names.has(name))),
    pluginOptions: new Map(
      [...context.pluginOptions].filter(
        ([path]) => !path.startsWith('sampler.') && !path.startsWith('pruner.'),
      ),
    ),
  };
}

/** `deeptune tune worker --storage postgres://… --study <name>`. */
async function runWorker(context: CommandContext): Promise<number> {
  if (context.positionals.length > 1) {
    throw new UsageError(
      `deeptune tune worker: unexpected argument '${context.positionals[1]}'; the study is given with --study and the storage with --storage`,
    );
  }
  checkWorkerFlags(context);
  const url = storageOf(context);
  if (url === undefined) {
    throw new UsageError(
      'deeptune tune worker: missing --storage postgres://user@host:5432/db (or the environment variable DEEPTUNE_STORAGE), the database that holds the study',
    );
  }
  if (!isPostgresUrl(url)) {
    throw new UsageError(
      `deeptune tune worker: --storage ${url} is not a postgres:// URL; workers share a study through PostgreSQL (a journal file serves one process: rerun deeptune tune --storage ${url} instead)`,
    );
  }
  if (!context.explicit.has('study')) {
    throw new UsageError('deeptune tune worker: missing --study <name>, the study to work on');
  }
  return runSharedSearch(context, url, undefined);
}

async function runSearch(context: CommandContext): Promise<number> {
  const { io, registry, values } = context;
  const objective = values.get('objective') as TuneObjective;
  const json = values.get('json') === true;
  const say = (text: string): void => {
    if (!json) io.out(text);
  };
  // Check the base run's flags before any work, as train does.
  openDataset(context, io.cwd, 'training');
  checkNetworkFlags(context);
  buildOptimizer(context, 1);
  earlyStoppingFromSpec(values.get('early-stopping') as string, registry);
  const search = await loadSearchSpace({ values, registry, cwd: io.cwd });
  const sampler = createChosen(registry, choosePlugin(context, SAMPLER_FLAG)) as Sampler;
  const pruner =
    values.get('pruner') === 'none'
      ? null
      : (createChosen(registry, choosePlugin(context, PRUNER_FLAG)) as Pruner);
  const trials = trialCount(values, sampler);
  const base = baseSettings(context);
  const storagePath = storageOf(context);
  if (storagePath !== undefined && isPostgresUrl(storagePath)) {
    return runSharedSearch(context, storagePath, {
      sampler,
      pruner,
      space: search.space,
      trials,
      objective,
      settings: recordedSettings(base, objective),
    });
  }
  for (const name of ['schema', 'grace', 'max-retries']) {
    if (context.explicit.has(name)) {
      throw new UsageError(`--${name} applies to a postgres:// storage (--storage postgres://…)`);
    }
  }
  const storage: StudyStorage =
    storagePath === undefined ? memoryStorage() : journalStorage(resolve(io.cwd, storagePath));
  const study = await createStudy({
    name: values.get('study') as string,
    storage,
    sampler,
    pruner,
    direction: 'minimize',
    objective: objective === 'dev-error' ? 'dev error' : 'dev cost',
    seed: values.get('seed') as number,
    space: search.space,
    trials,
    settings: recordedSettings(base, objective),
  });
  const bestConfigPath = values.get('best-config') as string | undefined;
  const controller = new AbortController();
  let pool: TrialWorkerPool | undefined;
  let removeInterruptHandler = (): void => undefined;
  try {
    for (const note of 'notes' in storage ? (storage.notes as readonly string[]) : []) {
      io.err(`deeptune: note: ${note}\n`);
    }
    const done = study.finishedCount;
    const remaining = Math.max(0, trials - done);
    const cores = availableParallelism();
    const workers = Math.max(
      1,
      Math.min((values.get('workers') as number | undefined) ?? cores, remaining),
    );
    const sampled = search.space.entries
      .map(
        (entry) =>
          `${entry.name} ${formatDistribution(entry.distribution)}${
            entry.when === undefined
              ? ''
              : ` when ${Object.entries(entry.when)
                  .map(
                    ([key, value]) =>
                      `${key}=${Array.isArray(value) ? value.join('|') : String(value)}`,
                  )
                  .join(', ')}`
          }`,
      )
      .join(', ');
    say(
      `study '${study.name}': ${sampler.name} search of ${trials} trials over ${sampled}\n` +
        `  space from ${search.source}; dataset ${String(values.get('dataset'))}, ${values.get('epochs') as number} epochs per trial; ${remaining === 0 ? 'no trial left to run' : `${workers} worker${workers === 1 ? '' : 's'}`}` +
        `${pruner === null ? '' : `; pruner ${pruner.name}`}; ${storagePath === undefined ? 'not stored (see --storage)' : `storage ${storagePath}${done > 0 || study.trials.length > 0 ? ` (resumed: ${done} of ${trials} trials done)` : ''}`}\n` +
        `  trials are compared on the dev set (${objective === 'dev-error' ? 'dev error' : 'dev cost'}); the test set is not used\n\n`,
    );
    const display = json ? undefined : new TuneDisplay(io, objective, trials, done);
    removeInterruptHandler = io.onInterrupt(() => {
      display?.clear();
      io.err(
        'deeptune: stopping: running trials stop after their current step and run again when you rerun this command (Ctrl-C again to quit at once)\n',
      );
      controller.abort();
    });
    if (remaining > 0) {
      pool = new TrialWorkerPool(
        workers,
        {
          plugins: (values.get('plugin') as readonly string[] | undefined) ?? [],
          cwd: io.cwd,
          objective,
          backend: values.get('backend') as BackendName | undefined,
          // Trials run in parallel: each worker's products get its share of the cores.
          threads:
            (values.get('threads') as number | undefined) ??
            Math.max(1, Math.floor(cores / workers)),
        },
        new URL('./tune-worker.js', import.meta.url),
      );
      await pool.start();
      const running = pool;
      await study.optimize(
        trialObjective(running, base, search.targets, {
          start: (trial) => display?.start(trial.number, trial.params),
          epoch: (trial, epoch) => display?.epoch(trial.number, epoch),
          end: (trial) => display?.finish(undefined, trial.number),
        }),
        {
          trials,
          concurrency: workers,
          signal: controller.signal,
          onTrialFinish: (record) => display?.finish(record, record.number),
        },
      );
    }
    display?.clear();
    const interrupted = controller.signal.aborted && study.finishedCount < trials;
    say(
      `\n${formatLeaderboard(study.header, study.trials, { columns: Math.max(20, io.columns) })}\n`,
    );
    const best = study.bestTrial;
    let bestCommand: string | undefined;
    let bestConfigWritten: string | undefined;
    if (best !== undefined) {
      const settings = trialSettings(
        base,
        search.targets,
        best.params,
        deriveSeed(study.seed, best.number),
      );
      bestCommand = trainCommandLine(settings, TRIAL_FLAGS);
      say(
        `\nbest: trial ${best.number}, ${objective === 'dev-error' ? 'dev error' : 'dev cost'} ${formatObjective(objective, best.value)} with ${formatParams(best.params)}\n` +
          `repeat it (same data, weights and dev result):\n  ${trainCommandLine(settings, TRIAL_FLAGS)}\n`,
      );
      if (bestConfigPath !== undefined) {
        const written = await writeBestConfig(
          bestConfigPath,
          io.cwd,
          trainConfig(settings, TRIAL_FLAGS),
          ` ${best.number} of study '${study.name}', ${objective === 'dev-error' ? 'dev error' : 'dev cost'} ${best.value}\n# deeptune train --config ${bestConfigPath}`,
        );
        bestConfigWritten = written;
        say(`best config written to ${written} (deeptune train --config ${bestConfigPath})\n`);
      }
    }
    say(
      'the test set was not used during the search; evaluate the chosen model on it once, at the end\n',
    );
    if (json) {
      io.out(
        `${JSON.stringify(
          {
            study: study.name,
            sampler: study.header.sampler,
            pruner: study.header.pruner,
            seed: study.seed,
            objective: study.objective,
            space: study.header.space,
            plannedTrials: trials,
            trials: study.trials,
            best: bestTrialJson(best, study.seed, bestCommand),
            bestConfig: bestConfigWritten ?? null,
            storage: storagePath === undefined ? null : resolve(io.cwd, storagePath),
            testSetUsed: false,
            interrupted,
          },
          null,
          2,
        )}\n`,
      );
    }
    if (interrupted) {
      say(
        `\ninterrupted with ${study.finishedCount} of ${trials} trials done${storagePath === undefined ? '' : `; rerun the same command to continue the study in ${storagePath}`}\n`,
      );
      return 130;
    }
    return 0;
  } finally {
    removeInterruptHandler();
    await pool?.close();
    await study.close();
  }
}

async function run(context: CommandContext): Promise<number> {
  const [action] = context.positionals;
  if (
    action !== undefined &&
    action !== 'report' &&
    action !== 'storage' &&
    action !== 'worker' &&
    action !== 'dashboard'
  ) {
    throw new UsageError(
      `deeptune tune: unknown action '${action}'; the actions are 'worker' (deeptune tune worker --storage <url> --study <name>), 'dashboard' (deeptune tune dashboard --storage <url|file>), 'report' (deeptune tune report <storage>) and 'storage' (deeptune tune storage upgrade --storage <url>)`,
    );
  }
  if (action === 'dashboard') return runTuneDashboard(context);
  for (const flag of DASHBOARD_FLAGS) {
    if (context.explicit.has(flag.name)) {
      throw new UsageError(`--${flag.name} applies to deeptune tune dashboard`);
    }
  }
  if (action === 'worker') return runWorker(context);
  if (action === 'storage') {
    for (const name of context.explicit) {
      if (
        name !== 'storage' &&
        name !== 'schema' &&
        SEARCH_FLAGS.some((flag) => flag.name === name)
      ) {
        throw new UsageError(`--${name} applies to a search, not to deeptune tune storage`);
      }
    }
    return runTuneStorage(context);
  }
  if (action === 'report') {
    for (const name of context.explicit) {
      if (
        name !== 'html' &&
        name !== 'study' &&
        name !== 'schema' &&
        SEARCH_FLAGS.some((flag) => flag.name === name) &&
        context.values.get(name) !== undefined
      ) {
        throw new UsageError(`--${name} applies to a search, not to deeptune tune report`);
      }
    }
    return runTuneReport(context);
  }
  if (context.values.has('html'))
    throw new UsageError('--html applies to deeptune tune report <storage>');
  if (context.values.get('panda') === true) {
    for (const name of [
      'search',
      'space',
      'trials',
      'sampler',
      'pruner',
      'workers',
      'storage',
      'best-config',
    ]) {
      if (context.explicit.has(name))
        throw new UsageError(`--${name} applies to a search, not to --panda (one model, babysat)`);
    }
    if (context.values.get('json') === true) {
      throw new UsageError('--json does not go with --panda, an interactive session; use a search');
    }
    return runPanda(context);
  }
  return runSearch(context);
}

/** `deeptune tune`. */
export const tuneCommand: Command = {
  name: 'tune',
  summary:
    'Search hyperparameters: random search on the right scale, coarse-to-fine, pruning, many trials in parallel; or babysit one model (--panda)',
  description:
    "Runs a hyperparameter search the way the course teaches it: random (not grid) trials, each hyperparameter sampled on its own scale (log for the learning rate, log of 1 − β for β), optionally in coarse-to-fine rounds, trials trained in parallel worker threads (\"caviar\") and compared on the dev set only. Each trial is a 'deeptune train' run with the base flags given here plus its sampled hyperparameters, seeded from --seed and its number, so the same command gives the same study whatever --workers is. With --storage the study is a journal file: rerun the same command after a crash or Ctrl-C to continue it. At the end: the leaderboard, the best trial as a 'deeptune train' command line and, with --best-config, as a config file. 'deeptune tune report <storage>' prints a stored study's leaderboard and, with --html, writes a page with every learning curve, the objective against each hyperparameter on its own scale and the coarse-to-fine boxes. --panda instead babysits one model: commands between epochs change the learning rate or go back to an earlier epoch. With --storage postgres://user@host:5432/db the study lives in PostgreSQL: start the search on one machine, then 'deeptune tune worker --storage <url> --study <name>' on any number of others; each worker claims or creates trials in the database (no coordinator), sends heartbeats from its main thread while trials train in worker threads, and re-queues the trials of workers that went silent for --grace seconds, up to --max-retries times. 'deeptune tune dashboard --storage <url|file>' serves a read-only page on 127.0.0.1 that shows a study live: leaderboard, learning curves, the objective against each hyperparameter, the coarse-to-fine boxes, and the running and failed trials with their workers. 'deeptune tune storage upgrade --storage <url>' creates or upgrades the tables explicitly (the password of a URL is never printed).",
  positionals: [
    {
      name: 'action',
      description:
        "'worker' (join a study in a PostgreSQL storage and run its trials), 'dashboard' (serve a live page of a stored study), 'report' (print a stored study) or 'storage' (with 'upgrade': bring a PostgreSQL storage's tables up to date); none: run a search",
      required: false,
    },
    {
      name: 'argument',
      description:
        "with report: the study's journal file or postgres:// URL (then with --study); with storage: 'upgrade'",
      required: false,
    },
  ],
  flags: () => [...TRIAL_FLAGS, ...SEARCH_FLAGS],
  examples: [
    'deeptune tune --examples 5000 --epochs 3 --trials 20 --storage lr-search.jsonl',
    "deeptune tune --dataset moons --layers 16 --optimizer momentum --search 'lr=log(1e-4,1)' --search 'beta=oneMinusLog(0.9,0.999)' --sampler coarse-to-fine --best-config best.yaml",
    'deeptune tune report lr-search.jsonl --html lr-search.html',
    'deeptune tune --examples 5000 --epochs 3 --trials 200 --storage postgres://postgres@127.0.0.1:5432/test --study lr-search',
    'deeptune tune worker --storage postgres://postgres@127.0.0.1:5432/test --study lr-search --workers 2',
    'deeptune tune report postgres://postgres@127.0.0.1:5432/test --study lr-search --html lr-search.html',
    'deeptune tune dashboard --storage postgres://postgres@127.0.0.1:5432/test --study lr-search',
    'deeptune tune storage upgrade --storage postgres://postgres@127.0.0.1:5432/test',
    'deeptune tune --panda --dataset moons --layers 16 --lr 0.01',
  ],
  run,
};

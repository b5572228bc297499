import { join } from 'node:path';
import {
  ConfigError,
  DataFormatError,
  InvalidHyperparameterError,
  recreateSplit,
  type Dataset,
  type DatasetInfo,
  type Registry,
  type SplitRatios,
  type TrainingSplit,
} from 'deeptune';
import type { Flag, FlagValue } from '../args/flag.js';
import { parseFlagValue, show } from '../args/parse-value.js';
import { UsageError } from '../cli-error.js';
import type { Command, CommandContext } from '../command.js';
import { formatCount } from '../render/format.js';
import { formatResults } from '../render/format-results.js';
import { loadSavedModel, type SavedModel } from '../setup/load-saved-model.js';
import { measureSet, type SetResult } from '../setup/measure-set.js';
import { DATA_FLAGS, NETWORK_FLAGS } from '../setup/model-flags.js';
import {
  absoluteDataset,
  dataPathPrefix,
  datasetRequest,
  openDataset,
  standardizes,
} from '../setup/prepare-data.js';
import type { PluginOptionInput, PluginOptionInputs } from '../args/plugin-option-input.js';

/** The splits `--set` chooses from, in table order. */
const SETS = ['train', 'dev', 'test'] as const;

/** A shared flag without its default, so that a flag the user did not give reads as absent. */
function withoutDefault(name: string, changes: Partial<Flag>): Flag {
  const flag = [...DATA_FLAGS, ...NETWORK_FLAGS].find((candidate) => candidate.name === name)!;
  const { default: _default, defaultText: _defaultText, ...rest } = flag;
  return { ...rest, ...changes };
}

/** The flags of `deeptune evaluate`, in help order. */
function evaluateFlags(): readonly Flag[] {
  return [
    withoutDefault('dataset', {
      description:
        'Evaluate on this dataset instead: all of its examples (MNIST: its 10,000 test images), normalized with the saved standardizer. mnist, csv:<path>, circles, moons, spirals, xor, blobs, or a dataset plugin',
      defaultText: 'the data in training.json, split again into the same train/dev/test examples',
    }),
    withoutDefault('examples', {
      description: 'With --dataset: examples to load (m for synthetic data)',
      defaultText: '1000 synthetic; all of a CSV file',
    }),
    withoutDefault('seed', {
      group: 'Data',
      description: 'With --dataset: the seed of synthetic data',
      defaultText: 'the seed in training.json',
    }),
    withoutDefault('label-column', { defaultText: 'as in training.json' }),
    withoutDefault('label-type', { defaultText: 'as in training.json' }),
    {
      name: 'recorded-data',
      type: 'boolean',
      group: 'Data',
      configurable: false,
      defaultText: 'false',
      description:
        'Without --dataset: confirm reading the data file or directory that training.json names (csv:<path>, mnist:<dir>); a model directory from someone else could name any file',
    },
    {
      name: 'set',
      type: 'string',
      group: 'Data',
      choices: ['all', ...SETS],
      defaultText: 'all',
      description: 'Without --dataset: the split to evaluate; all = train, dev and test',
    },
  ];
}

/** The data flags taken from `training.json` when re-creating the training data. */
const RECREATED = [
  'dataset',
  'examples',
  'seed',
  'data-seed',
  'label-column',
  'label-type',
  'normalize',
] as const;

/** What is evaluated: named sets of examples, already normalized. */
interface Evaluation {
  /** `--dataset`, or the dataset in `training.json`. */
  readonly dataset: string;
  /** `'training.json'` when the training data was re-created, else `'--dataset'`. */
  readonly source: 'training.json' | '--dataset';
  /** One line saying what the data is. */
  readonly summary: string;
  /** The sets by row name, in table order. */
  readonly sets: readonly (readonly [string, Dataset])[];
}

/**
 * Reads and checks one train flag from `training.json` (stored under `key`, by default the
 * flag name); `undefined` when absent.
 */
function savedValue(saved: SavedModel, name: string, key = name): FlagValue | undefined {
  const raw = saved.trainingConfig?.[key];
  if (raw === undefined) return undefined;
  const flag = [...DATA_FLAGS, ...NETWORK_FLAGS].find((candidate) => candidate.name === name)!;
  try {
    return parseFlagValue(flag, raw, `key '${key}' in ${saved.trainingPath}`, false);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new DataFormatError(`${error.message}. Hint: the file is corrupt; save the model again.`);
  }
}

/** A data flag of the training run; `seed` is the one the data were made with (`--data-seed`, else `--seed`). */
function savedDataValue(saved: SavedModel, name: string): FlagValue | undefined {
  if (name === 'seed') return savedValue(saved, 'data-seed') ?? savedValue(saved, 'seed');
  return savedValue(saved, name);
}

/** The flag values of the training run, enough to load its data and repeat its split. */
function trainingValues(saved: SavedModel): Map<string, FlagValue> {
  const values = new Map<string, FlagValue>([['dtype', saved.dtype]]);
  for (const name of RECREATED) {
    const value = savedValue(saved, name);
    if (value !== undefined) values.set(name, value);
  }
  for (const name of ['dataset', 'seed', 'normalize']) {
    if (!values.has(name)) {
      throw new DataFormatError(
        `${saved.trainingPath} has no '${name}'; expected the flags of the training run. Hint: pass --dataset to evaluate on other data.`,
      );
    }
  }
  // The data were made with --data-seed when train was given one (deeptune tune's trials).
  const dataSeed = values.get('data-seed');
  if (dataSeed !== undefined) values.set('seed', dataSeed);
  values.delete('data-seed');
  // A data path is recorded relative to the model directory (older files: absolute).
  const dataset = values.get('dataset');
  if (typeof dataset === 'string') values.set('dataset', absoluteDataset(dataset, saved.dir));
  // The ratios train split with; older files may hold only the --split flag.
  const ratios = savedValue(saved, 'split', 'splitRatios') ?? savedValue(saved, 'split');
  if (ratios !== undefined) values.set('split', ratios);
  return values;
}

/**
 * Checks that the model directory holds a standardizer exactly when `training.json` says the
 * inputs were standardized (`--normalize` as `prepareData` applies it: `auto` standardizes
 * all but data its plugin says is scaled already), so that a missing or stray file is named
 * as such.
 */
function checkStandardizerFile(saved: SavedModel, normalize: FlagValue, info: DatasetInfo): void {
  const standardized = standardizes(normalize as string, info);
  const standardizerPath = join(saved.dir, 'standardizer.json');
  if (saved.standardizer === undefined && standardized) {
    throw new DataFormatError(
      `${standardizerPath} is missing, but ${saved.trainingPath} says the inputs were standardized (normalize ${training(saved, 'normalize')}). Hint: the model directory is incomplete; save the model again.`,
    );
  }
  if (saved.standardizer !== undefined && !standardized) {
    throw new DataFormatError(
      `${saved.dir} holds ${standardizerPath}, but ${saved.trainingPath} says the inputs were not standardized (normalize ${training(saved, 'normalize')}). Hint: the directory mixes files of different runs; save the model again.`,
    );
  }
}

/**
 * The options `training.json` records for the plugin `prefix` chose (`pluginOptions` with paths
 * such as `'dataset.noise'`), to be given again as the run gave them.
 */
function recordedOptions(saved: SavedModel, prefix: string): PluginOptionInputs {
  const recorded = saved.trainingConfig?.pluginOptions ?? {};
  const inputs = new Map<string, PluginOptionInput>();
  for (const [path, input] of Object.entries(recorded as Record<string, unknown>)) {
    if (!path.startsWith(`${prefix}.`)) continue;
    const where = `key 'pluginOptions.${path}' in ${saved.trainingPath}`;
    const { value, fromCommandLine } = (input ?? {}) as Record<string, unknown>;
    if (typeof fromCommandLine !== 'boolean' || value === undefined) {
      throw new DataFormatError(
        `${where} must be { value, fromCommandLine }, got ${show(input)}. Hint: the file is corrupt; save the model again.`,
      );
    }
    inputs.set(path, { value, fromCommandLine, where });
  }
  return inputs;
}

/** A value of `training.json` for messages. */
function training(saved: SavedModel, key: string): string {
  return show(saved.trainingConfig?.[key]);
}

/**
 * Loads the data `training.json` names and re-creates the run's train/dev/test split with
 * `recreateSplit`, which checks it against the saved standardizer and the model's inputs.
 */
async function recreateTrainingData(
  saved: SavedModel,
  values: ReadonlyMap<string, FlagValue>,
  registry: Registry,
  cwd: string,
): Promise<Evaluation> {
  if (saved.trainingConfig === undefined) {
    throw new UsageError(
      `${saved.trainingPath} does not exist, so the data the model was trained on is unknown; pass --dataset`,
    );
  }
  for (const name of ['examples', 'seed', 'label-column', 'label-type']) {
    if (values.has(name)) {
      throw new UsageError(
        `--${name} applies only with --dataset; without it the training data is re-created exactly as ${saved.trainingPath} says`,
      );
    }
  }
  const training = trainingValues(saved);
  const recorded = training.get('dataset') as string;
  if (dataPathPrefix(recorded) !== undefined && values.get('recorded-data') !== true) {
    throw new UsageError(
      `${saved.trainingPath} says the model was trained on ${recorded}; evaluate reads a path named in a model directory only when you confirm it with --recorded-data (same train/dev/test split), or pass --dataset ${recorded} to evaluate all of it`,
    );
  }
  const seed = training.get('seed') as number;
  const ratios = training.get('split') as SplitRatios | undefined;
  let split: TrainingSplit;
  try {
    const { loader } = openDataset(
      {
        registry,
        values: training,
        explicit: new Set(training.keys()),
        pluginOptions: recordedOptions(saved, 'dataset'),
        describeFlag: (flag) => `key '${flag}' in ${saved.trainingPath}`,
      },
      cwd,
    );
    checkStandardizerFile(saved, training.get('normalize')!, loader.info);
    const loaded = await loader.load();
    split = recreateSplit(loaded, {
      seed,
      ...(ratios === undefined ? {} : { ratios }),
      standardizer: saved.standardizer,
      features: saved.inputs,
    });
  } catch (caught) {
    const error = caught as Error;
    // The settings come from training.json, not from the user's flags: blame the file.
    if (
      error instanceof UsageError ||
      ConfigError.isInstance(error) ||
      InvalidHyperparameterError.isInstance(error)
    ) {
      throw new DataFormatError(
        `${saved.trainingPath} records settings that cannot be used: ${error.message.replace(/\.$/, '')}. Hint: the file is corrupt or the data moved; pass --dataset to evaluate on other data.`,
        { cause: error },
      );
    }
    if (!DataFormatError.isInstance(error) || !error.message.startsWith('recreateSplit:'))
      throw error;
    throw new DataFormatError(
      `${recorded} re-created from ${saved.trainingPath} does not fit the model in ${saved.dir}: ${error.message} Or pass --dataset to evaluate on the data as it is now.`,
      { cause: error },
    );
  }
  const chosen = (values.get('set') as string | undefined) ?? 'all';
  const sets = SETS.filter((name) => chosen === 'all' || chosen === name)
    .map((name) => [name, split[name]] as const)
    .filter(([name, set]) => {
      if (set.size > 0) return true;
      if (chosen === name) {
        throw new UsageError(
          `--set ${name}: the split in ${saved.trainingPath} leaves no ${name} examples`,
        );
      }
      return false;
    });
  return {
    dataset: recorded,
    source: 'training.json',
    summary: `dataset ${recorded} (re-created from training.json, seed ${seed}): ${formatCount(split.train.size)} train / ${formatCount(split.dev.size)} dev / ${formatCount(split.test.size)} test examples`,
    sets,
  };
}

/** The largest class index in class-index targets plus one; 0 for other targets. */
function classesIn(data: Dataset): number {
  if (data.targets.rank !== 1) return 0;
  let max = -1;
  for (let i = 0; i < data.size; i++) max = Math.max(max, data.targets.data[i]!);
  return max + 1;
}

/**
 * How a CSV file's labels map onto the model's classes: names onto the model's class names
 * (not the file's own sorted labels), indices checked against the model's class count, so a
 * file may hold any subset of the classes.
 */
function csvLabelOptions(
  name: string,
  options: Readonly<Record<string, unknown>>,
  saved: SavedModel,
): Record<string, unknown> {
  if (name !== 'csv') return {};
  if (options.targets !== 'class-name') return { classes: saved.outputs };
  return saved.classNames === undefined ? {} : { classNames: saved.classNames };
}

async function loadOtherDataset(
  saved: SavedModel,
  { values, registry, pluginOptions }: CommandContext,
  cwd: string,
): Promise<Evaluation> {
  const spec = values.get('dataset') as string;
  if (values.has('recorded-data')) {
    throw new UsageError(
      '--recorded-data confirms the data path in training.json; with --dataset that path is not read',
    );
  }
  if (values.has('set')) {
    throw new UsageError(
      '--set chooses a split of the training data; with --dataset all of its examples are evaluated',
    );
  }
  const request = new Map<string, FlagValue>([
    ['dataset', spec],
    ['dtype', saved.dtype],
  ]);
  for (const name of ['examples', 'seed', 'label-column', 'label-type']) {
    const value =
      values.get(name) ?? (name === 'examples' ? undefined : savedDataValue(saved, name));
    if (value !== undefined) request.set(name, value);
  }
  const { name, options } = datasetRequest(
    { registry, values: request, explicit: new Set(request.keys()), pluginOptions },
    cwd,
  );
  const loaded = await registry
    .create('dataset', name, { ...options, ...csvLabelOptions(name, options, saved) })
    .load();
  if (loaded.test !== undefined && values.has('examples')) {
    throw new UsageError(
      `--examples does not apply to ${spec}: its own ${formatCount(loaded.test.size)} test examples are evaluated`,
    );
  }
  const data = loaded.test ?? loaded.train;
  const features = data.inputs.size / data.size;
  if (features !== saved.inputs) {
    throw new UsageError(
      `--dataset ${spec} has ${features} features per example, but the model in ${saved.dir} takes ${saved.inputs}`,
    );
  }
  const classes = classesIn(data);
  if (classes > saved.outputs) {
    throw new UsageError(
      `--dataset ${spec} has class indices up to ${classes - 1}, but the model in ${saved.dir} predicts ${saved.outputs} classes (0 to ${saved.outputs - 1})`,
    );
  }
  const sameAsTraining =
    absoluteDataset(spec, cwd) ===
      absoluteDataset(String(savedValue(saved, 'dataset')), saved.dir) &&
    request.get('seed') === savedDataValue(saved, 'seed') &&
    request.get('examples') === savedValue(saved, 'examples');
  return {
    dataset: spec,
    source: '--dataset',
    summary:
      `dataset ${spec}: ${formatCount(data.size)} ${loaded.test === undefined ? '' : 'test '}examples, normalized with the saved standardizer` +
      (saved.standardizer === undefined ? ' (none saved: inputs as loaded)' : '') +
      (sameAsTraining && loaded.test === undefined
        ? '; note: these are the very examples the model was trained on, its training examples included'
        : ''),
    sets: [
      [
        loaded.test === undefined ? 'all' : 'test',
        saved.standardizer?.transformDataset(data) ?? data,
      ],
    ],
  };
}

async function run(context: CommandContext): Promise<number> {
  const { io, registry, positionals, values } = context;
  const saved = await loadSavedModel(positionals[0]!, registry, io.cwd);
  const evaluation =
    values.get('dataset') === undefined
      ? await recreateTrainingData(saved, values, registry, io.cwd)
      : await loadOtherDataset(saved, context, io.cwd);
  const results: Record<string, SetResult> = {};
  for (const [name, data] of evaluation.sets) results[name] = measureSet(saved.model, data);

  if (values.get('json') === true) {
    const { dataset, source } = evaluation;
    io.out(
      `${JSON.stringify({ model: saved.dir, dataset, source, dtype: saved.dtype, results }, null, 2)}\n`,
    );
    return 0;
  }
  io.out(`model ${saved.dir}: network ${saved.sizes.join('-')}, ${saved.dtype}\n`);
  io.out(`${evaluation.summary}\n\n${formatResults(results)}`);
  return 0;
}

/** `deeptune evaluate`. */
export const evaluateCommand: Command = {
  name: 'evaluate',
  summary:
    'Report cost, accuracy and error rate of a saved model on its dev/test sets or another dataset',
  description:
    "Loads a model directory written by 'deeptune train --save' and reports the softmax cross-entropy cost, accuracy and error rate. Without --dataset it re-creates the data the model was trained on from training.json (same dataset, examples, seed and split ratios, in the model's dtype) and evaluates the same train, dev and test examples, so the numbers match those train reported; the data must be unchanged since training. A data file or directory named in training.json (csv:<path>, mnist:<dir>) is read only when you confirm it with --recorded-data, since a model directory may come from someone else. With --dataset it evaluates all examples of that dataset (MNIST: its test set), normalized with the saved standardizer, never refitted; --seed and the CSV label flags default to those in training.json.",
  positionals: [
    {
      name: 'model-dir',
      description: "a directory written by 'deeptune train --save'",
      required: true,
    },
  ],
  flags: evaluateFlags,
  examples: [
    'deeptune evaluate models/mnist',
    'deeptune evaluate models/moons --set test --json',
    'deeptune evaluate models/moons --dataset moons --seed 7 --examples 5000',
    'deeptune evaluate models/iris --dataset csv:data/iris-new.csv',
    'deeptune evaluate models/iris --recorded-data',
  ],
  run,
};

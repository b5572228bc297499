import { isAbsolute, relative } from 'node:path';
import {
  bestWeights,
  diagnose,
  fit,
  getBackend,
  softmaxCrossEntropy,
  type Dataset,
  type Diagnosis,
} from 'deeptune';
import { saveModel } from 'deeptune/node';
import { checkSaveTarget } from '../setup/check-save-target.js';
import { checkNetworkSize } from '../setup/check-network-size.js';
import type { Flag, FlagValue } from '../args/flag.js';
import { UsageError } from '../cli-error.js';
import type { Command, CommandContext } from '../command.js';
import { formatCount, formatDuration } from '../render/format.js';
import { formatResults } from '../render/format-results.js';
import { formatDiagnosis } from '../render/format-diagnosis.js';
import { ProgressRenderer } from '../render/progress-renderer.js';
import { buildAugmentation } from '../setup/build-augmentation.js';
import { buildNetwork, checkNetworkFlags } from '../setup/build-network.js';
import { buildOptimizer } from '../setup/build-optimizer.js';
import { earlyStoppingFromSpec } from '../setup/early-stopping-spec.js';
import { DATA_FLAGS, NETWORK_FLAGS } from '../setup/model-flags.js';
import {
  absoluteDataset,
  dataPathPrefix,
  openDataset,
  prepareData,
} from '../setup/prepare-data.js';
import { measureSet, type SetResult } from '../setup/measure-set.js';
import { OPTIMIZER_FLAGS } from '../setup/training-flags.js';
import { AUGMENT_FLAG } from '../setup/augment-flag.js';
import { RUN_FLAGS } from '../setup/run-flags.js';

/** The flags of `deeptune train` beyond data, network, optimizer and the run's own. */
const TRAIN_FLAGS: readonly Flag[] = [
  ...RUN_FLAGS,
  {
    name: 'base-error',
    type: 'number',
    group: 'Output',
    valueName: '<error>',
    min: 0,
    max: 1,
    default: 0,
    description: 'The base (human-level or Bayes) error rate for the bias/variance diagnosis',
  },
  {
    name: 'save',
    type: 'string',
    defaultText: 'not saved',
    group: 'Output',
    valueName: '<dir>',
    description:
      'Save the trained model (architecture, safetensors weights, standardizer, config, metrics) to this directory, atomically',
  },
];

/** The flags of `deeptune train`, in help order. */
function trainFlags(): readonly Flag[] {
  return [...DATA_FLAGS, ...NETWORK_FLAGS, ...OPTIMIZER_FLAGS, ...TRAIN_FLAGS];
}

/** The settings of a run as JSON data, for `training.json` and `--json`. */
function trainingConfig(
  values: ReadonlyMap<string, FlagValue>,
  cwd: string,
): Record<string, FlagValue> {
  const config: Record<string, FlagValue> = {};
  for (const flag of trainFlags()) {
    const value = values.get(flag.name);
    if (value !== undefined) config[flag.name] = value;
  }
  // File-based datasets are shown with absolute paths, so the output says which file it was.
  config.dataset = absoluteDataset(config.dataset as string, cwd);
  return config;
}

/**
 * `--dataset` as `training.json` records it: a data path relative to the model directory, so
 * that a project folder holding both can be moved or shared (`evaluate` resolves it against
 * the model directory); an absolute path only where no relative one exists (another drive).
 *
 * @param dataset - the dataset with an absolute path, as {@link trainingConfig} gives it.
 * @param modelDirectory - the absolute path the model is saved to.
 */
function recordedDataset(dataset: string, modelDirectory: string): string {
  const prefix = dataPathPrefix(dataset);
  if (prefix === undefined) return dataset;
  const fromModel = relative(modelDirectory, dataset.slice(prefix.length));
  return isAbsolute(fromModel) ? dataset : `${prefix}${fromModel}`;
}

/** `relu`, or `leaky-relu(alpha=0.1)` when options were given. */
function describeChoice(name: string, options: Readonly<Record<string, unknown>>): string {
  const shown = Object.entries(options).map(([key, value]) => `${key}=${String(value)}`);
  return shown.length === 0 ? name : `${name}(${shown.join(', ')})`;
}

/** A schedule's options as shown in the summary line (α₀ is shown already). */
function scheduleOptionsShown(
  options: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  const { initialLearningRate: _alpha, ...rest } = options;
  return rest;
}

/** Options that are JSON data (numbers, strings, booleans, number lists), for training.json. */
function jsonOptions(options: Readonly<Record<string, unknown>>): Record<string, FlagValue> {
  const result: Record<string, FlagValue> = {};
  for (const [key, value] of Object.entries(options)) {
    if (
      typeof value === 'number' ||
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (Array.isArray(value) && value.every((item) => typeof item === 'number'))
    ) {
      result[key] = value as FlagValue;
    }
  }
  return result;
}

/**
 * The plugin options of the run as given (`{ 'dataset.noise': { value: '0.3', fromCommandLine:
 * true } }`), so that `evaluate` re-creates the same dataset.
 */
function recordedPluginOptions(
  context: CommandContext,
): Record<string, { readonly value: unknown; readonly fromCommandLine: boolean }> {
  const recorded: Record<string, { readonly value: unknown; readonly fromCommandLine: boolean }> =
    {};
  for (const [path, input] of context.pluginOptions) {
    recorded[path] = { value: input.value, fromCommandLine: input.fromCommandLine };
  }
  return recorded;
}

async function run(context: CommandContext): Promise<number> {
  const { io, registry, values } = context;
  const json = values.get('json') === true;
  const say = (text: string): void => {
    if (!json) io.out(text);
  };
  // Check every flag that does not need the data before loading it.
  const opened = openDataset(context, io.cwd);
  const { info } = opened.loader;
  const choices = checkNetworkFlags(context);
  buildOptimizer(context, 1);
  // The dataset plugin tells the image size before loading, so the augmentation is built once, here.
  const augment = buildAugmentation(context, AUGMENT_FLAG, info.imageShape);
  const earlyStopping = earlyStoppingFromSpec(values.get('early-stopping') as string, registry);
  // Refuse a save target that is not ours to overwrite before any work is done.
  const saveDir = values.get('save') as string | undefined;
  const saveTarget = saveDir === undefined ? undefined : await checkSaveTarget(io.cwd, saveDir);
  if (info.features !== undefined && info.classes !== undefined) {
    checkNetworkSize(values, { features: info.features, classes: info.classes });
  }
  const data = await prepareData(context, io.cwd, 'all', opened);
  checkNetworkSize(values, data);
  say(
    `dataset ${data.dataset}: ${formatCount(data.train.size)} train / ${formatCount(data.dev.size)} dev / ${formatCount(data.test.size)} test examples, ${data.features} features, ${data.classes} classes` +
      `${data.standardizer === undefined ? '' : ', standardized with train statistics'}\n`,
  );
  const network = buildNetwork(context, data);
  const batchSize = values.get('batch-size') as number;
  const epochs = values.get('epochs') as number;
  if (batchSize > data.train.size) {
    io.err(
      `deeptune: warning: --batch-size ${batchSize} is larger than the training set (${formatCount(data.train.size)} examples), so every step uses all of it: batch gradient descent, one step per epoch. ` +
        `Hint: --batch-size ${Math.min(32, data.train.size)} gives mini-batch gradient descent.\n`,
    );
  }
  const stepsPerEpoch = Math.ceil(data.train.size / Math.min(batchSize, data.train.size));
  const optimizer = buildOptimizer(context, stepsPerEpoch);
  const hasDev = data.dev.size > 0;
  if ((earlyStopping !== undefined || optimizer.watchesDevCost) && !hasDev) {
    throw new UsageError(
      `${earlyStopping !== undefined ? '--early-stopping' : `--lr-schedule ${optimizer.schedule!.name}`} watches the dev cost, but --split leaves no dev examples`,
    );
  }
  const best = bestWeights({ monitor: hasDev ? 'devCost' : 'cost', restore: 'on-abort' });
  say(
    `network ${[data.features, ...(values.get('layers') as readonly number[]), data.classes].join('-')} ${describeChoice(choices.activation.name, choices.activation.options)}` +
      `${values.get('batchnorm') === true ? ' + batch norm' : ''}, ${network.initializer} init; ` +
      `${optimizer.name} α=${optimizer.learningRate}${optimizer.schedule === undefined ? '' : ` (${describeChoice(optimizer.schedule.name, scheduleOptionsShown(optimizer.schedule.options))})`}, batch ${batchSize}, ${epochs} epoch${epochs === 1 ? '' : 's'}\n`,
  );
  const backend = getBackend();
  say(
    `backend ${backend.name}${backend.description === undefined ? '' : ` (${backend.description})`}\n`,
  );
  const renderer = new ProgressRenderer(io);
  const controller = new AbortController();
  // One handler for the whole run: a Ctrl-C during the final evaluation or the save still
  // lets the model be saved (the save is atomic, so a second Ctrl-C cannot corrupt it).
  let training = true;
  const removeInterruptHandler = io.onInterrupt(() => {
    renderer.clear();
    io.err(
      training
        ? 'deeptune: stopping after the current step (Ctrl-C again to quit at once)\n'
        : `deeptune: stopping after ${saveTarget === undefined ? 'the evaluation' : 'saving the model'} (Ctrl-C again to quit at once)\n`,
    );
    controller.abort();
  });
  try {
    const history = await fit(network.model, data.train, {
      loss: softmaxCrossEntropy,
      optimizer: optimizer.optimizer,
      regularizers: network.regularizers,
      epochs,
      batchSize: Math.min(batchSize, data.train.size), // warned about above, in terms of flags
      ...(hasDev ? { devData: data.dev } : {}),
      metrics: ['accuracy', 'error-rate'],
      callbacks: [
        ...(earlyStopping === undefined ? [] : [earlyStopping]),
        ...optimizer.callbacks,
        best,
      ],
      seed: values.get('seed') as number,
      ...(augment === undefined ? {} : { augment }),
      signal: controller.signal,
      ...(json ? {} : { onProgress: renderer.listener }),
    });
    training = false;
    renderer.clear();
    const interrupted = history.stopReason === 'aborted';
    // On Ctrl-C, bestWeights has restored the best epoch's weights (a partial epoch is dropped).
    if (history.stopReason !== null && !interrupted) say(`stopped: ${history.stopReason}\n`);

    const measure = (set: Dataset): SetResult => measureSet(network.model, set);
    const results: Record<string, SetResult> = { train: measure(data.train) };
    if (hasDev) results.dev = measure(data.dev);
    if (data.test.size > 0) results.test = measure(data.test);
    const diagnosis: Diagnosis | undefined =
      results.dev === undefined
        ? undefined
        : diagnose({
            trainError: results.train!.errorRate,
            devError: results.dev.errorRate,
            baseError: values.get('base-error') as number,
          });

    const config = trainingConfig(values, io.cwd);
    let savedTo: string | undefined;
    if (saveTarget !== undefined) {
      savedTo = await saveModel(saveTarget, {
        model: network.model,
        ...(data.standardizer === undefined ? {} : { standardizer: data.standardizer }),
        trainingConfig: {
          ...config,
          dataset: recordedDataset(config.dataset as string, saveTarget),
          optimizerOptions: jsonOptions(optimizer.options),
          ...(optimizer.schedule === undefined
            ? {}
            : {
                lrSchedule: {
                  name: optimizer.schedule.name,
                  ...jsonOptions(optimizer.schedule.options),
                },
              }),
          pluginOptions: recordedPluginOptions(context),
          splitRatios: [...data.ratios],
          ...(data.classNames === undefined ? {} : { classNames: [...data.classNames] }),
        },
        metrics: { ...results, epochs: history.epochs.length, stopReason: history.stopReason },
      });
    }

    if (json) {
      io.out(
        `${JSON.stringify(
          {
            config,
            plugins: {
              optimizer: { name: optimizer.name, ...jsonOptions(optimizer.options) },
              lrSchedule:
                optimizer.schedule === undefined
                  ? null
                  : { name: optimizer.schedule.name, ...jsonOptions(optimizer.schedule.options) },
              activation: {
                name: choices.activation.name,
                ...jsonOptions(choices.activation.options),
              },
              initializer: {
                name: choices.initializer.name,
                ...jsonOptions(choices.initializer.options),
              },
              regularizers: choices.regularizers.map((chosen) => ({
                name: chosen.name,
                ...jsonOptions(chosen.options),
              })),
              dataset: { name: opened.request.name, ...jsonOptions(opened.request.options) },
            },
            examples: { train: data.train.size, dev: data.dev.size, test: data.test.size },
            backend: { name: backend.name, description: backend.description ?? null },
            epochs: history.epochs,
            stopReason: history.stopReason,
            seconds: history.seconds,
            results,
            diagnosis: diagnosis ?? null,
            savedTo: savedTo ?? null,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      io.out(`\n${formatResults(results)}`);
      io.out(
        `trained ${history.epochs.length} epoch${history.epochs.length === 1 ? '' : 's'} (${formatCount(history.stepCount)} steps) in ${formatDuration(history.seconds)}\n`,
      );
      if (diagnosis !== undefined) io.out(`\n${formatDiagnosis(diagnosis)}`);
      else io.out('\nno dev set (see --split), so no bias/variance diagnosis\n');
      if (interrupted) {
        io.out(
          `\ninterrupted after step ${history.stepCount}${best.epoch === null ? '' : `; the best epoch so far (${best.epoch}) is kept`}\n`,
        );
      }
      if (savedTo !== undefined) io.out(`\nmodel saved to ${savedTo}\n`);
    }
    return interrupted || controller.signal.aborted ? 130 : 0;
  } finally {
    renderer.clear();
    removeInterruptHandler();
  }
}

/** `deeptune train`. */
export const trainCommand: Command = {
  name: 'train',
  summary:
    'Train a network (MNIST by default) and report cost, accuracy and a bias/variance diagnosis',
  description:
    'Trains a fully connected network with softmax cross-entropy on a dataset split into train/dev/test sets, with the regularization, optimization and batch-normalization techniques of the course as flags (or config-file keys). Prints a progress bar per epoch, then a table of train/dev/test cost and accuracy and the bias/variance diagnosis with its advice. Ctrl-C stops after the current step and saves the best-so-far model when --save was given.',
  positionals: [],
  flags: trainFlags,
  examples: [
    'deeptune train --save models/mnist',
    'deeptune train --layers 512,256 --keep-prob 0.8 --l2 0.01 --lr-decay exp:0.9 --epochs 10',
    'deeptune train --dataset moons --layers 16,16 --optimizer momentum --lr 0.05 --beta 0.9 --epochs 50',
    'deeptune train --config run.yaml --seed 3',
  ],
  run,
};

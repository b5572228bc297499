import { fit, softmaxCrossEntropy, type Registry } from 'deeptune';
import { UsageError } from '../cli-error.js';
import { buildAugmentation } from '../setup/build-augmentation.js';
import { buildNetwork } from '../setup/build-network.js';
import { buildOptimizer } from '../setup/build-optimizer.js';
import { checkNetworkSize } from '../setup/check-network-size.js';
import { earlyStoppingFromSpec } from '../setup/early-stopping-spec.js';
import { AUGMENT_FLAG } from '../setup/augment-flag.js';
import { measureSet } from '../setup/measure-set.js';
import { openDataset, prepareData, type PreparedData } from '../setup/prepare-data.js';
import type { RunSettings } from './trial-settings.js';

/** What a trial is judged on: the dev set's error rate or its cost. */
export type TuneObjective = 'dev-error' | 'dev-cost';

/** One epoch of a trial, as reported to the study. */
export interface TrialEpoch {
  readonly epoch: number;
  readonly epochs: number;
  /** The objective's value after this epoch. */
  readonly value: number;
  readonly cost: number;
  readonly devCost: number;
  readonly devError: number;
  readonly seconds: number;
}

/** The outcome of a trial that trained to its end (or was stopped). */
export interface TrialOutcome {
  /** The objective: the trained model's dev error or dev cost. */
  readonly value: number;
  readonly devError: number;
  readonly devCost: number;
  readonly trainError: number;
  readonly trainCost: number;
  readonly epochs: number;
  readonly stopReason: string | null;
  readonly seconds: number;
}

/** Prepared data, kept between the trials of one worker while the data flags stay the same. */
export interface DataCache {
  key: string | undefined;
  data: PreparedData | undefined;
  /** The dataset plugin's image shape, for augmentations. */
  imageShape: readonly [number, number] | undefined;
}

/** The flags that decide the data; trials that agree on them share the prepared data. */
const DATA_KEYS = [
  'dataset',
  'examples',
  'label-column',
  'label-type',
  'split',
  'normalize',
  'data-seed',
  'dtype',
];

function dataKey(settings: RunSettings): string {
  const options = [...settings.pluginOptions].filter(([path]) => path.startsWith('dataset.'));
  return JSON.stringify([DATA_KEYS.map((name) => settings.values.get(name) ?? null), options]);
}

/**
 * Trains one trial as `deeptune train` would with the same flags, but judges it on the dev
 * set only: the test set is neither loaded (MNIST) nor evaluated.
 *
 * @throws the errors of the setup (a bad hyperparameter value: {@link UsageError}, a schema
 * error) and of training (a diverged run: `DivergenceError`).
 */
export async function runTrial(
  settings: RunSettings,
  environment: {
    readonly registry: Registry;
    readonly cwd: string;
    readonly objective: TuneObjective;
    readonly cache: DataCache;
    readonly signal: AbortSignal;
    readonly onEpoch: (epoch: TrialEpoch) => void;
  },
): Promise<TrialOutcome> {
  const { registry, cwd, objective, cache, signal, onEpoch } = environment;
  const source = { registry, ...settings };
  const { values } = source;
  const key = dataKey(settings);
  if (cache.key !== key || cache.data === undefined) {
    cache.data = undefined;
    const opened = openDataset(source, cwd, 'training');
    cache.data = await prepareData(source, cwd, 'training', opened);
    cache.imageShape = opened.loader.info.imageShape;
    cache.key = key;
  }
  const data = cache.data;
  if (data.dev.size === 0) {
    throw new UsageError(
      'deeptune tune compares trials on the dev set, but --split leaves no dev examples',
    );
  }
  checkNetworkSize(values, data);
  const augment = buildAugmentation(source, AUGMENT_FLAG, cache.imageShape);
  const earlyStopping = earlyStoppingFromSpec(
    (values.get('early-stopping') as string | undefined) ?? 'off',
    registry,
  );
  const network = buildNetwork(source, data);
  const batchSize = Math.min(values.get('batch-size') as number, data.train.size);
  const stepsPerEpoch = Math.ceil(data.train.size / batchSize);
  const optimizer = buildOptimizer(source, stepsPerEpoch);
  const epochs = values.get('epochs') as number;
  const history = await fit(network.model, data.train, {
    loss: softmaxCrossEntropy,
    optimizer: optimizer.optimizer,
    regularizers: network.regularizers,
    epochs,
    batchSize,
    devData: data.dev,
    metrics: ['error-rate'],
    callbacks: [...(earlyStopping === undefined ? [] : [earlyStopping]), ...optimizer.callbacks],
    seed: values.get('seed') as number,
    ...(augment === undefined ? {} : { augment }),
    signal,
    onProgress: (event) => {
      if (event.type !== 'epoch-end') return;
      const { record } = event;
      const devError = record.devMetrics?.['error-rate'] ?? Number.NaN;
      const devCost = record.devCost ?? Number.NaN;
      onEpoch({
        epoch: record.epoch,
        epochs: event.epochs,
        value: objective === 'dev-error' ? devError : devCost,
        cost: record.cost,
        devCost,
        devError,
        seconds: record.seconds,
      });
    },
  });
  const dev = measureSet(network.model, data.dev);
  const train = measureSet(network.model, data.train);
  return {
    value: objective === 'dev-error' ? dev.errorRate : dev.cost,
    devError: dev.errorRate,
    devCost: dev.cost,
    trainError: train.errorRate,
    trainCost: train.cost,
    epochs: history.epochs.length,
    stopReason: history.stopReason,
    seconds: history.seconds,
  };
}

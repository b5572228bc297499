import {
  Dense,
  DivergenceError,
  Rng,
  Sequential,
  adam,
  describeModel,
  evaluate,
  fit,
  predictClasses,
  softmaxCrossEntropy,
  type Dataset,
  type ModelArchitecture,
} from 'deeptune';
import type { SteppedJob } from '../../worker/stepped-job.js';
import type { MnistTrainConfig } from './mnist-config.js';
import { MNIST_PIXELS, imagesDataset } from './mnist-subset.js';

/** The number of digit classes. */
export const DIGITS = 10;

/** The trained network as plain data: its architecture and every tensor of its state. */
export interface ModelState {
  /** The architecture (`describeModel`). */
  readonly architecture: ModelArchitecture;
  /** Each state tensor's values by dotted path. */
  readonly tensors: Readonly<Record<string, Float32Array>>;
  /** Each state tensor's shape by dotted path. */
  readonly shapes: Readonly<Record<string, readonly number[]>>;
}

/** The state of an MNIST training run after a step. */
export interface MnistSnapshot {
  /** Epochs trained so far (0 before training). */
  readonly epoch: number;
  /** The training cost (the epoch's mean over mini-batches; before training, the cost of the initial network). */
  readonly cost: number;
  /** The cost on the subset's test images. */
  readonly testCost: number;
  /** The training accuracy after the epoch. */
  readonly trainAccuracy: number;
  /** The accuracy on the subset's test images. */
  readonly testAccuracy: number;
  /** Test counts: `confusion[true digit][predicted digit]`. */
  readonly confusion: number[][];
  /** The message when training diverged, else `null`. */
  readonly diverged: string | null;
  /** The network after this step, for the drawing pad. */
  readonly state: ModelState;
}

function buildNetwork(config: MnistTrainConfig): Sequential {
  const rng = new Rng(config.seed);
  return new Sequential([
    new Dense({ inputs: MNIST_PIXELS, units: config.hiddenUnits, activation: 'relu', rng }),
    new Dense({ inputs: config.hiddenUnits, units: DIGITS, rng }),
  ]);
}

/** `confusion[true][predicted]` of `model` on `data`. */
function confusionOf(model: Sequential, data: Dataset): number[][] {
  const predicted = predictClasses(model, data.inputs);
  const truth = data.targets.data;
  const counts = Array.from({ length: DIGITS }, () => new Array<number>(DIGITS).fill(0));
  for (let i = 0; i < predicted.length; i++) counts[truth[i]!]![predicted[i]!]! += 1;
  return counts;
}

function stateOf(model: Sequential): ModelState {
  const tensors: Record<string, Float32Array> = {};
  const shapes: Record<string, readonly number[]> = {};
  for (const [path, value] of Object.entries(model.stateDict())) {
    tensors[path] = Float32Array.from(value.data);
    shapes[path] = [...value.shape];
  }
  return { architecture: describeModel(model), tensors, shapes };
}

/**
 * A training run of the MNIST page: a seeded 784 → hidden (ReLU) → 10 network trained with
 * Adam on the first `trainImages` images of the bundled subset, `epochsPerStep` epochs per
 * step, reporting the costs, the accuracies, the confusion matrix on the subset's test
 * images and the network itself after each step.
 */
export function createMnistJob(config: MnistTrainConfig): SteppedJob<MnistSnapshot> {
  const train = imagesDataset(config.subset.train, config.trainImages);
  const test = imagesDataset(config.subset.test);
  const model = buildNetwork(config);
  const optimizer = adam({ learningRate: config.learningRate });
  const shuffleRng = new Rng(config.seed + 1_000_003);
  let epoch = 0;
  let diverged: string | null = null;
  let last: MnistSnapshot | null = null;

  const snapshot = (cost: number, trainAccuracy: number): MnistSnapshot => {
    const tested = evaluate(model, test, { loss: softmaxCrossEntropy, metrics: ['accuracy'] });
    return {
      epoch,
      cost,
      testCost: tested.cost,
      trainAccuracy,
      testAccuracy: tested.metrics['accuracy']!,
      confusion: confusionOf(model, test),
      diverged,
      state: stateOf(model),
    };
  };

  return {
    get done() {
      return diverged !== null || epoch >= config.epochs;
    },
    initial() {
      const trained = evaluate(model, train, { loss: softmaxCrossEntropy, metrics: ['accuracy'] });
      last = snapshot(trained.cost, trained.metrics['accuracy']!);
      return last;
    },
    async step(signal) {
      if (last === null) throw new Error('mnist job: call initial() before step().');
      if (diverged !== null || epoch >= config.epochs) return last;
      const epochs = Math.min(config.epochsPerStep, config.epochs - epoch);
      try {
        const history = await fit(model, train, {
          loss: softmaxCrossEntropy,
          optimizer,
          epochs,
          batchSize: Math.min(config.batchSize, train.size),
          metrics: ['accuracy'],
          rng: shuffleRng,
          signal,
        });
        const record = history.epochs.at(-1);
        if (record === undefined) return last;
        epoch += history.epochs.length;
        last = snapshot(record.cost, record.metrics['accuracy']!);
      } catch (error) {
        if (!(error instanceof DivergenceError)) throw error;
        diverged = error.message;
        last = { ...last, diverged };
      }
      return last;
    },
  };
}

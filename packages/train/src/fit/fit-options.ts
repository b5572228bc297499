import type { Augmentation, Callback, Loss, Regularizer, Rng } from '@deeptune/core';
import type { Dataset } from '@deeptune/data';
import type { Optimizer } from '@deeptune/optimizers';
import type { MetricName } from '../metrics/metric-name.js';
import type { ProgressListener } from './progress-event.js';

/**
 * Options of {@link fit}.
 *
 * @category Training
 */
export interface FitOptions {
  /** The data term of the cost, e.g. `softmaxCrossEntropy`. */
  readonly loss: Loss;
  /**
   * The optimizer. When it has no parameters yet, `fit` adds `model.namedParameters()`;
   * otherwise it steps the parameters it already has, which must be this model's tensors (the
   * same optimizer resumes training the same model; one per model otherwise).
   */
  readonly optimizer: Optimizer;
  /** Penalties added to the cost J, e.g. `[l2({ lambda: 0.7 })]`. @defaultValue [] */
  readonly regularizers?: readonly Regularizer[];
  /** The number of passes over the training set: an integer ≥ 1. */
  readonly epochs: number;
  /** Examples per mini-batch: an integer ≥ 1 (m for batch gradient descent, 1 for SGD). */
  readonly batchSize: number;
  /** Held-out data: its data cost (`devCost`) and metrics are computed after each epoch. */
  readonly devData?: Dataset;
  /** Metrics computed in inference mode on the training and dev sets after each epoch. @defaultValue [] */
  readonly metrics?: readonly MetricName[];
  /** Callbacks, run in order: early stopping, checkpoints, progress, … @defaultValue [] */
  readonly callbacks?: readonly Callback[];
  /**
   * Seed of the generator that shuffles and augments; ignored when `rng` is given.
   * @defaultValue 0
   */
  readonly seed?: number;
  /** The generator that shuffles and augments (it is advanced). */
  readonly rng?: Rng;
  /** Reshuffle the training set every epoch. @defaultValue true */
  readonly shuffle?: boolean;
  /** A data augmentation applied to every training mini-batch's inputs. */
  readonly augment?: Augmentation;
  /** Record every `logEvery`-th step in `History.steps`: an integer ≥ 1. @defaultValue no step records */
  readonly logEvery?: number;
  /** Stops training cleanly after the current step when aborted; `fit` then resolves normally. */
  readonly signal?: AbortSignal;
  /**
   * Await a macrotask (`setTimeout(0)`) whenever this many milliseconds have passed since the
   * last one, so that a browser page stays responsive and abort signals are delivered;
   * `Infinity` never yields.
   * @defaultValue 100
   */
  readonly yieldEvery?: number;
  /** Receives the progress event stream (the same as adding `progress({ listener })`). */
  readonly onProgress?: ProgressListener;
  /**
   * Rows per forward pass when computing metrics and the dev cost: an integer ≥ 1.
   * @defaultValue 1024
   */
  readonly evaluationBatchSize?: number;
}

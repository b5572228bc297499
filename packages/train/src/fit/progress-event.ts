import type { TrainingLogs } from '@deeptune/core';
import type { EpochRecord } from './history.js';

/**
 * An event of the training progress stream: what a CLI progress bar and a web chart
 * render. `fit`'s `onProgress` option and the {@link progress} callback emit them.
 *
 * Plain data, discriminated by `type`:
 *
 * - `'train-begin'` — once, with the planned `epochs` and `stepsPerEpoch`;
 * - `'epoch-begin'` — at the start of every epoch;
 * - `'batch-end'` — after every optimizer step (or every `every`-th), with the batch's logs;
 * - `'epoch-end'` — after every epoch, with its {@link EpochRecord};
 * - `'train-end'` — once, with the stop reason (`null` when every epoch ran).
 *
 * @category Progress
 */
export type ProgressEvent =
  | {
      /** The discriminant. */
      readonly type: 'train-begin';
      /** The planned number of epochs. */
      readonly epochs: number;
      /** The number of mini-batches (optimizer steps) per epoch. */
      readonly stepsPerEpoch: number;
    }
  | {
      /** The discriminant. */
      readonly type: 'epoch-begin';
      /** The epoch starting, counted from 1. */
      readonly epoch: number;
      /** The planned number of epochs. */
      readonly epochs: number;
    }
  | {
      /** The discriminant. */
      readonly type: 'batch-end';
      /** The epoch, counted from 1. */
      readonly epoch: number;
      /** The optimizer steps taken so far in the run. */
      readonly step: number;
      /** The position of the batch in its epoch, counted from 1. */
      readonly batch: number;
      /** The number of mini-batches per epoch. */
      readonly stepsPerEpoch: number;
      /** The batch's costs and learning rate. */
      readonly logs: TrainingLogs;
    }
  | {
      /** The discriminant. */
      readonly type: 'epoch-end';
      /** The finished epoch's numbers. */
      readonly record: EpochRecord;
      /** The planned number of epochs. */
      readonly epochs: number;
    }
  | {
      /** The discriminant. */
      readonly type: 'train-end';
      /** The optimizer steps taken in total. */
      readonly step: number;
      /** Why training ended early, or `null`. */
      readonly stopReason: string | null;
    };

/**
 * Receives {@link ProgressEvent}s; it must not throw (an exception stops training).
 *
 * @category Progress
 */
export type ProgressListener = (event: ProgressEvent) => void;

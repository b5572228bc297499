import type { PandaConfig, PandaSnapshot } from './panda-job.js';

/** A message from the page to the panda worker. */
export type PandaCommand =
  | {
      /** Start a new session (replacing the current one) and report it. */
      readonly type: 'start';
      /** Tags the session's reports so late ones of an earlier session are ignored. */
      readonly runId: number;
      /** Its settings. */
      readonly config: PandaConfig;
    }
  | {
      /** Train epochs. */
      readonly type: 'train';
      /** How many. */
      readonly epochs: number;
    }
  | {
      /** Change the learning rate from the next epoch on. */
      readonly type: 'adjust';
      /** The new learning rate. */
      readonly learningRate: number;
    }
  | {
      /** Go back to the checkpoint after an epoch. */
      readonly type: 'revert';
      /** The epoch (0: the start). */
      readonly epoch: number;
    };

/** A message from the panda worker to the page. */
export type PandaReport =
  | {
      /** The session after a command. */
      readonly type: 'snapshot';
      /** The session it belongs to. */
      readonly runId: number;
      /** What was done: `start`, `train`, `adjust` or `revert`. */
      readonly command: PandaCommand['type'];
      /** The session now. */
      readonly snapshot: PandaSnapshot;
      /** No epoch is left in the budget. */
      readonly done: boolean;
    }
  | {
      /** A command failed; `message` says why. */
      readonly type: 'error';
      /** The session it belongs to. */
      readonly runId: number;
      /** The message. */
      readonly message: string;
    };

import { join } from 'node:path';
import { ConfigError } from '@deeptune/core';
import { acquireLockFile, type LockRefusal } from '@deeptune/data/node';
import type { ModelLayout } from './model-layout.js';

/**
 * The lock of one save in progress to one model path.
 * @internal
 */
export interface ModelLock {
  /** Throws unless the lock file still holds this lock (call it just before committing). */
  verify(): Promise<void>;
  /** Removes the lock file if it still holds this lock. */
  release(): Promise<void>;
}

/**
 * Takes the lock of a save to `layout.target`: an exclusive lock file next to it holding the
 * pid, host and start time of the saver (`acquireLockFile` of `@deeptune/data/node`). A lock
 * left by a process that is gone (killed during a save) is taken over; a lock of a running
 * process, of another host or of unknown content makes this save fail.
 *
 * @throws {@link @deeptune/core!ConfigError} when another save holds the lock.
 * @internal
 */
export async function acquireModelLock(where: string, layout: ModelLayout): Promise<ModelLock> {
  const path = join(layout.parent, layout.lockName);
  const busy = (why: string): never => {
    throw new ConfigError(
      `${where}: cannot save to ${layout.target}: ${why}. Hint: wait for that save to finish; if no save to this path is running, remove ${path}.`,
    );
  };
  const refuse = (refusal: LockRefusal): never => {
    switch (refusal.reason) {
      case 'unknown-owner':
        return busy(`the lock file ${path} exists and does not name its owner`);
      case 'other-host':
        return busy(
          `another save (pid ${refusal.owner.pid} on host ${refusal.owner.host}, since ${refusal.owner.since}) holds the lock ${path}`,
        );
      case 'alive':
        return busy(
          `another save (pid ${refusal.owner.pid}, since ${refusal.owner.since}) is writing it`,
        );
      case 'contended':
        return busy(`the lock ${path} keeps changing hands`);
    }
  };
  const lock = await acquireLockFile(where, path, {
    temporaryPath: () => join(layout.parent, layout.newLockTemporary()),
    refuse,
  });
  return {
    verify: async () => {
      if (!(await lock.isHeld())) {
        throw new ConfigError(
          `${where}: lost the lock ${path} of the save to ${layout.target} to another process; the model was not replaced. Hint: do not save to one path from two processes at once.`,
        );
      }
    },
    release: () => lock.release(),
  };
}

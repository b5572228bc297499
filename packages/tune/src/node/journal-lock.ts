import { randomUUID } from 'node:crypto';
import { ConfigError, DeeptuneError } from '@deeptune/core';
import { acquireLockFile, type LockRefusal } from '@deeptune/data/node';

/**
 * The lock of one journal, held by this process.
 * @internal
 */
export interface JournalLock {
  /** The lock file. */
  readonly path: string;
  /** What happened while taking it (a stale lock taken over), for the storage's notes. */
  readonly notes: readonly string[];
  /** Removes the lock file if it still holds this lock. */
  release(): Promise<void>;
}

/**
 * Takes the lock of the journal `journalPath`: the file `<journalPath>.lock`, created
 * atomically with the pid, host and start time of this process (`acquireLockFile` of
 * `@deeptune/data/node`). A lock whose process is gone (killed with `kill -9`, a power cut) is
 * taken over; a lock of a live process, of another host or with unknown content is refused.
 *
 * @throws {@link @deeptune/core!ConfigError} `<path> is in use by process <pid> …` when
 * another live process holds the lock, or when the lock cannot be created.
 * @internal
 */
export async function acquireJournalLock(where: string, journalPath: string): Promise<JournalLock> {
  const path = `${journalPath}.lock`;
  const hint = `Hint: wait for that process to finish or stop it; if no process is running this study, remove ${path}.`;
  const refuse = (refusal: LockRefusal): never => {
    switch (refusal.reason) {
      case 'unknown-owner':
        throw new ConfigError(
          `${journalPath} is locked: the lock file ${path} exists and does not name its owner (it holds ${JSON.stringify(refusal.content.slice(0, 80))}). ${hint}`,
        );
      case 'other-host':
        throw new ConfigError(
          `${journalPath} is in use by process ${refusal.owner.pid} on host ${refusal.owner.host} (since ${refusal.owner.since}); this host cannot tell whether that process still runs. ${hint}`,
        );
      case 'alive':
        throw new ConfigError(
          `${journalPath} is in use by process ${refusal.owner.pid}${refusal.owner.pid === process.pid ? ' (this process)' : ''} (since ${refusal.owner.since}); a study journal is written by one process at a time. ${hint}`,
        );
      case 'contended':
        throw new ConfigError(`${journalPath}: the lock ${path} keeps changing hands. ${hint}`);
    }
  };
  let lock;
  try {
    lock = await acquireLockFile(where, path, {
      temporaryPath: () => `${path}.${process.pid}.${randomUUID()}.tmp`,
      refuse,
      mode: 0o644,
    });
  } catch (error) {
    if (DeeptuneError.isInstance(error)) throw error; // a refusal, or a lock file that is not a file
    throw new ConfigError(
      `${where}: cannot create the lock file ${path}: ${(error as Error).message}. Hint: the directory must exist and be writable.`,
      { cause: error },
    );
  }
  const owner = lock.tookOverFrom;
  return {
    path,
    notes:
      owner === undefined
        ? []
        : [
            `took over the lock of process ${owner.pid} (since ${owner.since}), which is no longer running`,
          ],
    release: () => lock.release(),
  };
}

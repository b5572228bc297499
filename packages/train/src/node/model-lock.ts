import { link, open, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@deeptune/core';
import { readRegularFile } from '@deeptune/data/node';
import { isProcessAlive, type ModelLayout } from './model-layout.js';

/** The largest lock file accepted (a pid, a host name and a time). */
const MAX_LOCK_BYTES = 4096;

/** What a lock file holds. */
interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

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

function hasCode(error: unknown, ...codes: string[]): boolean {
  return codes.includes((error as NodeJS.ErrnoException | undefined)?.code ?? '');
}

/** The lock file's content, or `undefined` when it does not exist. */
async function readLock(where: string, path: string): Promise<string | undefined> {
  try {
    const bytes = await readRegularFile(where, path, {
      maxBytes: MAX_LOCK_BYTES,
      what: 'the lock file',
    });
    return new TextDecoder().decode(bytes);
  } catch (error) {
    if (hasCode((error as Error).cause, 'ENOENT')) return undefined;
    throw error;
  }
}

function parseOwner(content: string): LockOwner | undefined {
  try {
    const value = JSON.parse(content) as Partial<LockOwner> | null;
    if (
      typeof value === 'object' &&
      value !== null &&
      Number.isSafeInteger(value.pid) &&
      typeof value.host === 'string' &&
      typeof value.since === 'string'
    ) {
      return value as LockOwner;
    }
  } catch {
    // not a lock written by this code
  }
  return undefined;
}

/**
 * Creates the lock file with its full content in one step: the content goes to a private
 * file first, which is then hard-linked to the lock's name (`link` fails if the name
 * exists), so no one ever sees a lock without its owner. Returns false when the lock exists.
 */
async function create(layout: ModelLayout, path: string, content: string): Promise<boolean> {
  const temporary = join(layout.parent, layout.newLockTemporary());
  await writeFile(temporary, content, { flag: 'wx' });
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    if (hasCode(error, 'EEXIST')) return false;
    if (!hasCode(error, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS')) throw error;
    // A file system without hard links: create the lock exclusively and write it.
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(content);
      } finally {
        await handle.close();
      }
      return true;
    } catch (inner) {
      if (hasCode(inner, 'EEXIST')) return false;
      throw inner;
    }
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/**
 * Takes the lock of a save to `layout.target`: an exclusive lock file next to it holding the
 * pid, host and start time of the saver. A lock left by a process that is gone (killed
 * during a save) is taken over; a lock of a running process, of another host or of unknown
 * content makes this save fail.
 *
 * @throws {@link @deeptune/core!ConfigError} when another save holds the lock.
 * @internal
 */
export async function acquireModelLock(where: string, layout: ModelLayout): Promise<ModelLock> {
  const path = join(layout.parent, layout.lockName);
  const mine = JSON.stringify({
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
  } satisfies LockOwner);
  const busy = (why: string): never => {
    throw new ConfigError(
      `${where}: cannot save to ${layout.target}: ${why}. Hint: wait for that save to finish; if no save to this path is running, remove ${path}.`,
    );
  };
  for (let attempt = 0; attempt < 8; attempt++) {
    if (await create(layout, path, mine)) {
      return {
        verify: async () => {
          if ((await readLock(where, path)) !== mine) {
            throw new ConfigError(
              `${where}: lost the lock ${path} of the save to ${layout.target} to another process; the model was not replaced. Hint: do not save to one path from two processes at once.`,
            );
          }
        },
        release: async () => {
          if ((await readLock(where, path).catch(() => undefined)) === mine) {
            await unlink(path).catch(() => undefined);
          }
        },
      };
    }
    const content = await readLock(where, path);
    if (content === undefined) continue; // released meanwhile: try again
    const owner = parseOwner(content);
    if (owner === undefined) busy(`the lock file ${path} exists and does not name its owner`);
    if (owner!.host !== hostname()) {
      busy(
        `another save (pid ${owner!.pid} on host ${owner!.host}, since ${owner!.since}) holds the lock ${path}`,
      );
    }
    if (isProcessAlive(owner!.pid)) {
      busy(`another save (pid ${owner!.pid}, since ${owner!.since}) is writing it`);
    }
    // The owner is gone: move its lock aside (one taker wins the rename), check that what
    // was moved is the stale lock, and try again.
    const moved = join(layout.parent, layout.newLockTemporary());
    try {
      await rename(path, moved);
    } catch (error) {
      if (hasCode(error, 'ENOENT')) continue;
      throw error;
    }
    const taken = await readLock(where, moved);
    if (taken !== content) {
      // A live lock created after we read the stale one: put it back (link never replaces).
      await link(moved, path).catch(() => undefined);
    }
    await unlink(moved).catch(() => undefined);
  }
  return busy(`the lock ${path} keeps changing hands`);
}

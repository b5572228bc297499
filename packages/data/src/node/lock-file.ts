import { link, open, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { readRegularFile } from './read-regular-file.js';

/** The largest lock file accepted (a pid, a host name and a time). */
const MAX_LOCK_BYTES = 4096;

/**
 * Who holds a lock file: the process, its host and since when.
 *
 * @category Files
 */
export interface LockOwner {
  /** The process id. */
  readonly pid: number;
  /** The host name. */
  readonly host: string;
  /** When it took the lock (ISO 8601). */
  readonly since: string;
}

/**
 * Why a lock file cannot be taken: its owner is unknown (the file does not name one), on
 * another host (whose processes this host cannot see), alive, or the lock keeps changing
 * hands.
 *
 * @category Files
 */
export type LockRefusal =
  | {
      /** The lock file does not name its owner. */
      readonly reason: 'unknown-owner';
      /** What it holds. */
      readonly content: string;
    }
  | {
      /** Its owner runs on another host, whose processes this host cannot see. */
      readonly reason: 'other-host';
      /** The owner. */
      readonly owner: LockOwner;
    }
  | {
      /** Its owner is a running process. */
      readonly reason: 'alive';
      /** The owner. */
      readonly owner: LockOwner;
    }
  | {
      /** It kept changing hands while this process tried to take it. */
      readonly reason: 'contended';
    };

/**
 * How {@link acquireLockFile} names its private files and words its refusals.
 *
 * @category Files
 */
export interface AcquireLockFileOptions {
  /** A fresh private path next to the lock, for writing it and for moving a stale one aside. */
  readonly temporaryPath: () => string;
  /** Throws the caller's error for a lock that cannot be taken. */
  readonly refuse: (refusal: LockRefusal) => never;
  /** The mode of the lock file. @defaultValue 0o666 less the umask, as `writeFile` creates */
  readonly mode?: number;
}

/**
 * A lock file held by this process.
 *
 * @category Files
 */
export interface HeldLockFile {
  /** The lock file. */
  readonly path: string;
  /** The owner of a stale lock that was taken over, if one was. */
  readonly tookOverFrom: LockOwner | undefined;
  /** Whether the lock file still holds this lock. */
  isHeld(): Promise<boolean>;
  /** Removes the lock file if it still holds this lock. */
  release(): Promise<void>;
}

function hasCode(error: unknown, ...codes: string[]): boolean {
  return codes.includes((error as NodeJS.ErrnoException | undefined)?.code ?? '');
}

/**
 * Whether a process with this pid runs on this host (`EPERM`: it runs as another user).
 *
 * @category Files
 *
 * @example
 * ```ts
 * isProcessAlive(process.pid); // true
 * ```
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return hasCode(error, 'EPERM');
  }
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
async function create(
  path: string,
  temporary: string,
  content: string,
  mode: number | undefined,
): Promise<boolean> {
  await writeFile(temporary, content, mode === undefined ? { flag: 'wx' } : { flag: 'wx', mode });
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    if (hasCode(error, 'EEXIST')) return false;
    if (!hasCode(error, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS')) throw error;
    // A file system without hard links: create the lock exclusively and write it.
    try {
      const handle = await open(path, 'wx', mode);
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
 * Takes an exclusive lock file holding this process's pid, host and start time, created
 * atomically (no one ever sees a lock without its owner). A lock whose process is gone
 * (killed with `kill -9`, a power cut) is taken over; a lock of a live process, of another
 * host or without a readable owner is refused through `options.refuse`. Used by model saves
 * (`@deeptune/train/node`) and study journals (`@deeptune/tune/node`).
 *
 * @param where - the operation, for messages of the file checks.
 * @param path - the lock file.
 * @throws whatever `options.refuse` throws; the file system's error when the lock file cannot
 * be created (a missing or read-only directory).
 * @category Files
 *
 * @example
 * ```ts
 * const lock = await acquireLockFile('saveModel', 'models/mnist.lock', {
 *   temporaryPath: () => `models/mnist.lock.${process.pid}.${Date.now()}.tmp`,
 *   refuse: (refusal) => {
 *     throw new Error(`models/mnist is busy: ${refusal.reason}`);
 *   },
 * });
 * try {
 *   // … write the model …
 * } finally {
 *   await lock.release();
 * }
 * ```
 */
export async function acquireLockFile(
  where: string,
  path: string,
  options: AcquireLockFileOptions,
): Promise<HeldLockFile> {
  const host = hostname();
  const { mode } = options;
  const mine = JSON.stringify({
    pid: process.pid,
    host,
    since: new Date().toISOString(),
  } satisfies LockOwner);
  let tookOverFrom: LockOwner | undefined;
  for (let attempt = 0; attempt < 8; attempt++) {
    if (await create(path, options.temporaryPath(), mine, mode)) {
      const isHeld = async (): Promise<boolean> => (await readLock(where, path)) === mine;
      return {
        path,
        tookOverFrom,
        isHeld,
        release: async () => {
          if (await isHeld().catch(() => false)) await unlink(path).catch(() => undefined);
        },
      };
    }
    const content = await readLock(where, path);
    if (content === undefined) continue; // released meanwhile: try again
    const owner = parseOwner(content);
    if (owner === undefined) return options.refuse({ reason: 'unknown-owner', content });
    if (owner.host !== host) return options.refuse({ reason: 'other-host', owner });
    if (isProcessAlive(owner.pid)) return options.refuse({ reason: 'alive', owner });
    // The owner is gone: move its lock aside (one taker wins the rename), check that what
    // was moved is the stale lock, and try again.
    const moved = options.temporaryPath();
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
    } else {
      tookOverFrom = owner;
    }
    await unlink(moved).catch(() => undefined);
  }
  return options.refuse({ reason: 'contended' });
}

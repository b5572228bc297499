import { randomUUID } from 'node:crypto';
import { link, open, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { ConfigError } from '@deeptune/core';
import { readRegularFile } from '@deeptune/data/node';

/** The largest lock file accepted (a pid, a host name and a time). */
const MAX_LOCK_BYTES = 4096;

/** What a lock file holds. */
interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

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

function hasCode(error: unknown, ...codes: string[]): boolean {
  return codes.includes((error as NodeJS.ErrnoException | undefined)?.code ?? '');
}

/**
 * Whether a process with this pid runs on this host (`EPERM`: it runs as another user).
 * @internal
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

/** A private name next to the lock, for writing or moving it aside. */
function temporaryName(lockPath: string): string {
  return `${lockPath}.${process.pid}.${randomUUID()}.tmp`;
}

/**
 * Creates the lock file with its full content in one step: the content goes to a private
 * file first, which is then hard-linked to the lock's name (`link` fails if the name
 * exists), so no one ever sees a lock without its owner. Returns false when the lock exists.
 */
async function create(path: string, content: string): Promise<boolean> {
  const temporary = temporaryName(path);
  await writeFile(temporary, content, { flag: 'wx', mode: 0o644 });
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    if (hasCode(error, 'EEXIST')) return false;
    if (!hasCode(error, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS')) throw error;
    // A file system without hard links: create the lock exclusively and write it.
    try {
      const handle = await open(path, 'wx', 0o644);
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
 * Takes the lock of the journal `journalPath`: the file `<journalPath>.lock`, created
 * atomically with the pid, host and start time of this process. A lock whose process is gone
 * (killed with `kill -9`, a power cut) is taken over; a lock of a live process, of another
 * host or with unknown content is refused.
 *
 * @throws {@link @deeptune/core!ConfigError} `<path> is in use by process <pid> …` when
 * another live process holds the lock, or when the lock cannot be created.
 * @internal
 */
export async function acquireJournalLock(where: string, journalPath: string): Promise<JournalLock> {
  const path = `${journalPath}.lock`;
  const host = hostname();
  const mine = JSON.stringify({
    pid: process.pid,
    host,
    since: new Date().toISOString(),
  } satisfies LockOwner);
  const notes: string[] = [];
  const hint = `Hint: wait for that process to finish or stop it; if no process is running this study, remove ${path}.`;
  for (let attempt = 0; attempt < 8; attempt++) {
    let created: boolean;
    try {
      created = await create(path, mine);
    } catch (error) {
      throw new ConfigError(
        `${where}: cannot create the lock file ${path}: ${(error as Error).message}. Hint: the directory must exist and be writable.`,
        { cause: error },
      );
    }
    if (created) {
      return {
        path,
        notes,
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
    if (owner === undefined) {
      throw new ConfigError(
        `${journalPath} is locked: the lock file ${path} exists and does not name its owner (it holds ${JSON.stringify(content.slice(0, 80))}). ${hint}`,
      );
    }
    if (owner.host !== host) {
      throw new ConfigError(
        `${journalPath} is in use by process ${owner.pid} on host ${owner.host} (since ${owner.since}); this host cannot tell whether that process still runs. ${hint}`,
      );
    }
    if (isProcessAlive(owner.pid)) {
      throw new ConfigError(
        `${journalPath} is in use by process ${owner.pid}${owner.pid === process.pid ? ' (this process)' : ''} (since ${owner.since}); a study journal is written by one process at a time. ${hint}`,
      );
    }
    // The owner is gone: move its lock aside (one taker wins the rename), check that what
    // was moved is the stale lock, and try again.
    const moved = temporaryName(path);
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
      notes.push(
        `took over the lock of process ${owner.pid} (since ${owner.since}), which is no longer running`,
      );
    }
    await unlink(moved).catch(() => undefined);
  }
  throw new ConfigError(`${journalPath}: the lock ${path} keeps changing hands. ${hint}`);
}

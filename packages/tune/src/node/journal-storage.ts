import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError, DataFormatError } from '@deeptune/core';
import { checkEventAt, parseStudyEvent } from '../storage/parse-study-event.js';
import type { StudyEvent } from '../storage/study-event.js';
import type { StudyStorage } from '../storage/study-storage.js';
import { acquireJournalLock, type JournalLock } from './journal-lock.js';
import { checkMaxBytes, parseJournal, readJournalFile } from './read-journal.js';

/**
 * Options of {@link journalStorage}.
 *
 * @category Storage
 */
export interface JournalStorageOptions {
  /**
   * The largest journal loaded, in bytes; a larger file is refused before it is read.
   * @defaultValue 268435456 (256 MiB)
   */
  readonly maxBytes?: number;
}

/**
 * A {@link StudyStorage} in an append-only journal file, made by {@link journalStorage}.
 *
 * @category Storage
 */
export interface JournalStorage extends StudyStorage {
  /** The journal file. */
  readonly path: string;
  /**
   * Remarks from loading, for the user: a partial last record ignored, a stale lock taken
   * over. Empty before {@link StudyStorage.load}.
   */
  readonly notes: readonly string[];
}

/** What load() found, for the first append. */
interface Loaded {
  readonly lock: JournalLock;
  /** The file as loaded; `undefined` when it did not exist. */
  readonly file:
    | {
        readonly dev: number;
        readonly ino: number;
        readonly size: number;
        readonly completeLength: number;
        readonly missingNewline: boolean;
      }
    | undefined;
}

const encoder = new TextEncoder();

function hasCode(error: unknown, ...codes: string[]): boolean {
  return codes.includes((error as NodeJS.ErrnoException | undefined)?.code ?? '');
}

/** Flushes a directory entry just created (best effort: not every platform can). */
async function syncDirectory(path: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, constants.O_RDONLY);
    await handle.sync();
  } catch {
    // Windows and some file systems cannot open or flush a directory.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * A study storage in an append-only journal file (JSON Lines: one event per line), so that
 * a study survives a crash and resumes where it stopped. Node only.
 *
 * - {@link StudyStorage.load} takes the lock file `<path>.lock` (created atomically with
 *   this process's pid, host and start time). A lock held by a live process on this host is
 *   refused; a lock left by a process that is gone (e.g. killed with `kill -9`) is taken over
 *   (see {@link JournalStorage.notes}). A missing journal is a new study (no events);
 *   otherwise the path must be a regular file of at most `maxBytes` whose first line is a
 *   study header, and every line a valid event ({@link parseStudyEvent}). A last line
 *   without its newline that is not JSON is a record cut off by a crash: it is ignored and
 *   noted.
 * - {@link StudyStorage.append} writes one line through a file descriptor opened with
 *   `O_APPEND` and flushes it to disk (`fdatasync`) before it resolves. The file is created
 *   on the first append (exclusively, mode 0644) when it did not exist at load. Appends are
 *   written one at a time, whole and in call order, however many are pending. If load
 *   ignored a partial last record, the first append truncates the file to the end of the
 *   last complete record first: that record is debris of an interrupted write by this
 *   storage, never data. The first append also checks that the file is still the one
 *   loaded, with the size it had. After a failed append the storage accepts no more.
 * - {@link StudyStorage.close} waits for pending appends, closes the file and removes the
 *   lock if it is still this process's.
 *
 * Nothing else is ever deleted or overwritten: a file that is not a study journal is
 * refused before anything is written.
 *
 * @param path - the journal file, e.g. `runs/lr-search.jsonl`.
 * @param options - `maxBytes`.
 * @returns the storage; its `description` is `path`.
 * @throws {@link @deeptune/core!ConfigError} when `path` is empty or `maxBytes` is invalid;
 * from `load()` when another live process holds the lock; from `append()` after `close()`.
 * @throws {@link @deeptune/core!DataFormatError} from `load()` naming the path (and the
 * line) when it is not a regular file, is larger than `maxBytes`, is not a study journal,
 * or holds a damaged record.
 * @category Storage
 *
 * @example
 * ```ts
 * import { journalStorage } from '@deeptune/tune/node';
 *
 * const storage = journalStorage('runs/lr-search.jsonl');
 * const events = await storage.load(); // [] for a new study
 * for (const note of storage.notes) console.warn(note);
 * await storage.append(event); // on disk when this resolves
 * await storage.close();
 * ```
 */
export function journalStorage(path: string, options: JournalStorageOptions = {}): JournalStorage {
  if (typeof path !== 'string' || path.length === 0) {
    throw new ConfigError(
      `journalStorage: path must be a non-empty string, got ${JSON.stringify(path)}`,
    );
  }
  const maxBytes = checkMaxBytes('journalStorage', options.maxBytes);
  const where = 'journalStorage';
  const notes: string[] = [];
  /** The load in progress or done, so that close() can wait for it. */
  let loading: Promise<unknown> | undefined;
  let loaded: Loaded | undefined;
  let closing: Promise<void> | undefined;
  /** Events accepted so far (loaded and appended or queued). */
  let count = 0;
  /** The append handle, opened by the first append. */
  let handle: FileHandle | undefined;
  /** The file's length after the last flushed append. */
  let length = 0;
  /** Set when an append failed: every later append rejects with it. */
  let broken: Error | undefined;
  /** The appends in call order. */
  let chain: Promise<void> = Promise.resolve();

  async function openForAppend(state: Loaded): Promise<{ handle: FileHandle; prefix: string }> {
    const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_NONBLOCK;
    const { file } = state;
    if (file === undefined) {
      let created: FileHandle;
      try {
        created = await open(path, flags | constants.O_CREAT | constants.O_EXCL, 0o644);
      } catch (error) {
        if (hasCode(error, 'EEXIST')) {
          throw new ConfigError(
            `${path} was created by someone else after this study found no journal there; nothing was appended. Hint: do not let another program write to a study's journal.`,
            { cause: error },
          );
        }
        throw error;
      }
      await syncDirectory(dirname(path));
      length = 0;
      return { handle: created, prefix: '' };
    }
    const opened = await open(path, flags);
    try {
      const stats = await opened.stat();
      if (
        !stats.isFile() ||
        stats.dev !== file.dev ||
        stats.ino !== file.ino ||
        stats.size !== file.size
      ) {
        throw new DataFormatError(
          `${path} changed since it was loaded (${stats.isFile() && stats.dev === file.dev && stats.ino === file.ino ? `${file.size} bytes then, ${stats.size} now` : 'it was replaced'}); nothing was appended. Hint: do not let another program write to a study's journal while the study runs.`,
        );
      }
      if (file.completeLength < file.size) {
        // Debris of an interrupted append by this storage (load checked the file is ours).
        await opened.truncate(file.completeLength);
        await opened.datasync();
      }
      length = file.completeLength;
      return { handle: opened, prefix: file.missingNewline ? '\n' : '' };
    } catch (error) {
      await opened.close().catch(() => undefined);
      throw error;
    }
  }

  async function write(line: string): Promise<void> {
    if (broken !== undefined) throw broken;
    let prefix = '';
    try {
      if (handle === undefined) {
        const opened = await openForAppend(loaded!);
        handle = opened.handle;
        prefix = opened.prefix;
      }
      const bytes = encoder.encode(prefix + line);
      let written = 0;
      while (written < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
        written += bytesWritten;
      }
      await handle.datasync();
      length += bytes.length;
    } catch (error) {
      // Leave the file ending with its last complete record if we can, and refuse more.
      if (handle !== undefined) {
        await handle.truncate(length).catch(() => undefined);
        await handle.datasync().catch(() => undefined);
      }
      broken = new ConfigError(
        `${path}: an earlier append failed (${(error as Error).message}); this storage accepts no more events. Hint: load the study again to resume it.`,
        { cause: error },
      );
      throw error;
    }
  }

  async function load(): Promise<readonly StudyEvent[]> {
    // Refuse a file that is not a study journal before creating anything next to it (the
    // lock); the read under the lock below is the one that counts.
    const unlocked = await readJournalFile(where, path, maxBytes);
    if (unlocked !== undefined) parseJournal(unlocked.bytes, path);
    const lock = await acquireJournalLock(where, path);
    try {
      const file = await readJournalFile(where, path, maxBytes);
      if (file === undefined) {
        loaded = { lock, file: undefined };
        notes.push(...lock.notes);
        return Object.freeze([]);
      }
      const parsed = parseJournal(file.bytes, path);
      loaded = {
        lock,
        file: {
          dev: file.dev,
          ino: file.ino,
          size: file.bytes.length,
          completeLength: parsed.completeLength,
          missingNewline: parsed.missingNewline,
        },
      };
      notes.push(...lock.notes, ...parsed.notes);
      count = parsed.events.length;
      return parsed.events;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  return {
    description: path,
    path,
    get notes(): readonly string[] {
      return Object.freeze([...notes]);
    },

    load(): Promise<readonly StudyEvent[]> {
      if (closing !== undefined) {
        return Promise.reject(new ConfigError(`${where}: ${path}: load() after close()`));
      }
      if (loading !== undefined) {
        return Promise.reject(
          new ConfigError(`${where}: ${path}: load() was already called; a storage is loaded once`),
        );
      }
      const result = load();
      loading = result;
      return result;
    },

    append(event: StudyEvent): Promise<void> {
      try {
        if (closing !== undefined) {
          throw new ConfigError(`${path}: cannot append: the storage is closed`);
        }
        if (loaded === undefined) {
          throw new ConfigError(`${path}: cannot append before load() has finished`);
        }
        if (broken !== undefined) throw broken;
        const parsed = parseStudyEvent(event, `${path}: cannot append`);
        checkEventAt(parsed, count, `${path}: cannot append`);
        count += 1;
        const line = `${JSON.stringify(parsed)}\n`;
        const result = chain.then(() => write(line));
        chain = result.catch(() => undefined);
        return result;
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },

    close(): Promise<void> {
      closing ??= (async () => {
        // A load in progress takes the lock: let it finish, so that the lock is released.
        await loading?.catch(() => undefined);
        await chain;
        try {
          await handle?.close();
        } finally {
          handle = undefined;
          await loaded?.lock.release();
        }
      })();
      return closing;
    },
  };
}

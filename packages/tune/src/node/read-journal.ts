import { ConfigError, DataFormatError, describeValue } from '@deeptune/core';
import { openRegularFile } from '@deeptune/data/node';
import { checkEventAt, parseStudyEvent } from '../storage/parse-study-event.js';
import type { StudyEvent } from '../storage/study-event.js';
import { STUDY_FORMAT } from '../storage/study-event.js';

/**
 * The largest journal read by default: 256 MiB.
 * @internal
 */
export const DEFAULT_MAX_JOURNAL_BYTES = 256 * 1024 * 1024;

/**
 * Options of {@link readJournal}.
 *
 * @category Storage
 */
export interface ReadJournalOptions {
  /**
   * The largest journal accepted, in bytes; a larger file is refused before it is read.
   * @defaultValue 268435456 (256 MiB)
   */
  readonly maxBytes?: number;
}

/**
 * What {@link readJournal} found in a journal file.
 *
 * @category Storage
 */
export interface JournalContents {
  /** The events of every complete record, in order. */
  readonly events: readonly StudyEvent[];
  /** Whether the file ends with a partial record (an interrupted write) that was ignored. */
  readonly ignoredPartialRecord: boolean;
  /** The size of that partial record in bytes (0 when there is none). */
  readonly partialRecordBytes: number;
  /** Remarks for the user, e.g. `ignored a partial last record (37 bytes) left by …`. */
  readonly notes: readonly string[];
}

/**
 * A parsed journal, with what an appender needs to continue it.
 * @internal
 */
export interface ParsedJournal extends JournalContents {
  /** Where the last complete record ends (after its newline, if it has one). */
  readonly completeLength: number;
  /** Whether the last complete record lacks its newline (a write cut just before it). */
  readonly missingNewline: boolean;
}

/**
 * A journal file's bytes, or `undefined` when it does not exist.
 * @internal
 */
export interface JournalFile {
  readonly bytes: Uint8Array;
  readonly dev: number;
  readonly ino: number;
}

const encoder = new TextEncoder();

/** How every journal starts: `JSON.stringify` of a header writes these fields first. */
const JOURNAL_START = encoder.encode(`{"type":"study","format":"${STUDY_FORMAT}"`);

/** Whether `a` and `b` agree on their common length (one is a prefix of the other). */
function prefixCompatible(a: Uint8Array, b: Uint8Array): boolean {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/**
 * Checks that `maxBytes` is an integer ≥ 0 and returns it (the default when absent).
 * @internal
 */
export function checkMaxBytes(where: string, maxBytes: unknown): number {
  if (maxBytes === undefined) return DEFAULT_MAX_JOURNAL_BYTES;
  if (typeof maxBytes !== 'number' || !Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw new ConfigError(
      `${where}: maxBytes must be an integer ≥ 0, got ${describeValue(maxBytes, { withType: true })}`,
    );
  }
  return maxBytes;
}

/**
 * Reads a journal file through the checks of `openRegularFile` (a regular file of at most
 * `maxBytes`), up to the size it had when opened (a running study may append meanwhile).
 * @internal
 */
export async function readJournalFile(
  where: string,
  path: string,
  maxBytes: number,
): Promise<JournalFile | undefined> {
  let opened;
  try {
    opened = await openRegularFile(where, path, { maxBytes, what: 'the study journal' });
  } catch (error) {
    const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code;
    if (ConfigError.isInstance(error) && code === 'ENOENT') return undefined;
    throw error;
  }
  const { handle, size } = opened;
  try {
    const stats = await handle.stat();
    const bytes = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(bytes, filled, size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled !== size) {
      throw new DataFormatError(
        `${where}: the study journal '${path}' shrank while it was read (${size} bytes announced, ${filled} read). Hint: is another process rewriting it?`,
      );
    }
    return { bytes, dev: stats.dev, ino: stats.ino };
  } catch (error) {
    if (DataFormatError.isInstance(error)) throw error;
    throw new DataFormatError(
      `${where}: cannot read the study journal '${path}': ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    await handle.close();
  }
}

function notJournal(path: string, why: string): DataFormatError {
  return new DataFormatError(
    `${path} is not a deeptune study journal: ${why}. Hint: choose another path for the study; deeptune never writes into a file it did not create.`,
  );
}

function damaged(path: string, line: number, why: string): DataFormatError {
  return new DataFormatError(
    `${path} line ${line}: ${why}. Hint: deeptune only appends whole lines, so the file was edited or damaged; repair or remove that line (keep a copy) to resume the study.`,
  );
}

/**
 * Parses a journal's bytes: one JSON study event per line, the first the study header. A
 * last line without its newline that is not JSON is a record cut off by a crash and is
 * ignored (on line 1 only if it can be the start of a header, so a foreign file is never
 * taken for debris); every other bad line is an error.
 *
 * @throws {@link @deeptune/core!DataFormatError} naming the path and the line.
 * @internal
 */
export function parseJournal(bytes: Uint8Array, path: string): ParsedJournal {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const events: StudyEvent[] = [];
  const notes: string[] = [];
  let position = 0;
  let line = 1;
  let completeLength = 0;
  let missingNewline = false;
  let partialRecordBytes = 0;
  while (position < bytes.length) {
    const newline = bytes.indexOf(0x0a, position);
    const terminated = newline !== -1;
    const end = terminated ? newline : bytes.length;
    const record = bytes.subarray(position, end);
    let text: string | undefined;
    let value: unknown;
    let problem: string | undefined;
    try {
      text = decoder.decode(record);
    } catch {
      problem = 'not valid UTF-8 text';
    }
    if (text !== undefined) {
      if (text.trim() === '') {
        problem = 'an empty line';
      } else {
        try {
          value = JSON.parse(text);
        } catch (error) {
          problem = `not valid JSON (${(error as Error).message})`;
        }
      }
    }
    if (
      problem !== undefined &&
      !terminated &&
      (line > 1 || prefixCompatible(record, JOURNAL_START))
    ) {
      partialRecordBytes = record.length;
      notes.push(
        `ignored a partial last record (${record.length} bytes, line ${line}) left by an interrupted write`,
      );
      break;
    }
    if (line === 1) {
      if (problem !== undefined) throw notJournal(path, `line 1 is ${problem}`);
      const format =
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? (value as Record<string, unknown>).format
          : undefined;
      if (format !== STUDY_FORMAT) {
        throw notJournal(
          path,
          `its first line should be a '${STUDY_FORMAT}' study header, got ${describeValue(value)}`,
        );
      }
    } else if (problem !== undefined) {
      throw damaged(path, line, `is ${problem}`);
    }
    const event = parseStudyEvent(value, `${path} line ${line}`);
    checkEventAt(event, line - 1, path, 'line');
    events.push(event);
    position = terminated ? end + 1 : end;
    completeLength = position;
    missingNewline = !terminated;
    line += 1;
  }
  return {
    events: Object.freeze(events),
    ignoredPartialRecord: partialRecordBytes > 0,
    partialRecordBytes,
    notes: Object.freeze(notes),
    completeLength,
    missingNewline,
  };
}

/**
 * Reads a study journal for a report, without taking its lock and without changing it: a
 * study may be running and appending meanwhile (what it appends after the file was opened is
 * not read; its record being written may show as an ignored partial record). The file must
 * be a regular file of at most `maxBytes`.
 *
 * @param path - the journal file.
 * @param options - `maxBytes`.
 * @returns the events, and whether a partial last record was ignored.
 * @throws {@link @deeptune/core!ConfigError} when the file does not exist or `maxBytes` is
 * invalid.
 * @throws {@link @deeptune/core!DataFormatError} naming the path (and the line) when it is
 * not a regular file, is too large, is not a study journal or has a damaged record.
 * @category Storage
 *
 * @example
 * ```ts
 * import { readJournal } from '@deeptune/tune/node';
 *
 * const { events, notes } = await readJournal('runs/lr-search.jsonl');
 * console.log(`${events.length} events`, ...notes);
 * ```
 */
export async function readJournal(
  path: string,
  options: ReadJournalOptions = {},
): Promise<JournalContents> {
  const maxBytes = checkMaxBytes('readJournal', options.maxBytes);
  const file = await readJournalFile('readJournal', path, maxBytes);
  if (file === undefined) {
    throw new ConfigError(`readJournal: there is no study journal '${path}': no such file.`);
  }
  const { events, ignoredPartialRecord, partialRecordBytes, notes } = parseJournal(
    file.bytes,
    path,
  );
  return Object.freeze({ events, ignoredPartialRecord, partialRecordBytes, notes });
}

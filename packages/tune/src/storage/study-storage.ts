import type { StudyEvent } from './study-event.js';

/**
 * Where a study keeps its events: an in-memory list, an append-only journal file
 * (`@deeptune/tune/node`), or a database. Only the process that runs the study writes to
 * it, one event at a time and in order.
 *
 * @category Storage
 */
export interface StudyStorage {
  /** What to name in messages, e.g. the journal file's path. */
  readonly description: string;
  /**
   * Opens the storage for this process and returns every event it holds, in order (none for
   * a new study). Called once, before any {@link StudyStorage.append}.
   *
   * @throws {@link @deeptune/core!DataFormatError} naming the storage and the record when
   * the content is not a study's events; {@link @deeptune/core!ConfigError} when another
   * live process has it open.
   */
  load(): Promise<readonly StudyEvent[]>;
  /** Appends one event durably (a journal file is flushed to disk before this resolves). */
  append(event: StudyEvent): Promise<void>;
  /** Releases the storage (a journal's lock). Appending afterwards is an error. */
  close(): Promise<void>;
}

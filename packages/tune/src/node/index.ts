/**
 * The Node-only part of `@deeptune/tune`: the journal file storage. A study kept in a
 * journal (one JSON event per line, each flushed to disk as it is written) survives a crash
 * and resumes where it stopped; a lock file next to it keeps a second process out.
 *
 * ```ts
 * import { journalStorage, readJournal } from '@deeptune/tune/node';
 *
 * const storage = journalStorage('runs/lr-search.jsonl');
 * const events = await storage.load(); // [] for a new study; takes runs/lr-search.jsonl.lock
 * await storage.append(event); // on disk when this resolves
 * await storage.close(); // releases the lock
 *
 * // A report, without the lock, while the study may still run:
 * const { events: sofar } = await readJournal('runs/lr-search.jsonl');
 * ```
 *
 * @packageDocumentation
 */
export { journalStorage } from './journal-storage.js';
export type { JournalStorage, JournalStorageOptions } from './journal-storage.js';
export { readJournal } from './read-journal.js';
export type { JournalContents, ReadJournalOptions } from './read-journal.js';

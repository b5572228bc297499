import { ConfigError } from '@deeptune/core';
import { checkEventAt, parseStudyEvent } from './parse-study-event.js';
import type { StudyEvent } from './study-event.js';
import type { StudyStorage } from './study-storage.js';

/**
 * A {@link StudyStorage} that keeps its events in memory, with the events for inspection.
 *
 * @category Storage
 */
export interface MemoryStorage extends StudyStorage {
  /** Every event held, in order (a frozen snapshot). */
  readonly events: readonly StudyEvent[];
}

/**
 * A study storage in memory, for tests, the browser and studies that need not survive the
 * process. It checks events as a journal does: the initial events and every appended one
 * go through {@link parseStudyEvent} and {@link checkEventOrder}, so what a memory study
 * accepts a journal accepts too. Browser-safe.
 *
 * @param events - events to start from (e.g. a study to resume).
 * @throws {@link @deeptune/core!DataFormatError} when an initial event is invalid or out of
 * order.
 * @category Storage
 *
 * @example
 * ```ts
 * const storage = memoryStorage();
 * await storage.load(); // []
 * await storage.append(header);
 * storage.events; // [header]
 * ```
 */
export function memoryStorage(events: readonly StudyEvent[] = []): MemoryStorage {
  const description = 'memory storage';
  const held = events.map((event, index) => {
    const parsed = parseStudyEvent(event, `${description} record ${index + 1}`);
    checkEventAt(parsed, index, description);
    return parsed;
  });
  let loaded = false;
  let closed = false;
  return {
    description,
    get events(): readonly StudyEvent[] {
      return Object.freeze([...held]);
    },
    load(): Promise<readonly StudyEvent[]> {
      if (closed) return Promise.reject(new ConfigError(`${description}: load() after close()`));
      if (loaded) {
        return Promise.reject(
          new ConfigError(`${description}: load() was already called; a storage is loaded once`),
        );
      }
      loaded = true;
      return Promise.resolve(Object.freeze([...held]));
    },
    append(event: StudyEvent): Promise<void> {
      try {
        if (closed) throw new ConfigError(`${description}: cannot append: the storage is closed`);
        if (!loaded) {
          throw new ConfigError(`${description}: cannot append before load()`);
        }
        const parsed = parseStudyEvent(event, `${description}: cannot append`);
        checkEventAt(parsed, held.length, description);
        held.push(parsed);
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },
    close(): Promise<void> {
      closed = true;
      return Promise.resolve();
    },
  };
}

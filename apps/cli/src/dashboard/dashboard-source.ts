import { resolve } from 'node:path';
import {
  DataFormatError,
  replayStudy,
  type Registry,
  type StudyHeaderEvent,
  type TrialRecord,
} from 'deeptune';
import { readJournal } from 'deeptune/node';
import {
  PostgresTrialStore,
  SharedStudy,
  redactPostgresUrl,
  storedTrialRecord,
  type StoredTrial,
} from 'deeptune/postgres';

/** A study as the dashboard shows it at one moment. */
export interface DashboardSnapshot {
  readonly header: StudyHeaderEvent;
  readonly trials: readonly TrialRecord[];
  /**
   * Which worker holds or held each trial, its attempt, heartbeat and lost attempts: from a
   * shared storage only (a journal file has one writer).
   */
  readonly activity: readonly StoredTrial[] | undefined;
  /** When it was read. */
  readonly at: Date;
}

/** Where the dashboard reads a study from, again at every refresh. */
export interface DashboardSource {
  /** The storage for messages (a URL's password hidden). */
  readonly description: string;
  /** Reads the study as it is now. */
  read(): Promise<DashboardSnapshot>;
  /** Releases the connections. */
  close(): Promise<void>;
}

/** A study in a journal file, read whole at every refresh (the file is size-checked first). */
export function journalSource(path: string, cwd: string): DashboardSource {
  const absolute = resolve(cwd, path);
  return {
    description: path,
    async read() {
      const journal = await readJournal(absolute);
      const { header, trials } = replayStudy(journal.events, path);
      if (header === undefined) throw new DataFormatError(`${path} holds no study yet`);
      return { header, trials, activity: undefined, at: new Date() };
    },
    async close() {
      // Nothing is held open between reads.
    },
  };
}

/** The study `name` of a PostgreSQL storage (it must exist when the dashboard starts). */
export async function postgresSource(
  url: string,
  name: string,
  schema: string | undefined,
  registry: Registry,
): Promise<DashboardSource> {
  const store = await PostgresTrialStore.open(url, {
    ...(schema === undefined ? {} : { schema }),
    maxConnections: 2,
  });
  try {
    const study = await SharedStudy.join(store, name, { registry });
    return {
      description: `${redactPostgresUrl(url)} (schema ${store.schema})`,
      async read() {
        const activity = await study.storedTrials();
        const trials = activity.map(storedTrialRecord);
        return { header: study.header, trials, activity, at: new Date() };
      },
      async close() {
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

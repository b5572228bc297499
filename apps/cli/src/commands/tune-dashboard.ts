import { isPostgresUrl } from 'deeptune/postgres';
import type { Flag } from '../args/flag.js';
import { UsageError } from '../cli-error.js';
import type { CommandContext } from '../command.js';
import { DashboardServer, isLoopbackAddress } from '../dashboard/dashboard-server.js';
import {
  journalSource,
  postgresSource,
  type DashboardSource,
} from '../dashboard/dashboard-source.js';
import { storageOf } from './tune-storage.js';

/** The flags of `deeptune tune dashboard`. */
export const DASHBOARD_FLAGS: readonly Flag[] = [
  {
    name: 'port',
    type: 'integer',
    group: 'Dashboard',
    min: 0,
    max: 65535,
    default: 8765,
    configurable: false,
    description: 'With dashboard: the port to serve on (0: any free port)',
  },
  {
    name: 'host',
    type: 'string',
    group: 'Dashboard',
    valueName: '<address>',
    default: '127.0.0.1',
    configurable: false,
    description:
      'With dashboard: the address to listen on; the default serves this machine only (another address lets anyone who reaches it read the study)',
  },
  {
    name: 'refresh',
    type: 'number',
    group: 'Dashboard',
    valueName: '<seconds>',
    min: 0.2,
    max: 3600,
    default: 2,
    configurable: false,
    description: 'With dashboard: how often the page reads the study again',
  },
];

/** Flags `deeptune tune dashboard` takes. */
const DASHBOARD_OWN_FLAGS = new Set([
  'storage',
  'study',
  'schema',
  'port',
  'host',
  'refresh',
  'plugin',
]);

/** The study to show, from the storage's kind. */
async function openSource(context: CommandContext, storage: string): Promise<DashboardSource> {
  const { values, explicit, registry, io } = context;
  if (isPostgresUrl(storage)) {
    if (!explicit.has('study')) {
      throw new UsageError(
        'deeptune tune dashboard: a postgres:// storage holds many studies; name one with --study <name>',
      );
    }
    return postgresSource(
      storage,
      values.get('study') as string,
      values.get('schema') as string | undefined,
      registry,
    );
  }
  for (const name of ['study', 'schema']) {
    if (explicit.has(name)) {
      throw new UsageError(
        `--${name} applies to a postgres:// storage; the journal file ${storage} holds one study`,
      );
    }
  }
  return journalSource(storage, io.cwd);
}

/**
 * `deeptune tune dashboard --storage <url|file>`: serves a page that shows the study live
 * (leaderboard, learning curves, objective against each hyperparameter, coarse-to-fine boxes,
 * workers), until Ctrl-C.
 */
export async function runTuneDashboard(context: CommandContext): Promise<number> {
  const { io, values, positionals } = context;
  if (positionals.length > 1) {
    throw new UsageError(
      `deeptune tune dashboard: unexpected argument '${positionals[1]}'; the storage is given with --storage`,
    );
  }
  for (const name of context.explicit) {
    if (!DASHBOARD_OWN_FLAGS.has(name)) {
      throw new UsageError(`--${name} does not apply to deeptune tune dashboard`);
    }
  }
  const storage = storageOf(context);
  if (storage === undefined) {
    throw new UsageError(
      'deeptune tune dashboard: missing --storage <file.jsonl|postgres://…> (or the environment variable DEEPTUNE_STORAGE), the study to show',
    );
  }
  const source = await openSource(context, storage);
  try {
    const first = await source.read(); // a study that cannot be read fails here, not in the page
    const host = values.get('host') as string;
    const port = values.get('port') as number;
    const server = new DashboardServer(source, {
      host,
      port,
      refreshMs: Math.round((values.get('refresh') as number) * 1000),
    });
    let url: string;
    try {
      url = await server.listen();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'EADDRINUSE') {
        throw new Error(
          `deeptune tune dashboard: port ${port} of ${host} is in use; choose another with --port (0: any free port)`,
        );
      }
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') {
        throw new Error(
          `deeptune tune dashboard: cannot listen on ${host}:${port} (${String(code)})`,
        );
      }
      throw error;
    }
    const local = isLoopbackAddress(host);
    io.out(
      `dashboard of study '${first.header.name}' (${source.description}): ${url}\n` +
        `  read-only, refreshed every ${String(values.get('refresh'))} s${local ? '' : `; listening on ${host}: anyone who can reach it can read the study`}; Ctrl-C stops it\n`,
    );
    await new Promise<void>((resolve) => {
      const remove = io.onInterrupt(() => {
        remove();
        resolve();
      });
    });
    await server.close();
    io.out('dashboard stopped\n');
    return 0;
  } finally {
    await source.close();
  }
}

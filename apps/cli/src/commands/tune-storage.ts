import { PostgresTrialStore, isPostgresUrl, redactPostgresUrl } from 'deeptune/postgres';
import type { Flag } from '../args/flag.js';
import { UsageError } from '../cli-error.js';
import type { CommandContext } from '../command.js';

/** The flags of `deeptune tune storage …` (besides `--storage`). */
export const STORAGE_FLAGS: readonly Flag[] = [
  {
    name: 'schema',
    type: 'string',
    group: 'Storage',
    valueName: '<name>',
    configurable: false,
    defaultText: 'deeptune',
    description:
      'With a postgres:// storage: the PostgreSQL schema that holds its tables (lower-case letters, digits and _), so that one database can hold several storages',
  },
];

/**
 * The storage of a tune command: `--storage`, else the environment variable
 * `DEEPTUNE_STORAGE` when it is not empty (which keeps a URL, and its password, out of the
 * command line and the shell's history).
 */
export function storageOf(context: CommandContext): string | undefined {
  const given = context.values.get('storage') as string | undefined;
  if (given !== undefined) return given;
  const variable = context.io.env?.['DEEPTUNE_STORAGE'];
  return variable === undefined || variable === '' ? undefined : variable;
}

/** `deeptune tune storage upgrade --storage postgres://… [--schema name]`. */
export async function runTuneStorage(context: CommandContext): Promise<number> {
  const { io, positionals, values } = context;
  const action = positionals[1];
  if (action !== 'upgrade') {
    throw new UsageError(
      `deeptune tune storage: ${action === undefined ? 'missing action' : `unknown action '${action}'`}; the only one is 'upgrade' (deeptune tune storage upgrade --storage postgres://user@host:5432/db)`,
    );
  }
  if (positionals.length > 2) {
    throw new UsageError(
      `deeptune tune storage upgrade: unexpected argument '${positionals[2]}'; the storage is given with --storage`,
    );
  }
  const url = storageOf(context);
  if (url === undefined) {
    throw new UsageError(
      'deeptune tune storage upgrade: missing --storage postgres://user@host:5432/db (or the environment variable DEEPTUNE_STORAGE), the database to upgrade',
    );
  }
  if (!isPostgresUrl(url)) {
    throw new UsageError(
      `deeptune tune storage upgrade: --storage ${url} is not a postgres:// URL; a journal file has no schema to upgrade`,
    );
  }
  const schema = values.get('schema') as string | undefined;
  const { from, to } = await PostgresTrialStore.upgradeSchema(
    url,
    schema === undefined ? {} : { schema },
  );
  const where = `${redactPostgresUrl(url)} (schema ${schema ?? 'deeptune'})`;
  io.out(
    from === to
      ? `storage ${where}: already at schema version ${to}\n`
      : `storage ${where}: schema version ${from} → ${to}\n`,
  );
  return 0;
}

import { ConfigError } from '@deeptune/core';

/**
 * Where a PostgreSQL study storage lives: the connection URL, and the same URL with its
 * password replaced by `***`, the only form that is ever printed or logged.
 *
 * @category Storage
 */
export interface PostgresTarget {
  /** The URL as given, with the password: only for the driver. */
  readonly url: string;
  /** The URL with the password replaced by `***`, for messages. */
  readonly redacted: string;
  /** The database user. */
  readonly user: string;
  /** The host and port, e.g. `127.0.0.1:5432`. */
  readonly host: string;
  /** The database name. */
  readonly database: string;
}

/**
 * Whether `text` names a PostgreSQL storage (`postgres://…` or `postgresql://…`) rather than
 * a journal file.
 *
 * @category Storage
 *
 * @example
 * ```ts
 * isPostgresUrl('postgres://ann@db:5432/studies'); // true
 * isPostgresUrl('runs/lr-search.jsonl'); // false
 * ```
 */
export function isPostgresUrl(text: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(text);
}

/**
 * `text` with the password of a `scheme://user:password@host` URL replaced by `***`; any other
 * text unchanged. Use it on anything that may hold a connection URL before printing it.
 *
 * @category Storage
 *
 * @example
 * ```ts
 * redactPostgresUrl('postgres://ann:s3cret@db:5432/studies'); // 'postgres://ann:***@db:5432/studies'
 * ```
 */
export function redactPostgresUrl(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1***@');
}

/**
 * Checks a `postgres://user[:password]@host[:port]/database` URL (also `postgresql://`) and
 * returns it with its redacted form.
 *
 * @throws {@link @deeptune/core!ConfigError} naming the problem, with the password never
 * shown, when the URL is not one (no user, no host, no database, a bad port).
 *
 * @category Storage
 *
 * @example
 * ```ts
 * const target = parsePostgresUrl('postgres://postgres@127.0.0.1:5432/test');
 * target.redacted; // 'postgres://postgres@127.0.0.1:5432/test'
 * ```
 */
export function parsePostgresUrl(text: string): PostgresTarget {
  const redacted = redactPostgresUrl(text);
  const fail = (problem: string): never => {
    throw new ConfigError(
      `storage ${redacted}: ${problem}; expected postgres://user[:password]@host[:port]/database`,
    );
  };
  if (!isPostgresUrl(text)) fail('not a postgres:// URL');
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return fail('not a valid URL');
  }
  const user = decodeURIComponent(parsed.username);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (user === '') fail('no user');
  if (parsed.hostname === '') fail('no host');
  if (database === '' || database.includes('/')) fail('no database name');
  const port = parsed.port === '' ? 5432 : Number(parsed.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`port ${parsed.port}`);
  return {
    url: text,
    redacted,
    user,
    host: `${parsed.hostname}:${port}`,
    database,
  };
}

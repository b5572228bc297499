import pg from 'pg';

/** The project's machines run PostgreSQL here (trust authentication); CI too. */
export const URL =
  process.env['DEEPTUNE_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Schemas of one test file: each test takes fresh ones (`fresh()`), and `dropAll()` drops
 * every one of them at the end, so runs never see each other's data.
 */
export class TestSchemas {
  readonly admin = new pg.Pool({ connectionString: URL, max: 2 });
  readonly #prefix = `t${process.pid}_${Math.floor(Math.random() * 1e6)}_`;
  #count = 0;

  /** A new schema name (created by the first store that opens it). */
  fresh(): string {
    return `${this.#prefix}${this.#count++}`;
  }

  /** Runs one statement as the administrator. */
  sql(text: string, values: unknown[] = []): Promise<pg.QueryResult> {
    return this.admin.query(text, values);
  }

  /** Drops every schema this file made and closes the connections. */
  async dropAll(): Promise<void> {
    const result = await this.sql('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [
      `${this.#prefix}%`,
    ]);
    for (const row of result.rows as { nspname: string }[]) {
      await this.sql(`DROP SCHEMA "${row.nspname}" CASCADE`);
    }
    await this.admin.end();
  }
}

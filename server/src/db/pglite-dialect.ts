import type { PGlite } from '@electric-sql/pglite';
import { PostgresDialect } from 'kysely';

/**
 * Runs Kysely's PostgreSQL dialect on an embedded PGlite. PGlite has a single connection, so
 * connections are handed out one at a time: a transaction never interleaves with other queries.
 */
export function pgliteDialect(pglite: PGlite): PostgresDialect {
  let tail: Promise<void> = Promise.resolve();

  const connect = async () => {
    let release!: () => void;
    const previous = tail;
    tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return {
      async query(sql: string, parameters: readonly unknown[]) {
        const result = await pglite.query(sql, parameters as unknown[]);
        const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT';
        return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
      },
      release,
    };
  };

  // The pool interface Kysely's PostgresDriver needs: connect() and end().
  const pool = { connect, end: async () => undefined };
  return new PostgresDialect({ pool: pool as never });
}

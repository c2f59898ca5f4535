import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, sql, type Migration } from 'kysely';
import { Pool } from 'pg';
import type { Config } from '../config';
import * as programAndAccounts from './migrations/0001-program-and-accounts';
import * as accountsProgramInvitations from './migrations/0002-accounts-program-invitations';
import * as liveQa from './migrations/0003-live-qa';
import * as pollsAndChat from './migrations/0004-polls-and-chat';
import * as recordings from './migrations/0005-recordings';
import { pgliteDialect } from './pglite-dialect';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  /**
   * The same database for the live interaction (Q&A, polls, chat): on PostgreSQL its commits
   * return before their WAL reaches the disk (`synchronous_commit = off`), so a question is not
   * held up by a disk flush before everyone hears of it. A crash of PostgreSQL's host can lose the
   * last fraction of a second of such writes, never corrupt them; see docs/durability.md. Accounts,
   * the program, recordings and accreditation records use `db`.
   */
  interactionDb: Db;
  kind: 'postgres' | 'pglite';
  /** The PostgreSQL schema holding Rounds' tables (and Kysely's migration tables). */
  schema: string;
  /** Runs a trivial query; throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Migrations in order; never edit one that has landed, add the next. */
const migrations: Record<string, Migration> = {
  '0001-program-and-accounts': programAndAccounts,
  '0002-accounts-program-invitations': accountsProgramInvitations,
  '0003-live-qa': liveQa,
  '0004-polls-and-chat': pollsAndChat,
  '0005-recordings': recordings,
};

type DatabaseConfig = Pick<Config, 'DATABASE_URL' | 'DATABASE_SCHEMA' | 'DATA_DIR'>;

/** Opens PostgreSQL when DATABASE_URL is set, else PGlite under DATA_DIR (or in memory for `:memory:`). */
export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  const plugins = [new CamelCasePlugin()];
  if (config.DATABASE_URL) {
    const schema = config.DATABASE_SCHEMA;
    const connect = (settings: string) =>
      new Kysely<Database>({
        dialect: new PostgresDialect({ pool: new Pool({ connectionString: config.DATABASE_URL, max: 10, options: `-c search_path=${schema} ${settings}`.trim() }) }),
        plugins,
      });
    const db = connect('');
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    return handle(db, connect('-c synchronous_commit=off'), 'postgres', schema);
  }
  const dataDir = config.DATA_DIR === ':memory:' ? undefined : path.resolve(config.DATA_DIR, 'pglite');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir);
  const db = new Kysely<Database>({ dialect: pgliteDialect(pglite), plugins });
  // PGlite is one connection in this process: both handles are the same.
  return handle(db, db, 'pglite', 'public', () => pglite.close());
}

function handle(db: Db, interactionDb: Db, kind: DatabaseHandle['kind'], schema: string, closeExtra?: () => Promise<void>): DatabaseHandle {
  return {
    db,
    interactionDb,
    kind,
    schema,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: async () => {
      if (interactionDb !== db) await interactionDb.destroy();
      await db.destroy();
      await closeExtra?.();
    },
  };
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrate({ db, schema }: DatabaseHandle): Promise<string[]> {
  // Naming the schema keeps Kysely from finding another schema's migration tables on the search path.
  const migrator = new Migrator({ db, migrationTableSchema: schema, provider: { getMigrations: async () => migrations } });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
  return results.map((r) => r.migrationName);
}

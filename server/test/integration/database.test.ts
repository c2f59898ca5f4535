import { sql } from 'kysely';
import { loadConfig, type Config } from '../../src/config';
import { migrate, openDatabase, type DatabaseHandle, type Db } from '../../src/db/database';
import { demoAccounts, seedDemo } from '../../src/db/seed';
import { dropTestData, testDatabaseUrl, testRedisUrl, uniqueName } from '../helpers/test-platform';

interface Backend {
  name: string;
  /** `synchronous_commit` of `db` and of `interactionDb`. */
  commits: { db: string; interaction: string };
  open(): Promise<{ database: DatabaseHandle; cleanUp(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'PostgreSQL (own schema)',
    commits: { db: 'on', interaction: 'off' },
    async open() {
      const config: Config = loadConfig({
        DATABASE_URL: testDatabaseUrl,
        DATABASE_SCHEMA: uniqueName('schema'),
        REDIS_URL: testRedisUrl,
        REDIS_PREFIX: uniqueName('redis'),
      });
      const database = await openDatabase(config);
      return {
        database,
        cleanUp: async () => {
          await database.close();
          await dropTestData(config);
        },
      };
    },
  },
  {
    name: 'in-memory PGlite',
    // One connection in this process: the interaction handle is the same one.
    commits: { db: 'on', interaction: 'on' },
    async open() {
      const database = await openDatabase({ DATA_DIR: ':memory:', DATABASE_SCHEMA: 'public' });
      return { database, cleanUp: () => database.close() };
    },
  },
];

const expectedTables = [
  'auth_sessions',
  'recordings',
  'recording_parts',
  'replay_positions',
  'questions',
  'question_votes',
  'polls',
  'poll_options',
  'poll_ballots',
  'poll_choices',
  'chat_messages',
  'chat_mutes',
  'booths',
  'conference_members',
  'conferences',
  'invitations',
  'password_resets',
  'schedule_items',
  'session_people',
  'sessions',
  'stages',
  'tracks',
  'users',
];

async function tablesIn(db: Db, schema: string): Promise<string[]> {
  const { rows } = await sql<{ tableName: string }>`
    select table_name from information_schema.tables where table_schema = ${schema} order by table_name
  `.execute(db);
  return rows.map((r) => r.tableName);
}

async function count(db: Db, table: 'conferences' | 'users' | 'conferenceMembers' | 'stages' | 'sessions' | 'sessionPeople') {
  const { n } = await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

describe.each(backends)('database on $name', (backend) => {
  let database: DatabaseHandle;
  let cleanUp: () => Promise<void>;

  beforeAll(async () => {
    ({ database, cleanUp } = await backend.open());
  });
  afterAll(() => cleanUp());

  test('migrate on a fresh schema applies every migration and creates the tables and the migration bookkeeping in that schema', async () => {
    expect(await tablesIn(database.db, database.schema)).toEqual([]);
    expect(await migrate(database)).toEqual(['0001-program-and-accounts', '0002-accounts-program-invitations', '0003-live-qa', '0004-polls-and-chat', '0005-recordings']);
    const tables = await tablesIn(database.db, database.schema);
    expect(tables).toEqual(expect.arrayContaining(expectedTables));
    // Kysely's bookkeeping lives next to the tables, so another schema's history is never read.
    expect(tables).toEqual(expect.arrayContaining(['kysely_migration', 'kysely_migration_lock']));
  });

  test('a second migrate applies nothing', async () => {
    expect(await migrate(database)).toEqual([]);
  });

  test('seedDemo twice creates one conference with the demo accounts and faculty, and the second run changes nothing', async () => {
    const first = await seedDemo(database.db);
    const second = await seedDemo(database.db);
    expect(first.created).toBe(true);
    expect(second).toEqual({ conferenceId: first.conferenceId, created: false });
    expect(await count(database.db, 'conferences')).toBe(1);
    // Five demo accounts (one per role) and eight faculty speakers, each a member once.
    expect(await count(database.db, 'users')).toBe(13);
    expect(await count(database.db, 'conferenceMembers')).toBe(13);
    expect(await count(database.db, 'sessions')).toBe(21);
    expect(await count(database.db, 'sessionPeople')).toBe(47);
    const emails = await database.db.selectFrom('users').select('email').execute();
    expect(emails.map((u) => u.email)).toEqual(expect.arrayContaining(demoAccounts.map((a) => a.email)));
  });

  test('the interaction handle reads and writes the same tables, and only its commits skip waiting for the disk', async () => {
    const setting = async (db: Db) => (await sql<{ value: string }>`select current_setting('synchronous_commit') as value`.execute(db)).rows[0]!.value;
    expect({ db: await setting(database.db), interaction: await setting(database.interactionDb) }).toEqual(backend.commits);
    const { id: sessionId } = await database.db.selectFrom('sessions').select('id').executeTakeFirstOrThrow();
    const { id: authorId } = await database.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    const { id } = await database.interactionDb.insertInto('chatMessages').values({ sessionId, authorId, text: 'Seen at once' }).returning('id').executeTakeFirstOrThrow();
    // Committed without waiting for the disk, yet visible to every other connection at once.
    expect(await database.db.selectFrom('chatMessages').select('text').where('id', '=', id).executeTakeFirst()).toEqual({ text: 'Seen at once' });
  });

  test('the check constraint rejects a session that ends before, or when, it starts', async () => {
    const { conferenceId, stageId } = await database.db
      .selectFrom('sessions')
      .select(['conferenceId', 'stageId'])
      .executeTakeFirstOrThrow();
    const startsAt = new Date('2026-05-01T15:00:00Z');
    const insert = (endsAt: Date) =>
      database.db.insertInto('sessions').values({ conferenceId, stageId, title: 'Backwards', startsAt, endsAt }).execute();

    await expect(insert(new Date('2026-05-01T14:00:00Z'))).rejects.toThrow(/sessions_ends_after_start/);
    await expect(insert(startsAt)).rejects.toThrow(/sessions_ends_after_start/);
    expect(await count(database.db, 'sessions')).toBe(21);
    // The database still answers after a rejected statement.
    await expect(database.ping()).resolves.toBeUndefined();
  });
});

describe('PGlite transactions', () => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await openDatabase({ DATA_DIR: ':memory:', DATABASE_SCHEMA: 'public' });
    await sql`create table marks (owner text not null)`.execute(database.db);
  });
  afterEach(() => sql`truncate marks`.execute(database.db));
  afterAll(() => database.close());

  /** Inserts `rows` marks one statement at a time, so a second transaction has every chance to cut in. */
  async function insertMarks(tx: Db, owner: string, rows: number): Promise<void> {
    for (let i = 0; i < rows; i++) await sql`insert into marks (owner) values (${owner})`.execute(tx);
  }

  async function marksBy(db: Db): Promise<Record<string, number>> {
    const { rows } = await sql<{ owner: string; n: number }>`select owner, count(*)::int as n from marks group by owner`.execute(db);
    return Object.fromEntries(rows.map((r) => [r.owner, r.n]));
  }

  test('two concurrent transactions do not interleave on the single connection', async () => {
    const run = (owner: string) =>
      database.db.transaction().execute(async (tx) => {
        await insertMarks(tx, owner, 5);
        return marksBy(tx);
      });
    const [a, b] = await Promise.all([run('a'), run('b')]);
    // One ran wholly before the other: the first saw only its own rows, the second saw both, all committed.
    const [first, second] = a.b === undefined ? [a, b] : [b, a];
    expect(Object.values(first)).toEqual([5]);
    expect(second).toEqual({ a: 5, b: 5 });
    expect(await marksBy(database.db)).toEqual({ a: 5, b: 5 });
  });

  test('a rolled-back transaction takes only its own rows with it, not those of one running at the same time', async () => {
    const failing = database.db.transaction().execute(async (tx) => {
      await insertMarks(tx, 'rolled-back', 3);
      throw new Error('abandon this transaction');
    });
    const committing = database.db.transaction().execute((tx) => insertMarks(tx, 'kept', 3));
    const [failed, committed] = await Promise.allSettled([failing, committing]);
    expect(failed).toMatchObject({ status: 'rejected', reason: new Error('abandon this transaction') });
    expect(committed.status).toBe('fulfilled');
    expect(await marksBy(database.db)).toEqual({ kept: 3 });
  });

  test('a query outside any transaction waits for a running transaction instead of joining it', async () => {
    const transaction = database.db.transaction().execute(async (tx) => {
      await insertMarks(tx, 'inside', 2);
      throw new Error('roll back');
    });
    const outside = insertMarks(database.db, 'outside', 1);
    await expect(transaction).rejects.toThrow('roll back');
    await outside;
    expect(await marksBy(database.db)).toEqual({ outside: 1 });
  });
});

import { type Kysely, sql } from 'kysely';

/**
 * Issue 3: clinician profiles, the full program (tracks, session details, accreditation), booths for
 * exhibitor staff, invitations, password resets and personal schedules.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('credentials', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('specialty', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('licence_state', 'text')
    .addColumn('licence_number', 'text')
    .execute();

  await db.schema
    .alterTable('conferences')
    .addColumn('accrediting_provider', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('tracks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('conference_id', 'uuid', (c) => c.notNull().references('conferences.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('color', 'text', (c) => c.notNull().defaultTo('#0f4c5c'))
    .addUniqueConstraint('tracks_name_unique', ['conference_id', 'name'])
    .execute();

  await db.schema
    .alterTable('sessions')
    .addColumn('track_id', 'uuid', (c) => c.references('tracks.id').onDelete('set null'))
    .addColumn('abstract', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('learning_objectives', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('format', 'text', (c) => c.notNull().defaultTo('lecture').check(sql`format in ('lecture', 'case', 'panel', 'workshop')`))
    .addColumn('accredited', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('max_credits', 'numeric(5, 2)')
    .execute();
  await db.schema
    .alterTable('sessions')
    .addCheckConstraint('sessions_accredited_has_credits', sql`not accredited or (max_credits is not null and max_credits > 0)`)
    .execute();

  await db.schema
    .createTable('booths')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('conference_id', 'uuid', (c) => c.notNull().references('conferences.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable('conference_members')
    .addColumn('booth_id', 'uuid', (c) => c.references('booths.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('conference_id', 'uuid', (c) => c.notNull().references('conferences.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('organizer', 'moderator', 'speaker', 'exhibitor')`))
    .addColumn('booth_id', 'uuid', (c) => c.references('booths.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('invited_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('accepted_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('accepted_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('schedule_items')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('schedule_items_pk', ['user_id', 'session_id'])
    .execute();
}

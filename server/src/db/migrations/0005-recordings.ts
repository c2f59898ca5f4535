import { type Kysely, sql } from 'kysely';

/**
 * Issue 6: recordings of live sessions and uploaded talks, their parts, and where each viewer
 * stopped in a replay. A recording's asset is versioned (retry and trim bump `version`); `asset`
 * holds the TranscodeResult of the current version once ready.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('recordings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('live', 'upload')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('recording', 'queued', 'processing', 'ready', 'failed')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_reason', 'text')
    .addColumn('trim_start_sec', 'real')
    .addColumn('trim_end_sec', 'real')
    .addColumn('duration_sec', 'real')
    .addColumn('asset_prefix', 'text')
    .addColumn('asset', 'jsonb')
    .addColumn('captions_key', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('stopped_at', 'timestamptz')
    .addColumn('published_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('recordings_by_session').on('recordings').columns(['session_id', 'created_at']).execute();
  // At most one live capture per session at a time: nodes starting one together find the same row.
  await db.schema
    .createIndex('recordings_one_capturing')
    .on('recordings')
    .column('session_id')
    .unique()
    .where(sql.ref('status'), '=', 'recording')
    .execute();

  await db.schema
    .createTable('recording_parts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('recording_id', 'uuid', (c) => c.notNull().references('recordings.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('upload', 'camera', 'screen', 'microphone')`))
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('presenter_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    /** The server node capturing it (parts of a dead node are closed by the node that stops the recording). */
    .addColumn('node_id', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('ended_at', 'timestamptz')
    .addColumn('bytes', 'bigint')
    .execute();
  await db.schema.createIndex('recording_parts_by_recording').on('recording_parts').columns(['recording_id', 'started_at']).execute();

  await db.schema
    .createTable('replay_positions')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('recording_id', 'uuid', (c) => c.notNull().references('recordings.id').onDelete('cascade'))
    .addColumn('position_sec', 'real', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('replay_positions_pk', ['user_id', 'recording_id'])
    .execute();
}

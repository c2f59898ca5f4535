import { sql, type Transaction } from 'kysely';
import type { RecordingSummary, TranscodeInput, TranscodeResult, Trim } from '@rounds/shared';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';

type Executor = Db | Transaction<Database>;

export type PartRole = 'upload' | 'camera' | 'screen' | 'microphone';

/**
 * The media URL of a file of a recording (see media-routes.ts): `v<N>/<file>` for a file of the
 * asset of version N (a new version is a new URL, so they can be cached for good), or `captions.vtt`.
 */
export function mediaUrl(recordingId: string, file: string): string {
  return `/media/recordings/${recordingId}/${file}`;
}

/** The URL of a file of the asset under `assetPrefix` (`assets/<id>/v<N>`). */
export function assetUrl(recordingId: string, assetPrefix: string, file: string): string {
  return mediaUrl(recordingId, `${assetPrefix.split('/').pop()}/${file}`);
}

/** Reads and writes of recordings, their parts and replay positions. No rules here: see RecordingService. */
export class RecordingStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  transaction<T>(work: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.#db.transaction().execute(work);
  }

  /** The session's recording being captured, created if there is none (nodes racing find the same row). */
  async capturing(sessionId: string, createdBy: string | null): Promise<{ id: string; created: boolean }> {
    const inserted = await this.#db
      .insertInto('recordings')
      .values({ sessionId, source: 'live', status: 'recording', createdBy })
      .onConflict((oc) => oc.column('sessionId').where('status', '=', 'recording').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { id: inserted.id, created: true };
    const existing = await this.#db.selectFrom('recordings').select('id').where('sessionId', '=', sessionId).where('status', '=', 'recording').executeTakeFirst();
    if (!existing) throw new Error(`recording of session ${sessionId} vanished while starting`);
    return { id: existing.id, created: false };
  }

  /** An uploaded talk, queued for its transcode, with its one part. */
  async createUpload(upload: { recordingId: string; sessionId: string; storageKey: string; createdBy: string }): Promise<void> {
    await this.transaction(async (tx) => {
      await tx.insertInto('recordings').values({ id: upload.recordingId, sessionId: upload.sessionId, source: 'upload', status: 'queued', createdBy: upload.createdBy, stoppedAt: new Date() }).execute();
      await tx.insertInto('recordingParts').values({ recordingId: upload.recordingId, role: 'upload', storageKey: upload.storageKey, presenterId: upload.createdBy, nodeId: null, endedAt: new Date(), bytes: 1 }).execute();
    });
  }

  /** Sessions with a recording left capturing (after a restart). */
  async capturingSessions(): Promise<string[]> {
    const rows = await this.#db.selectFrom('recordings').select('sessionId').where('status', '=', 'recording').execute();
    return rows.map((row) => row.sessionId);
  }

  async capturingOf(sessionId: string): Promise<string | undefined> {
    const row = await this.#db.selectFrom('recordings').select('id').where('sessionId', '=', sessionId).where('status', '=', 'recording').executeTakeFirst();
    return row?.id;
  }

  /** A part under the id its file is named by. */
  async addPart(part: { id: string; recordingId: string; role: PartRole; storageKey: string; presenterId: string | null; nodeId: string | null; startedAt?: Date }): Promise<string> {
    const row = await this.#db.insertInto('recordingParts').values(part).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  async endPart(partId: string, bytes: number): Promise<void> {
    await this.#db.updateTable('recordingParts').set({ endedAt: new Date(), bytes }).where('id', '=', partId).where('endedAt', 'is', null).execute();
  }

  /** Parts still being written, with the node writing each. */
  async openParts(recordingId: string, tx: Executor = this.#db): Promise<{ id: string; nodeId: string | null }[]> {
    return tx.selectFrom('recordingParts').select(['id', 'nodeId']).where('recordingId', '=', recordingId).where('endedAt', 'is', null).execute();
  }

  /** Locks the recording row for the rest of the transaction. */
  async lock(tx: Transaction<Database>, recordingId: string) {
    return tx.selectFrom('recordings').selectAll().where('id', '=', recordingId).forUpdate().executeTakeFirst();
  }

  async markStopped(recordingId: string, tx: Executor = this.#db): Promise<void> {
    await tx.updateTable('recordings').set({ stoppedAt: new Date() }).where('id', '=', recordingId).where('stoppedAt', 'is', null).execute();
  }

  /** Every written part on the recording's timeline (offset from the first part's start). */
  async inputs(recordingId: string, tx: Executor = this.#db): Promise<TranscodeInput[]> {
    const parts = await tx
      .selectFrom('recordingParts')
      .select(['storageKey', 'role', 'startedAt', 'bytes'])
      .where('recordingId', '=', recordingId)
      .orderBy('startedAt')
      .execute();
    const written = parts.filter((part) => Number(part.bytes ?? 0) > 0);
    const start = written[0]?.startedAt.getTime() ?? 0;
    return written.map((part) => ({ key: part.storageKey, role: part.role, offsetMs: part.startedAt.getTime() - start }));
  }

  async update(
    recordingId: string,
    values: Partial<{
      status: 'recording' | 'queued' | 'processing' | 'ready' | 'failed';
      progress: number;
      failedReason: string | null;
      version: number;
      trimStartSec: number | null;
      trimEndSec: number | null;
      captionsKey: string | null;
      publishedAt: Date | null;
    }>,
    tx: Executor = this.#db,
  ): Promise<void> {
    await tx.updateTable('recordings').set(values).where('id', '=', recordingId).execute();
  }

  /** Progress of the job of `version`, if it is still the current one and not finished. */
  async progress(recordingId: string, version: number, percent: number): Promise<void> {
    await this.#db
      .updateTable('recordings')
      .set({ status: 'processing', progress: percent })
      .where('id', '=', recordingId)
      .where('version', '=', version)
      .where('status', 'in', ['queued', 'processing'])
      .execute();
  }

  /** The job of `version` finished: the asset becomes the recording's. False when a newer version superseded it. */
  async ready(recordingId: string, version: number, prefix: string, asset: TranscodeResult): Promise<boolean> {
    const result = await this.#db
      .updateTable('recordings')
      .set({ status: 'ready', progress: 100, failedReason: null, assetPrefix: prefix, asset: JSON.stringify(asset), durationSec: asset.durationSec })
      .where('id', '=', recordingId)
      .where('version', '=', version)
      .where('status', 'in', ['queued', 'processing'])
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async failed(recordingId: string, version: number, reason: string): Promise<void> {
    await this.#db
      .updateTable('recordings')
      .set({ status: 'failed', failedReason: reason })
      .where('id', '=', recordingId)
      .where('version', '=', version)
      .where('status', 'in', ['queued', 'processing'])
      .execute();
  }

  /** Recordings waiting for or in a job (to reconcile with the queue after a restart). */
  async inFlight(): Promise<{ id: string; version: number }[]> {
    return this.#db.selectFrom('recordings').select(['id', 'version']).where('status', 'in', ['queued', 'processing']).execute();
  }

  async get(recordingId: string, tx: Executor = this.#db) {
    return tx.selectFrom('recordings').selectAll().where('id', '=', recordingId).executeTakeFirst();
  }

  async summaries(filter: { conferenceId: string } | { recordingId: string }): Promise<RecordingSummary[]> {
    const rows = await this.#db
      .selectFrom('recordings as r')
      .innerJoin('sessions as s', 's.id', 'r.sessionId')
      .select([
        'r.id',
        'r.sessionId',
        's.title as sessionTitle',
        'r.source',
        'r.status',
        'r.progress',
        'r.failedReason',
        'r.durationSec',
        'r.trimStartSec',
        'r.trimEndSec',
        'r.publishedAt',
        'r.captionsKey',
        'r.asset',
        'r.assetPrefix',
        'r.createdAt',
      ])
      .$if('conferenceId' in filter, (q) => q.where('s.conferenceId', '=', (filter as { conferenceId: string }).conferenceId))
      .$if('recordingId' in filter, (q) => q.where('r.id', '=', (filter as { recordingId: string }).recordingId))
      .orderBy('r.createdAt', 'desc')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      sessionId: row.sessionId,
      sessionTitle: row.sessionTitle,
      source: row.source,
      status: row.status,
      progress: row.progress,
      failedReason: row.failedReason,
      durationSec: row.durationSec,
      trim: trimOf(row),
      publishedAt: row.publishedAt?.toISOString() ?? null,
      hasCaptions: row.captionsKey !== null,
      posterUrl: row.asset && row.assetPrefix ? assetUrl(row.id, row.assetPrefix, row.asset.poster) : null,
      createdAt: row.createdAt.toISOString(),
    }));
  }

  async position(userId: string, recordingId: string): Promise<number> {
    const row = await this.#db.selectFrom('replayPositions').select('positionSec').where('userId', '=', userId).where('recordingId', '=', recordingId).executeTakeFirst();
    return row?.positionSec ?? 0;
  }

  async savePosition(userId: string, recordingId: string, positionSec: number): Promise<void> {
    await this.#db
      .insertInto('replayPositions')
      .values({ userId, recordingId, positionSec })
      .onConflict((oc) => oc.columns(['userId', 'recordingId']).doUpdateSet({ positionSec, updatedAt: sql`now()` }))
      .execute();
  }
}

function trimOf(row: { trimStartSec: number | null; trimEndSec: number | null }): Trim | null {
  if (row.trimStartSec === null && row.trimEndSec === null) return null;
  return { startSec: row.trimStartSec ?? 0, endSec: row.trimEndSec };
}

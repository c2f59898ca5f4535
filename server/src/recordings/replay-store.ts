import { RoundsError, type Replay, type ReplayItem, type ReplayQuery, type TranscodeResult } from '@rounds/shared';
import type { Db } from '../db/database';
import { assetUrl, mediaUrl } from './recording-store';

/** The on-demand library: published recordings with a finished asset, as attendees see them. */
export class ReplayStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async list(conferenceId: string, query: ReplayQuery): Promise<ReplayItem[]> {
    const { q, trackId, speakerId } = query;
    const rows = await this.#published()
      .where('s.conferenceId', '=', conferenceId)
      .$if(trackId !== undefined, (qb) => qb.where('s.trackId', '=', trackId!))
      .$if(speakerId !== undefined, (qb) =>
        qb.where((eb) =>
          eb.exists(
            eb
              .selectFrom('sessionPeople as sp')
              .select('sp.userId')
              .whereRef('sp.sessionId', '=', 's.id')
              .where('sp.role', '=', 'speaker')
              .where('sp.userId', '=', speakerId!),
          ),
        ),
      )
      .orderBy('s.startsAt', 'desc')
      .execute();
    const items = await this.#withSpeakers(rows);
    if (!q) return items;
    // Title, abstract, track and speaker names: a conference has hundreds of talks at most.
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    return items.filter((item) => {
      const row = rows.find((r) => r.recordingId === item.recordingId)!;
      const text = [item.title, row.abstract, item.trackName ?? '', ...item.speakers.map((s) => s.name)].join(' ').toLowerCase();
      return words.every((word) => text.includes(word));
    });
  }

  /** One replay for the player; organizers may preview one that is not published yet. */
  async replay(recordingId: string, userId: string, organizer: boolean): Promise<Replay> {
    const row = await this.#published(organizer).where('r.id', '=', recordingId).executeTakeFirst();
    if (!row) throw new RoundsError('recording.notFound');
    const [item] = await this.#withSpeakers([row]);
    const position = await this.#db.selectFrom('replayPositions').select('positionSec').where('userId', '=', userId).where('recordingId', '=', recordingId).executeTakeFirst();
    const { asset } = row;
    const { sprite } = asset;
    return {
      ...item!,
      description: row.abstract,
      masterUrl: assetUrl(recordingId, row.assetPrefix, asset.master),
      captionsUrl: row.captionsKey ? mediaUrl(recordingId, 'captions.vtt') : null,
      sprite: { url: assetUrl(recordingId, row.assetPrefix, sprite.key), columns: sprite.columns, rows: sprite.rows, intervalSec: sprite.intervalSec, tileWidth: sprite.tileWidth, tileHeight: sprite.tileHeight },
      positionSec: position?.positionSec ?? 0,
    };
  }

  #published(includeUnpublished = false) {
    return this.#db
      .selectFrom('recordings as r')
      .innerJoin('sessions as s', 's.id', 'r.sessionId')
      .leftJoin('tracks as t', 't.id', 's.trackId')
      .select(['r.id as recordingId', 'r.sessionId', 's.title', 's.abstract', 's.trackId', 't.name as trackName', 'r.asset', 'r.assetPrefix', 'r.captionsKey', 'r.publishedAt'])
      .where('r.asset', 'is not', null)
      .where('r.assetPrefix', 'is not', null)
      .$if(!includeUnpublished, (qb) => qb.where('r.publishedAt', 'is not', null))
      .$narrowType<{ asset: TranscodeResult; assetPrefix: string }>();
  }

  async #withSpeakers(
    rows: { recordingId: string; sessionId: string; title: string; trackId: string | null; trackName: string | null; asset: TranscodeResult; assetPrefix: string; publishedAt: Date | null }[],
  ): Promise<ReplayItem[]> {
    const sessionIds = [...new Set(rows.map((row) => row.sessionId))];
    const people = sessionIds.length
      ? await this.#db
          .selectFrom('sessionPeople as sp')
          .innerJoin('users as u', 'u.id', 'sp.userId')
          .select(['sp.sessionId', 'u.id as userId', 'u.name'])
          .where('sp.sessionId', 'in', sessionIds)
          .where('sp.role', '=', 'speaker')
          .orderBy('u.name')
          .execute()
      : [];
    return rows.map((row) => {
      const { asset } = row;
      return {
        recordingId: row.recordingId,
        sessionId: row.sessionId,
        title: row.title,
        trackId: row.trackId,
        trackName: row.trackName,
        speakers: people.filter((p) => p.sessionId === row.sessionId).map(({ userId, name }) => ({ userId, name })),
        durationSec: asset.durationSec,
        posterUrl: assetUrl(row.recordingId, row.assetPrefix, asset.poster),
        publishedAt: row.publishedAt?.toISOString() ?? null,
      };
    });
  }
}

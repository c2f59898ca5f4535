import type { FastifyInstance, FastifyReply } from 'fastify';
import { RoundsError } from '@rounds/shared';
import { assertStorageKey, type MediaStorage } from '@rounds/shared/src/storage';
import { accessOf } from '../auth/route-guard';
import type { RecordingStore } from './recording-store';

type MediaParams = { Params: { recordingId: string; '*': string } };

const contentTypes: Record<string, string> = {
  m3u8: 'application/vnd.apple.mpegurl',
  ts: 'video/mp2t',
  m4s: 'video/iso.segment',
  mp4: 'video/mp4',
  vtt: 'text/vtt; charset=utf-8',
  jpg: 'image/jpeg',
  json: 'application/json',
};

/** Files under a versioned asset folder never change: a new version is a new folder. */
const immutable = 'private, max-age=31536000, immutable';

/**
 * The files of a recording for the player: HLS playlists and segments, poster, sprite and
 * captions, from storage, with content types, byte ranges and caching headers. Members see
 * published recordings; organizers also see unpublished ones (to check before publishing).
 */
export function mediaRoutes(deps: { store: RecordingStore; storage: MediaStorage }) {
  return async (app: FastifyInstance) => {
    app.get<MediaParams>('/media/recordings/:recordingId/*', { config: { permission: { kind: 'member' } } }, async (request, reply) => {
      const { recordingId, '*': file } = request.params;
      const recording = await deps.store.get(recordingId);
      const organizer = accessOf(request).roles.includes('organizer');
      if (!recording || (!recording.publishedAt && !organizer)) throw new RoundsError('recording.notFound');
      const captions = file === 'captions.vtt';
      // Any version's files: a viewer mid-way through an earlier version keeps playing it.
      const key = captions ? recording.captionsKey : /^v\d+\//.test(file) ? `assets/${recordingId}/${file}` : null;
      if (!key || !isKey(key)) throw new RoundsError('resource.notFound', 'No such file');
      const stat = await deps.storage.stat(key);
      if (!stat) throw new RoundsError('resource.notFound', 'No such file');

      const extension = file.split('.').pop() ?? '';
      reply
        .header('content-type', contentTypes[extension] ?? 'application/octet-stream')
        .header('accept-ranges', 'bytes')
        .header('last-modified', stat.modifiedAt.toUTCString())
        // Captions can be replaced under the same name; everything else is versioned.
        .header('cache-control', captions ? 'private, no-cache' : immutable);
      return send(reply, deps.storage, key, stat.size, request.headers.range);
    });
  };
}

async function send(reply: FastifyReply, storage: MediaStorage, key: string, size: number, rangeHeader: string | undefined) {
  if (rangeHeader === undefined || size === 0) {
    return reply.header('content-length', size).send(await storage.read(key));
  }
  const range = parseRange(rangeHeader, size);
  if (!range) return reply.code(416).header('content-range', `bytes */${size}`).send();
  return reply
    .code(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
    .header('content-length', range.end - range.start + 1)
    .send(await storage.read(key, range));
}

/** One `bytes=` range (`a-b`, `a-`, `-n`), clamped to the file; null when it cannot be satisfied. */
export function parseRange(header: string, size: number): { start: number; end: number } | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start <= end && start < size ? { start, end } : null;
}

function isKey(key: string): boolean {
  try {
    assertStorageKey(key);
    return true;
  } catch {
    return false;
  }
}

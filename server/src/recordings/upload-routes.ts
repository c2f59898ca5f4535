import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { RoundsError, captionsMaxBytes, uploadTypes } from '@rounds/shared';
import { StorageLimitError, type MediaStorage } from '@rounds/shared/src/storage';
import { identityOf } from '../auth/route-guard';
import type { RecordingRouteDeps } from './recording-routes';
import { declaredUploadType, isWebVtt, matchesDeclaredType } from './upload-check';

type SessionParams = { Params: { sessionId: string } };
type RecordingParams = { Params: { recordingId: string } };

const organizer = { permission: { kind: 'organizer' as const } };
const stageCrew = { permission: { kind: 'stageCrew' as const } };

/**
 * Uploads of pre-recorded talks and of captions. Their bodies are streamed, not parsed: this plugin
 * passes every request body through as a stream and each route reads (and limits) it itself.
 */
export function recordingUploadRoutes(deps: RecordingRouteDeps) {
  const { service, store, storage } = deps;

  return async (app: FastifyInstance) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    app.put<RecordingParams>('/api/recordings/:recordingId/captions', { config: organizer }, async (request) => {
      const text = (await readLimited(request.body as Readable, captionsMaxBytes)).toString('utf8');
      if (!isWebVtt(text)) throw new RoundsError('upload.invalidCaptions', 'The file does not start with WEBVTT');
      const key = `recordings/${request.params.recordingId}/captions.vtt`;
      await storage.putStream(key, Readable.from([Buffer.from(text)]));
      await store.update(request.params.recordingId, { captionsKey: key });
      return { ok: true, data: await service.summary(request.params.recordingId) };
    });

    // ---- uploads of pre-recorded talks ----

    app.put<SessionParams>('/api/sessions/:sessionId/upload', { config: stageCrew }, async (request, reply) => {
      const type = declaredUploadType(request.headers['content-type']);
      const declaredLength = Number(request.headers['content-length'] ?? NaN);
      if (declaredLength > deps.uploadMaxBytes) throw tooLarge(deps.uploadMaxBytes);
      const recordingId = randomUUID();
      const key = `uploads/${recordingId}/source.${uploadTypes[type]}`;
      try {
        await storage.putStream(key, request.body as Readable, { maxBytes: deps.uploadMaxBytes });
      } catch (error) {
        if (error instanceof StorageLimitError) throw tooLarge(deps.uploadMaxBytes);
        throw error;
      }
      const head = await readHead(storage, key);
      if (!matchesDeclaredType(head, type)) {
        await storage.deletePrefix(`uploads/${recordingId}`);
        throw new RoundsError('upload.unsupportedType', `The file's contents are not ${type}`);
      }
      await store.createUpload({ recordingId, sessionId: request.params.sessionId, storageKey: key, createdBy: identityOf(request).userId });
      await service.enqueue(recordingId);
      return reply.code(201).send({ ok: true, data: await service.summary(recordingId) });
    });

  };
}

function tooLarge(maxBytes: number): RoundsError {
  return new RoundsError('upload.tooLarge', `Uploads are limited to ${Math.floor(maxBytes / 1024 ** 2)} MB`);
}

async function readHead(storage: MediaStorage, key: string): Promise<Buffer> {
  const stat = await storage.stat(key);
  if (!stat || stat.size === 0) return Buffer.alloc(0);
  return readLimited(await storage.read(key, { start: 0, end: Math.min(15, stat.size - 1) }), 16);
}

/** Reads a body stream of at most `maxBytes` (else `request.tooLarge`). */
async function readLimited(body: Readable | undefined, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body ?? []) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body?.destroy();
      throw new RoundsError('request.tooLarge', `The body is larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

import type { FastifyInstance } from 'fastify';
import { replayPositionBody, replayQuery, trimBody } from '@rounds/shared';
import type { MediaStorage } from '@rounds/shared/src/storage';
import { accessOf, identityOf } from '../auth/route-guard';
import { parseBody } from '../http-validation';
import type { RecordingService } from './recording-service';
import type { RecordingStore } from './recording-store';
import type { ReplayStore } from './replay-store';
import type { StageRecorder } from './stage-recorder';

export interface RecordingRouteDeps {
  service: RecordingService;
  store: RecordingStore;
  replays: ReplayStore;
  recorder: StageRecorder;
  storage: MediaStorage;
  uploadMaxBytes: number;
}

type ConferenceParams = { Params: { conferenceId: string } };
type SessionParams = { Params: { sessionId: string } };
type RecordingParams = { Params: { recordingId: string } };

const organizer = { permission: { kind: 'organizer' as const } };
const member = { permission: { kind: 'member' as const } };

/** Recordings in the organizer console and the on-demand library. */
export function recordingRoutes(deps: RecordingRouteDeps) {
  const { service, store, replays, recorder } = deps;

  return async (app: FastifyInstance) => {
    // ---- organizer console ----

    app.get<ConferenceParams>('/api/conferences/:conferenceId/recordings', { config: organizer }, async (request) => ({
      ok: true,
      data: await store.summaries({ conferenceId: request.params.conferenceId }),
    }));

    app.post<SessionParams>('/api/sessions/:sessionId/recording/start', { config: organizer }, async (request) => {
      const recordingId = await recorder.start(request.params.sessionId, identityOf(request).userId);
      return { ok: true, data: await service.summary(recordingId) };
    });

    app.post<SessionParams>('/api/sessions/:sessionId/recording/stop', { config: organizer }, async (request) => {
      const recordingId = await recorder.stop(request.params.sessionId);
      return { ok: true, data: await service.summary(recordingId) };
    });

    app.post<RecordingParams>('/api/recordings/:recordingId/retry', { config: organizer }, async (request) => ({
      ok: true,
      data: await service.retry(request.params.recordingId),
    }));

    app.post<RecordingParams>('/api/recordings/:recordingId/publish', { config: organizer }, async (request) => ({
      ok: true,
      data: await service.setPublished(request.params.recordingId, true),
    }));

    app.post<RecordingParams>('/api/recordings/:recordingId/unpublish', { config: organizer }, async (request) => ({
      ok: true,
      data: await service.setPublished(request.params.recordingId, false),
    }));

    app.put<RecordingParams>('/api/recordings/:recordingId/trim', { config: organizer }, async (request) => {
      const body = parseBody(trimBody, request.body);
      return { ok: true, data: await service.trim(request.params.recordingId, body) };
    });

    // ---- on-demand library ----

    app.get<ConferenceParams>('/api/conferences/:conferenceId/replays', { config: member }, async (request) => ({
      ok: true,
      data: await replays.list(request.params.conferenceId, parseBody(replayQuery, request.query)),
    }));

    app.get<RecordingParams>('/api/recordings/:recordingId/replay', { config: member }, async (request) => ({
      ok: true,
      data: await replays.replay(request.params.recordingId, identityOf(request).userId, accessOf(request).roles.includes('organizer')),
    }));

    app.put<RecordingParams>('/api/recordings/:recordingId/position', { config: member }, async (request) => {
      const { positionSec } = parseBody(replayPositionBody, request.body);
      await store.savePosition(identityOf(request).userId, request.params.recordingId, positionSec);
      return { ok: true, data: { positionSec } };
    });
  };
}

import type { RecordingSummary, Replay, ReplayItem, ReplayQuery, Trim } from '@rounds/shared';
import { ApiError, api, segment, toApiError } from './http';

const recording = (recordingId: string) => `/api/recordings/${segment(recordingId)}`;

/** A PUT whose body is not JSON (WebVTT captions); answers with the usual envelope. */
async function putRaw<T>(path: string, body: Blob | string, contentType: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'PUT', credentials: 'same-origin', headers: { 'content-type': contentType }, body });
  } catch {
    throw new ApiError('server.unavailable', 'The server cannot be reached. Check your connection.');
  }
  const parsed: unknown = await response.json().catch(() => undefined);
  if (!response.ok || (parsed as { ok?: boolean } | undefined)?.ok !== true) throw toApiError(parsed);
  return (parsed as { data: T }).data;
}

function query(params: ReplayQuery): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Typed calls to the recording and replay endpoints; each resolves with data or throws an ApiError. */
export const recordingsApi = {
  /** Organizer: every recording of the conference, newest first. */
  list: (conferenceId: string) => api<RecordingSummary[]>(`/api/conferences/${segment(conferenceId)}/recordings`),
  retry: (recordingId: string) => api<RecordingSummary>(`${recording(recordingId)}/retry`, { method: 'POST' }),
  publish: (recordingId: string) => api<RecordingSummary>(`${recording(recordingId)}/publish`, { method: 'POST' }),
  unpublish: (recordingId: string) => api<RecordingSummary>(`${recording(recordingId)}/unpublish`, { method: 'POST' }),
  /** Re-transcodes with the new cut: the recording goes back to `queued`. */
  trim: (recordingId: string, trim: Trim) => api<RecordingSummary>(`${recording(recordingId)}/trim`, { method: 'PUT', body: trim }),
  captions: (recordingId: string, file: Blob) => putRaw<RecordingSummary>(`${recording(recordingId)}/captions`, file, 'text/vtt'),
  /** Records the live stage of a session now, or stops. */
  startRecording: (sessionId: string) => api<RecordingSummary>(`/api/sessions/${segment(sessionId)}/recording/start`, { method: 'POST' }),
  stopRecording: (sessionId: string) => api<RecordingSummary>(`/api/sessions/${segment(sessionId)}/recording/stop`, { method: 'POST' }),

  /** Any member: the published replays, filtered. */
  replays: (conferenceId: string, params: ReplayQuery) => api<ReplayItem[]>(`/api/conferences/${segment(conferenceId)}/replays${query(params)}`),
  replay: (recordingId: string) => api<Replay>(`${recording(recordingId)}/replay`),
  savePosition: (recordingId: string, positionSec: number) =>
    api<{ positionSec: number }>(`${recording(recordingId)}/position`, { method: 'PUT', body: { positionSec } }),
};

/**
 * Saves the position while the page goes away: `keepalive` lets the request finish after the tab
 * closes or navigates (a plain fetch would be cancelled with the page).
 */
export function savePositionOnLeave(recordingId: string, positionSec: number): void {
  void fetch(`${recording(recordingId)}/position`, {
    method: 'PUT',
    credentials: 'same-origin',
    keepalive: true,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ positionSec }),
  }).catch(() => undefined /* the next periodic save or the next visit corrects it */);
}

import { z } from 'zod';

/**
 * Recordings and on-demand replay: the REST contract between server and client (issue 6).
 *
 * A recording belongs to one program session. `live` recordings are captured from the stage (one
 * part per producer and per reconnect, joined by the transcode job); `upload` recordings are a
 * pre-recorded talk sent by a speaker or organizer. Each transcode writes a versioned asset
 * (`assets/<recordingId>/v<version>/`): retrying or trimming bumps the version, and only the job of
 * the current version may mark the recording ready.
 */
export const recordingStatuses = ['recording', 'queued', 'processing', 'ready', 'failed'] as const;
export type RecordingStatus = (typeof recordingStatuses)[number];
export type RecordingSource = 'live' | 'upload';

/** What an organizer sees of a recording in the console. */
export interface RecordingSummary {
  id: string;
  sessionId: string;
  sessionTitle: string;
  source: RecordingSource;
  status: RecordingStatus;
  /** 0–100 while processing; 100 when ready. */
  progress: number;
  /** Why the last job failed, readable by an organizer; null unless status is `failed`. */
  failedReason: string | null;
  durationSec: number | null;
  trim: Trim | null;
  publishedAt: string | null;
  hasCaptions: boolean;
  posterUrl: string | null;
  createdAt: string;
}

/** One talk in the on-demand library (published recordings only). */
export interface ReplayItem {
  recordingId: string;
  sessionId: string;
  title: string;
  trackId: string | null;
  trackName: string | null;
  speakers: { userId: string; name: string }[];
  durationSec: number;
  posterUrl: string | null;
  /** null only in an organizer's preview of an unpublished recording. */
  publishedAt: string | null;
}

/** Everything the player needs. URLs are same-origin and need the viewer's session cookie. */
export interface Replay extends ReplayItem {
  description: string;
  masterUrl: string;
  captionsUrl: string | null;
  sprite: { url: string; columns: number; rows: number; intervalSec: number; tileWidth: number; tileHeight: number } | null;
  /** Where this viewer stopped last time (seconds), 0 when never played. */
  positionSec: number;
}

export const trimBody = z
  .object({
    startSec: z.number().min(0).max(24 * 3600),
    /** null: to the end. */
    endSec: z.number().positive().max(24 * 3600).nullable(),
  })
  .refine((t) => t.endSec === null || t.endSec > t.startSec + 1, { message: 'The end must be more than a second after the start.', path: ['endSec'] });
export type Trim = z.infer<typeof trimBody>;

export const replayPositionBody = z.object({ positionSec: z.number().min(0).max(24 * 3600) });

export const replayQuery = z.object({
  q: z.string().trim().max(200).optional(),
  trackId: z.string().uuid().optional(),
  speakerId: z.string().uuid().optional(),
});
export type ReplayQuery = z.infer<typeof replayQuery>;

/** Pre-recorded talks: the containers accepted (checked by Content-Type and by the file's first bytes). */
export const uploadTypes = { 'video/mp4': 'mp4', 'video/quicktime': 'mov', 'video/webm': 'webm', 'video/x-matroska': 'mkv' } as const;
export type UploadType = keyof typeof uploadTypes;
/** Default upload limit (the server's UPLOAD_MAX_BYTES may lower or raise it). */
export const defaultUploadMaxBytes = 4 * 1024 ** 3;
/** WebVTT captions attached to a recording. */
export const captionsMaxBytes = 2 * 1024 ** 2;

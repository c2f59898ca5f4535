import { z } from 'zod';

/**
 * Jobs the server hands to media-worker over BullMQ. The queue name and every job's payload live
 * here so both sides agree; media-worker validates payloads and fails bad ones permanently.
 */
export const mediaQueueName = 'media';

/** BullMQ key prefix for a deployment's REDIS_PREFIX; the server's queue and media-worker both use it. */
export function bullPrefix(redisPrefix: string): string {
  return `${redisPrefix}:bull`;
}

/** A key of MediaStorage (see shared/src/storage): a relative path of plain segments. */
const storageKey = z
  .string()
  .max(512)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/, 'must be a relative storage key')
  .refine((key) => !key.split('/').includes('..'), 'must not contain ..');

/**
 * One input of a transcode. A live recording has one file per producer and per reconnect (`camera`,
 * `screen`: video only; `microphone`: audio only), each placed on the recording's timeline at
 * `offsetMs`; an upload is one `upload` file with its own audio and video at offset 0.
 */
export const transcodeInput = z.object({
  key: storageKey,
  role: z.enum(['upload', 'camera', 'screen', 'microphone']),
  offsetMs: z.number().int().min(0).max(24 * 3600 * 1000),
});
export type TranscodeInput = z.infer<typeof transcodeInput>;

export const jobs = {
  /** Reads duration and streams of a local media file with ffprobe. */
  probe: z.object({ path: z.string().min(1).max(1024) }),
  /**
   * Joins a recording's inputs into one programme (screen large with the camera inset while a
   * screen is shared, else the camera; every microphone mixed), applies the trim, and writes the
   * HLS ladder, poster, thumbnail sprite and `asset.json` under `outputPrefix`. Job id:
   * `transcodeJobId(recordingId, version)`; progress is reported as a whole percent.
   */
  transcode: z.object({
    recordingId: z.string().uuid(),
    version: z.number().int().min(1),
    inputs: z.array(transcodeInput).min(1).max(200),
    trim: z.object({ startSec: z.number().min(0), endSec: z.number().positive().nullable() }).nullable(),
    outputPrefix: storageKey,
  }),
} satisfies Record<string, z.ZodTypeAny>;

/** One job per recording and version: a retried or duplicated enqueue finds the same job. */
export function transcodeJobId(recordingId: string, version: number): string {
  return `transcode-${recordingId}-v${version}`;
}

/** What a transcode returns and writes as `<outputPrefix>/asset.json`; keys are relative to `outputPrefix`. */
export interface TranscodeResult {
  durationSec: number;
  width: number;
  height: number;
  /** `master.m3u8`. */
  master: string;
  renditions: { name: string; width: number; height: number; bandwidth: number; playlist: string }[];
  /** A JPEG from early in the talk. */
  poster: string;
  /** Thumbnails for the seek bar: one JPEG of `columns` x `rows` tiles, one every `intervalSec`. */
  sprite: { key: string; columns: number; rows: number; intervalSec: number; tileWidth: number; tileHeight: number };
}

export type JobName = keyof typeof jobs;
export type JobPayload<N extends JobName> = z.infer<(typeof jobs)[N]>;

export interface ProbeResult {
  durationSec: number;
  formatName: string;
  streams: { index: number; kind: 'video' | 'audio' | 'other'; codec: string; width?: number; height?: number }[];
}

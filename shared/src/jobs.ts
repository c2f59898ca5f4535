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

export const jobs = {
  /** Reads duration and streams of a local media file with ffprobe. */
  probe: z.object({ path: z.string().min(1).max(1024) }),
} satisfies Record<string, z.ZodTypeAny>;

export type JobName = keyof typeof jobs;
export type JobPayload<N extends JobName> = z.infer<(typeof jobs)[N]>;

export interface ProbeResult {
  durationSec: number;
  formatName: string;
  streams: { index: number; kind: 'video' | 'audio' | 'other'; codec: string; width?: number; height?: number }[];
}

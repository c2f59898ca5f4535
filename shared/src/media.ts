import { z } from 'zod';

/**
 * Shapes of the WebRTC parameters that travel between mediasoup-client and the server.
 * Checked here for structure and size; mediasoup checks the details and its TypeErrors become `request.invalid`.
 */
const smallArray = <T extends z.ZodTypeAny>(item: T, max = 64) => z.array(item).max(max);
const jsonObject = z.record(z.string(), z.unknown());

export const mediaKind = z.enum(['audio', 'video']);
export type MediaKind = z.infer<typeof mediaKind>;

/** What a producer carries, so viewers can lay out camera and screen and find the audio. */
export const mediaSource = z.enum(['camera', 'microphone', 'screen']);
export type MediaSource = z.infer<typeof mediaSource>;

export const dtlsParameters = z.object({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: smallArray(z.object({ algorithm: z.string().max(32), value: z.string().max(256) }), 8).min(1),
});

export const rtpCapabilities = z.object({
  codecs: smallArray(jsonObject, 128).optional(),
  headerExtensions: smallArray(jsonObject, 64).optional(),
});

export const rtpParameters = z.object({
  mid: z.string().max(32).optional(),
  codecs: smallArray(jsonObject, 32).min(1),
  headerExtensions: smallArray(jsonObject, 32).optional(),
  encodings: smallArray(jsonObject, 8).optional(),
  rtcp: jsonObject.optional(),
});

export const iceParameters = jsonObject;
export const iceCandidates = z.array(jsonObject);

export type DtlsParameters = z.infer<typeof dtlsParameters>;
export type RtpCapabilities = z.infer<typeof rtpCapabilities>;
export type RtpParameters = z.infer<typeof rtpParameters>;

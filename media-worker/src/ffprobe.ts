import path from 'node:path';
import type { ProbeResult } from '@rounds/shared';
import { z } from 'zod';
import { inputFormatWhitelist } from './hls-args';

/**
 * ffprobe arguments for a local file. `-protocol_whitelist file` stops ffmpeg from opening
 * anything but local files, including URLs named inside the file (an HLS playlist or a concat
 * list could otherwise make the worker fetch from the network). The `file:` prefix makes ffprobe
 * read the path as a file name even if it contains a colon.
 */
export function buildProbeArgs(filePath: string): string[] {
  // Callers check this with a readable reason; the guard keeps the builder safe on its own.
  if (!path.isAbsolute(filePath)) throw new TypeError(`buildProbeArgs needs an absolute path (got ${JSON.stringify(filePath)})`);
  return [
    '-hide_banner',
    '-v', 'error',
    '-protocol_whitelist', 'file',
    // Media containers only: a playlist renamed to .mp4 would name other local files to read.
    '-format_whitelist', inputFormatWhitelist,
    '-print_format', 'json',
    '-show_format',
    '-show_streams',
    `file:${filePath}`,
  ];
}

/** ffprobe ran but its output does not describe a usable media file. */
export class ProbeOutputError extends Error {
  override name = 'ProbeOutputError';
}

// Only the fields we read; zod drops the rest. ffprobe prints durations as decimal strings.
const ffprobeStream = z.object({
  index: z.number().int(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  duration: z.string().optional(),
  disposition: z.object({ attached_pic: z.number().optional() }).optional(),
  side_data_list: z.array(z.object({ rotation: z.number().optional() }).passthrough()).optional(),
});
const ffprobeOutput = z.object({
  format: z.object({ format_name: z.string(), duration: z.string().optional() }),
  streams: z.array(ffprobeStream).default([]),
});
type FfprobeStream = z.infer<typeof ffprobeStream>;

/** Turns `ffprobe -print_format json -show_format -show_streams` output into a ProbeResult. */
export function parseProbeOutput(json: string): ProbeResult {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new ProbeOutputError('ffprobe printed something other than JSON');
  }
  const parsed = ffprobeOutput.safeParse(raw);
  if (!parsed.success) throw new ProbeOutputError('no container format was recognised');
  const { format, streams } = parsed.data;

  const result: ProbeResult = { durationSec: 0, formatName: format.format_name, streams: streams.map(toStream) };
  if (!result.streams.some((s) => s.kind !== 'other')) {
    // Subtitles or data alone also parse; they are not something to replay.
    throw new ProbeOutputError('it has no audio or video stream');
  }
  // Some containers only know the duration per stream (for example raw or damaged files).
  const durationSec = seconds(format.duration) ?? Math.max(0, ...streams.map((s) => seconds(s.duration) ?? 0));
  if (durationSec <= 0) throw new ProbeOutputError('its duration is unknown');
  result.durationSec = durationSec;
  return result;
}

function toStream(s: FfprobeStream): ProbeResult['streams'][number] {
  // Cover art in an audio file is reported as a one-frame video stream: it is not video.
  const isCoverArt = s.disposition?.attached_pic === 1;
  const kind = s.codec_type === 'audio' ? 'audio' : s.codec_type === 'video' && !isCoverArt ? 'video' : 'other';
  const stream: ProbeResult['streams'][number] = { index: s.index, kind, codec: s.codec_name ?? 'unknown' };
  if (kind === 'video' && s.width !== undefined && s.height !== undefined) {
    // A phone video stored landscape with a 90° display matrix plays portrait (ffmpeg rotates it
    // when decoding), so report the size as displayed: the ladder is chosen from it.
    const rotation = s.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? 0;
    const quarterTurn = Math.abs(Math.round(rotation / 90)) % 2 === 1;
    stream.width = quarterTurn ? s.height : s.width;
    stream.height = quarterTurn ? s.width : s.height;
  }
  return stream;
}

/** A positive, finite number of seconds from ffprobe's decimal string ("N/A" and "0.000000" give undefined). */
function seconds(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
}

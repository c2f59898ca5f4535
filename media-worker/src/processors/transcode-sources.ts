import type { JobPayload } from '@rounds/shared';
import { StorageNotFoundError } from '@rounds/shared/src/storage/media-storage';
import { UnrecoverableError } from 'bullmq';
import type { ComposeSource } from '../compose-args';
import { assertReadableFile, probeMedia } from './probe';
import { unreadableMedia } from './permanent-errors';
import type { ProcessorContext } from './types';

type TranscodePayload = JobPayload<'transcode'>;

/**
 * A local copy and the probe of every input of a transcode. An upload, or a recording of one part,
 * that cannot be read fails the job permanently. A recording of many parts skips the parts that
 * cannot be read (a reconnect that never sent a keyframe leaves a file with no picture), as long
 * as one is left: the replay of the rest is worth more than no replay.
 */
export async function prepareSources(payload: TranscodePayload, context: ProcessorContext, downloadDir: string): Promise<ComposeSource[]> {
  const sources: ComposeSource[] = [];
  const skipped: string[] = [];
  for (const input of payload.inputs) {
    try {
      sources.push(await prepareSource(input, context, downloadDir));
    } catch (error) {
      if (!(error instanceof UnrecoverableError) || payload.inputs.length === 1) throw error;
      context.logger.warn({ key: input.key, role: input.role, reason: error.message }, 'skipping a part that cannot be read');
      skipped.push(error.message.replace(/^The file is not a readable media file: /, ''));
    }
  }
  if (sources.length === 0) {
    const reasons = skipped.slice(0, 3).join('; ') + (skipped.length > 3 ? `; and ${skipped.length - 3} more` : '');
    throw unreadableMedia(`none of the ${payload.inputs.length} recorded parts can be read (${reasons})`);
  }
  return sources;
}

async function prepareSource(input: TranscodePayload['inputs'][number], context: ProcessorContext, downloadDir: string): Promise<ComposeSource> {
  const label = `${input.role} ${input.key}`;
  let localPath: string;
  try {
    localPath = await context.storage.localPath(input.key, downloadDir);
  } catch (error) {
    if (error instanceof StorageNotFoundError) throw unreadableMedia(`${label} is not in storage`);
    throw error;
  }
  await assertReadableFile(localPath, label);
  const probe = await probeMedia(context.tools.ffprobeBin, localPath, context.signal, context.logger, label);

  const videoStream = probe.streams.find((s) => s.kind === 'video' && s.width && s.height);
  const video = videoStream ? { width: videoStream.width!, height: videoStream.height! } : null;
  const hasAudio = probe.streams.some((s) => s.kind === 'audio');
  if ((input.role === 'camera' || input.role === 'screen') && !video) throw unreadableMedia(`${label} has no picture`);
  if (input.role === 'microphone' && !hasAudio) throw unreadableMedia(`${label} has no sound`);
  return { path: localPath, role: input.role, offsetSec: input.offsetMs / 1000, durationSec: probe.durationSec, video, hasAudio };
}

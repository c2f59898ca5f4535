import fs from 'node:fs/promises';
import path from 'node:path';
import { jobs, type JobPayload, type TranscodeResult } from '@rounds/shared';
import type { MediaStorage } from '@rounds/shared/src/storage/media-storage';
import { UnrecoverableError } from 'bullmq';
import { buildComposeArgs, type ComposeSource, composeWindow } from '../compose-args';
import { progressSlice } from '../ffmpeg-progress';
import { buildHlsArgs, type HlsJob, type HlsPlan } from '../hls-args';
import { parseMasterPlaylist, parseMediaPlaylist } from '../hls-playlists';
import { runFfmpeg } from '../run-ffmpeg';
import { invalidPayload } from './permanent-errors';
import { prepareSources } from './transcode-sources';
import type { ProcessorContext } from './types';

type TranscodePayload = JobPayload<'transcode'>;

/** Written last: a reader who finds it finds a complete asset. */
export const assetFileName = 'asset.json';

/**
 * The `transcode` job: a recording's parts (or an upload) to an HLS ladder, a poster and a
 * thumbnail sprite under `outputPrefix`, described by `<outputPrefix>/asset.json`.
 *
 * Idempotent by output: when asset.json is already there (a retried job whose previous attempt
 * finished publishing, or the same recording enqueued twice), it is returned as is. All work happens
 * in a scratch folder of this attempt; the outputs are uploaded only once all exist, and asset.json
 * after everything else.
 */
export async function transcode(data: unknown, context: ProcessorContext): Promise<TranscodeResult> {
  const parsed = jobs.transcode.safeParse(data);
  if (!parsed.success) {
    throw invalidPayload('transcode', parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'} ${i.message}`).join('; '));
  }
  const payload = parsed.data;
  const { storage, logger } = context;
  const report = monotonicProgress(context.reportProgress);
  const assetKey = `${payload.outputPrefix}/${assetFileName}`;

  const existing = await readAsset(storage, assetKey);
  if (existing) {
    logger.info({ assetKey }, 'asset already published; returning it');
    report(100);
    return existing;
  }

  await fs.mkdir(context.scratchDir, { recursive: true });
  const scratch = await fs.mkdtemp(path.join(context.scratchDir, `transcode-${payload.recordingId}-v${payload.version}-`));
  try {
    const result = await transcodeInto(payload, context, scratch, report);
    const assetPath = path.join(scratch, assetFileName);
    await fs.writeFile(assetPath, `${JSON.stringify(result, null, 2)}\n`);
    await storage.putDirectory(payload.outputPrefix, path.join(scratch, 'out'));
    await storage.putFile(assetKey, assetPath);
    report(100);
    logger.info({ assetKey, durationSec: result.durationSec, renditions: result.renditions.map((r) => r.name) }, 'asset published');
    return result;
  } catch (error) {
    if (error instanceof UnrecoverableError) {
      // The organizer must see the permanent reason, not a storage hiccup during the clean-up.
      await removeUnpublished(storage, payload.outputPrefix, assetKey).catch((cleanupError: unknown) =>
        logger.error({ err: cleanupError, outputPrefix: payload.outputPrefix }, 'could not remove what an earlier attempt left'),
      );
    }
    throw error;
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

async function transcodeInto(
  payload: TranscodePayload,
  context: ProcessorContext,
  scratch: string,
  report: (percent: number) => void,
): Promise<TranscodeResult> {
  const sources = await prepareSources(payload, context, path.join(scratch, 'inputs'));
  report(2);
  let window: { startSec: number; endSec: number };
  try {
    window = composeWindow(sources, payload.trim);
  } catch (error) {
    if (error instanceof RangeError) throw new UnrecoverableError(`The recording cannot be transcoded: ${error.message}`);
    throw error;
  }

  const outputDir = path.join(scratch, 'out');
  const upload = payload.inputs.length === 1 && sources[0]!.role === 'upload' ? sources[0]! : null;
  let hlsJob: HlsJob;
  let ladderFrom = 2;
  if (upload) {
    // Used as is: the trim becomes a seek, with no extra encode.
    hlsJob = { input: upload.path, video: upload.video, hasAudio: upload.hasAudio, startSec: window.startSec, durationSec: window.endSec - window.startSec, outputDir };
  } else {
    hlsJob = await compose(sources, payload.trim, context, scratch, outputDir, progressSlice(2, 45, report));
    ladderFrom = 45;
  }

  const plan = buildHlsArgs(hlsJob);
  await fs.mkdir(outputDir, { recursive: true });
  // Behind `file:` the HLS muxer does not create folders.
  await Promise.all(plan.renditions.map((r) => fs.mkdir(path.join(outputDir, r.name), { recursive: true })));
  await runFfmpeg(context.tools.ffmpegBin, plan.args, {
    signal: context.signal,
    durationSec: hlsJob.durationSec,
    onFraction: progressSlice(ladderFrom, 95, report),
    label: upload ? `upload ${payload.inputs[0]!.key}` : 'the composed recording',
  });
  return describeAsset(plan, outputDir);
}

async function compose(
  sources: ComposeSource[],
  trim: TranscodePayload['trim'],
  context: ProcessorContext,
  scratch: string,
  outputDir: string,
  onFraction: (fraction: number) => void,
): Promise<HlsJob> {
  const output = path.join(scratch, 'programme.mkv');
  const plan = buildComposeArgs({ sources, trim, output });
  await runFfmpeg(context.tools.ffmpegBin, plan.args, { signal: context.signal, durationSec: plan.durationSec, onFraction, label: 'the recorded parts' });
  return { input: output, video: { width: plan.width, height: plan.height }, hasAudio: true, startSec: 0, durationSec: plan.durationSec, outputDir };
}

/**
 * Checks that ffmpeg wrote every file the plan names (ffmpeg can exit 0 after failing to open an
 * output) and describes the asset from the files themselves: bandwidths from the master playlist,
 * the duration from the top rendition's segments.
 */
async function describeAsset(plan: HlsPlan, outputDir: string): Promise<TranscodeResult> {
  const read = (name: string) => fs.readFile(path.join(outputDir, name), 'utf8');
  for (const image of [plan.poster, plan.sprite.key]) {
    const stat = await fs.stat(path.join(outputDir, image)).catch(() => null);
    if (!stat?.size) throw new Error(`ffmpeg did not write ${image}`);
  }
  const master = parseMasterPlaylist(await read(plan.master));
  let durationSec = 0;
  const renditions: TranscodeResult['renditions'] = [];
  for (const rendition of plan.renditions) {
    const entry = master.find((e) => e.uri === rendition.playlist);
    if (!entry) throw new Error(`${plan.master} does not list ${rendition.playlist}`);
    const media = parseMediaPlaylist(await read(rendition.playlist));
    if (!media.ended || media.segments.length === 0) throw new Error(`${rendition.playlist} is incomplete`);
    for (const segment of media.segments) {
      const stat = await fs.stat(path.join(outputDir, rendition.name, segment)).catch(() => null);
      if (!stat?.size) throw new Error(`ffmpeg did not write ${rendition.name}/${segment}`);
    }
    durationSec = Math.max(durationSec, media.durationSec);
    renditions.push({ name: rendition.name, width: rendition.width, height: rendition.height, bandwidth: entry.bandwidth, playlist: rendition.playlist });
  }
  const top = renditions[0]!;
  const { key, columns, rows, intervalSec, tileWidth, tileHeight } = plan.sprite;
  return {
    durationSec: Math.round(durationSec * 1000) / 1000,
    width: top.width,
    height: top.height,
    master: plan.master,
    renditions,
    poster: plan.poster,
    sprite: { key, columns, rows, intervalSec, tileWidth, tileHeight },
  };
}

/** The published asset, or null when there is none (or it cannot be read: it is then made again). */
async function readAsset(storage: MediaStorage, assetKey: string): Promise<TranscodeResult | null> {
  if (!(await storage.stat(assetKey))) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.read(assetKey)) chunks.push(chunk as Buffer);
  try {
    const asset = JSON.parse(Buffer.concat(chunks).toString('utf8')) as TranscodeResult;
    if (typeof asset.master === 'string' && Array.isArray(asset.renditions) && asset.renditions.length > 0) return asset;
  } catch {
    // Fall through: not JSON.
  }
  return null;
}

/**
 * After a permanent failure nothing may stay under the prefix: an earlier attempt may have been
 * cut off half way through uploading. A published asset (asset.json) is never removed.
 */
async function removeUnpublished(storage: MediaStorage, outputPrefix: string, assetKey: string): Promise<void> {
  if (!(await storage.stat(assetKey))) await storage.deletePrefix(outputPrefix);
}

/** Whole percents, only upwards: ffmpeg reports twice a second, organizers need to see a change. */
function monotonicProgress(report: (percent: number) => void): (percent: number) => void {
  let last = -1;
  return (percent) => {
    const whole = Math.min(100, Math.max(0, Math.floor(percent)));
    if (whole <= last) return;
    last = whole;
    report(whole);
  };
}

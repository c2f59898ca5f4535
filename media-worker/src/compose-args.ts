import type { TranscodeInput } from '@rounds/shared';
import { commonArgs, even, evenDown, fileArg, inputArgs, neutralFrame, seconds } from './hls-args';

/**
 * A live recording is many files: one per producer (camera, screen, microphone) and per speaker
 * reconnect, each starting at its own offset on the recording's timeline. Composing joins them
 * into one programme file, which the ladder is then made from:
 *
 * - picture: a neutral frame the length of the timeline; every camera over it, filling the frame;
 *   every screen over that, filling the frame; and, only while a screen is shown, the camera again
 *   as an inset in the bottom right corner. Overlays pass the picture below through before their
 *   first frame and after their last (`eof_action=pass`), so parts appear exactly at their offsets.
 * - sound: every microphone (and an upload's own sound) delayed to its offset and mixed at full
 *   level; silence when there is none.
 * - the trim, applied last, to both.
 */

export interface ComposeSource {
  /** Absolute local path. */
  path: string;
  role: TranscodeInput['role'];
  offsetSec: number;
  durationSec: number;
  /** Displayed size of its video, null when it has none. */
  video: { width: number; height: number } | null;
  hasAudio: boolean;
}

export interface ComposeJob {
  sources: ComposeSource[];
  trim: { startSec: number; endSec: number | null } | null;
  /** Absolute path of the programme file to write (Matroska). */
  output: string;
}

export interface ComposePlan {
  args: string[];
  /** Length of the programme after the trim. */
  durationSec: number;
  width: number;
  height: number;
}

/** The programme is an intermediate, encoded once more for the ladder: fast and nearly lossless. */
const intermediateVideo = ['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '16', '-pix_fmt', 'yuv420p'];
const intermediateAudio = ['-c:a', 'flac'];
const maxFrameHeight = 1080;
/**
 * A live camera starts on whatever simulcast layer the speaker's bandwidth allowed at first, and
 * ffprobe sees only that first size: live pictures go on the studio's full 720p canvas (or a larger
 * one for a larger screen share) so the ladder keeps its upper renditions.
 */
const liveCanvasHeight = 720;

/** Where the recording's timeline starts and ends, after the trim. Throws a RangeError if nothing is left. */
export function composeWindow(sources: ComposeSource[], trim: ComposeJob['trim']): { startSec: number; endSec: number } {
  const timelineSec = Math.max(0, ...usable(sources).map((s) => s.offsetSec + s.durationSec));
  const startSec = trim?.startSec ?? 0;
  const endSec = Math.min(timelineSec, trim?.endSec ?? timelineSec);
  if (timelineSec === 0) throw new RangeError('there is nothing to compose');
  if (startSec >= timelineSec) throw new RangeError(`the trim starts at ${readable(startSec)} s, after the end of the ${readable(timelineSec)} s recording`);
  if (endSec <= startSec) throw new RangeError(`the trim ends (${readable(endSec)} s) before it starts (${readable(startSec)} s)`);
  return { startSec, endSec };
}

export function buildComposeArgs(job: ComposeJob): ComposePlan {
  const sources = usable(job.sources);
  const { startSec, endSec } = composeWindow(sources, job.trim);
  const timelineSec = Math.max(...sources.map((s) => s.offsetSec + s.durationSec));

  const pictures = sources.filter((s) => s.video && s.role !== 'microphone');
  const cameras = pictures.filter((s) => s.role !== 'screen');
  const screens = pictures.filter((s) => s.role === 'screen');
  const sounds = sources.filter((s) => s.hasAudio && (s.role === 'microphone' || s.role === 'upload'));

  const live = !sources.some((s) => s.role === 'upload');
  const tallest = pictures.length === 0 ? 0 : Math.max(live ? liveCanvasHeight : 0, ...pictures.map((s) => s.video!.height));
  const height = tallest > 0 ? evenDown(Math.min(maxFrameHeight, tallest)) : neutralFrame.height;
  const width = tallest > 0 ? even((height * 16) / 9) : neutralFrame.width;
  const fit = `scale=${width}:${height}:force_original_aspect_ratio=decrease,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:color=${neutralFrame.color},setsar=1`;

  const args = [...commonArgs];
  const inputIndex = new Map<ComposeSource, number>();
  for (const source of [...pictures, ...sounds]) {
    if (inputIndex.has(source)) continue; // An upload gives both picture and sound.
    inputIndex.set(source, inputIndex.size);
    args.push(...inputArgs(source.path));
  }
  // Each part starts at its offset on the timeline, whatever timestamps its file began with.
  const placed = (s: ComposeSource, stream: 'v' | 'a') => `[${inputIndex.get(s)}:${stream}:0]${stream === 'a' ? 'a' : ''}setpts=PTS-STARTPTS+${seconds(s.offsetSec)}/TB`;

  const graph: string[] = [`color=c=${neutralFrame.color}:s=${width}x${height}:r=${neutralFrame.fps}:d=${seconds(timelineSec)},format=yuv420p[base0]`];
  let layer = 0;
  const over = (label: string, options = '') => {
    graph.push(`[base${layer}][${label}]overlay=eof_action=pass${options}[base${layer + 1}]`);
    layer += 1;
  };
  const withInset = screens.length > 0;
  cameras.forEach((camera, i) => {
    graph.push(`${placed(camera, 'v')},${fit}${withInset ? `,split[cam${i}][insetsrc${i}]` : `[cam${i}]`}`);
    over(`cam${i}`);
  });
  screens.forEach((screen, i) => {
    graph.push(`${placed(screen, 'v')},${fit}[screen${i}]`);
    over(`screen${i}`);
  });
  if (withInset) {
    const insetWidth = even(width / 4);
    const margin = even(height / 40);
    // While any screen is on the timeline; overlay's `t` is the timeline's time.
    const screenShown = screens.map((s) => `between(t,${seconds(s.offsetSec)},${seconds(s.offsetSec + s.durationSec)})`).join('+');
    cameras.forEach((_, i) => {
      graph.push(`[insetsrc${i}]scale=${insetWidth}:-2,setsar=1[inset${i}]`);
      over(`inset${i}`, `:x=W-w-${margin}:y=H-h-${margin}:enable='${screenShown}'`);
    });
  }
  graph.push(`[base${layer}]trim=start=${seconds(startSec)}:end=${seconds(endSec)},setpts=PTS-STARTPTS[vout]`);

  if (sounds.length === 0) {
    graph.push(`anullsrc=r=48000:cl=stereo,atrim=duration=${seconds(timelineSec)}[mix]`);
  } else {
    sounds.forEach((sound, i) => {
      // async=1 fills gaps in the timestamps with silence: a WebRTC microphone sends nothing while
      // muted or silent (DTX), and without it everything after a gap would play early.
      graph.push(
        `[${inputIndex.get(sound)}:a:0]asetpts=PTS-STARTPTS,aresample=48000:async=1,aformat=sample_rates=48000:channel_layouts=stereo,` +
          `adelay=delays=${Math.round(sound.offsetSec * 1000)}:all=1[sound${i}]`,
      );
    });
    graph.push(
      sounds.length === 1
        ? `[sound0]anull[mix]`
        : `${sounds.map((_, i) => `[sound${i}]`).join('')}amix=inputs=${sounds.length}:duration=longest:dropout_transition=0:normalize=0[mix]`,
    );
  }
  graph.push(`[mix]apad=whole_dur=${seconds(timelineSec)},atrim=start=${seconds(startSec)}:end=${seconds(endSec)},asetpts=PTS-STARTPTS[aout]`);

  args.push(
    '-filter_complex', graph.join(';'),
    '-map', '[vout]', '-map', '[aout]',
    ...intermediateVideo, ...intermediateAudio,
    '-f', 'matroska', fileArg(job.output),
  );
  return { args, durationSec: endSec - startSec, width, height };
}

/** Seconds for people: 12, 10.5. */
function readable(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Parts that can contribute: a camera or screen needs video, a microphone sound, an upload either. */
function usable(sources: ComposeSource[]): ComposeSource[] {
  return sources.filter((s) => s.durationSec > 0 && (s.role === 'microphone' ? s.hasAudio : s.role === 'upload' ? s.hasAudio || s.video : s.video));
}

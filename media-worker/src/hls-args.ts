import path from 'node:path';

/**
 * The HLS ladder, the poster and the thumbnail sprite from one decode of one input: ffmpeg's
 * `split` feeds every rendition's scaler and encoder plus the two image outputs, so the source is
 * read and decoded once (measured against one ffmpeg per rendition in bench/transcode.ts).
 */

/** A rung of the ladder: its height and the bitrate cap (VBV maxrate) of its video. */
export interface LadderRung {
  name: string;
  height: number;
  maxrateKbps: number;
}

/** Highest first. A talk is mostly slides and a face: the caps are rarely reached with CRF. */
export const ladderRungs: readonly LadderRung[] = [
  { name: '1080p', height: 1080, maxrateKbps: 5000 },
  { name: '720p', height: 720, maxrateKbps: 2800 },
  { name: '480p', height: 480, maxrateKbps: 1400 },
  { name: '360p', height: 360, maxrateKbps: 800 },
];

export interface Rendition {
  name: string;
  width: number;
  height: number;
  maxrateKbps: number;
}

/** Rounds to the nearest even number (H.264 with 4:2:0 chroma needs even sizes), at least 2. */
export function even(value: number): number {
  return Math.max(2, Math.round(value / 2) * 2);
}

/** Rounds down to an even number, at least 2: never scales an odd-sized picture up. */
export function evenDown(value: number): number {
  return Math.max(2, Math.floor(value / 2) * 2);
}

/**
 * The renditions for a source of this (displayed) size: every rung no higher than the source,
 * never upscaled; a source below the lowest rung gets one rendition at its own height.
 */
export function planLadder(sourceWidth: number, sourceHeight: number, rungs: readonly LadderRung[] = ladderRungs): Rendition[] {
  if (!(sourceWidth > 0 && sourceHeight > 0)) throw new RangeError(`planLadder needs a positive size (got ${sourceWidth}x${sourceHeight})`);
  const widthAt = (height: number) => even((sourceWidth * height) / sourceHeight);
  const fitting = rungs.filter((rung) => rung.height <= sourceHeight);
  if (fitting.length > 0) return fitting.map((rung) => ({ ...rung, width: widthAt(rung.height) }));
  const lowest = rungs.at(-1) ?? ladderRungs.at(-1)!;
  const height = evenDown(sourceHeight);
  return [{ name: `${height}p`, height, width: widthAt(height), maxrateKbps: lowest.maxrateKbps }];
}

/** Seek-bar thumbnails: one tile every `intervalSec`, `columns` per row, `tileWidth` pixels wide. */
export interface SpritePlan {
  intervalSec: number;
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
}

const spriteTileWidth = 160;
const spriteBaseIntervalSec = 10;
const spriteColumns = 10;
/** A 3-hour talk still fits (1,080 tiles, 1,600 x 9,720 px); longer ones get wider intervals. */
const spriteMaxTiles = 1080;

export function planSprite(durationSec: number, width: number, height: number): SpritePlan {
  const intervalSec = Math.max(spriteBaseIntervalSec, Math.ceil(durationSec / spriteMaxTiles));
  const tiles = Math.max(1, Math.ceil(durationSec / intervalSec));
  const columns = Math.min(spriteColumns, tiles);
  return {
    intervalSec,
    columns,
    rows: Math.ceil(tiles / columns),
    tileWidth: spriteTileWidth,
    tileHeight: even((spriteTileWidth * height) / width),
  };
}

export interface HlsJob {
  /** Absolute path of the programme (an upload, or the composed recording). */
  input: string;
  /** Its displayed size; null when it has no video (a neutral frame is shown instead). */
  video: { width: number; height: number } | null;
  hasAudio: boolean;
  /** Seconds of the input to use; the output starts at 0. */
  startSec: number;
  durationSec: number;
  /** Absolute folder the ladder, `master.m3u8`, `poster.jpg` and `sprite.jpg` are written to. */
  outputDir: string;
  /** Defaults to planLadder of the source; the benchmark passes one rung to time it alone. */
  renditions?: Rendition[];
  encoder?: Partial<EncoderSettings>;
}

export interface EncoderSettings {
  /** libx264 preset (chosen by bench/transcode.ts on a 2-core machine: see bench/README.md). */
  preset: string;
  crf: number;
  /** Threads per libx264 encoder; 0 lets x264 choose (1.5 x cores each). */
  threads: number;
  /** Seconds per segment; every rendition has a keyframe exactly at each boundary. */
  segmentSec: number;
  audioKbps: number;
}

export const defaultEncoder: EncoderSettings = { preset: 'veryfast', crf: 23, threads: 0, segmentSec: 4, audioKbps: 128 };

/** Frame of an audio-only programme: a dark neutral picture, small, since it shows nothing. */
export const neutralFrame = { width: 640, height: 360, color: '0x101010', fps: 30 };

export interface HlsPlan {
  args: string[];
  renditions: (Rendition & { playlist: string })[];
  master: string;
  poster: string;
  sprite: SpritePlan & { key: string };
}

/** A file ffmpeg is told about: absolute, and behind `file:` so a colon in it is not a protocol. */
export function fileArg(filePath: string): string {
  if (!path.isAbsolute(filePath)) throw new TypeError(`ffmpeg is only given absolute paths (got ${JSON.stringify(filePath)})`);
  return `file:${filePath}`;
}

/**
 * The containers a recording (Matroska from the recorder) or an upload (MP4, MOV, WebM, MKV) comes
 * in: `mov` is ffmpeg's MP4/MOV demuxer, `matroska` its Matroska/WebM one. Anything else is refused
 * before it is parsed; above all a playlist (HLS, concat) renamed to .mp4, which would otherwise
 * make ffmpeg read other local files named in it, such as another talk's recording.
 */
export const inputFormatWhitelist = 'mov,matroska';

/** Before every input: ffmpeg opens local files only (no network protocols), and only media containers. */
export function inputArgs(filePath: string, options: string[] = []): string[] {
  return ['-protocol_whitelist', 'file', '-format_whitelist', inputFormatWhitelist, ...options, '-i', fileArg(filePath)];
}

/** Options every ffmpeg run shares: no keyboard, errors only, machine-readable progress on stdout. */
export const commonArgs = ['-nostdin', '-hide_banner', '-v', 'error', '-progress', 'pipe:1', '-y'];

const posterName = 'poster.jpg';
const spriteName = 'sprite.jpg';
const masterName = 'master.m3u8';

/**
 * ffmpeg arguments for the whole output of a transcode. The caller creates `outputDir/<name>/`
 * for each rendition first: behind `file:` the HLS muxer does not create folders.
 */
export function buildHlsArgs(job: HlsJob): HlsPlan {
  const encoder = { ...defaultEncoder, ...job.encoder };
  const frame = job.video ?? neutralFrame;
  const renditions = job.renditions ?? planLadder(frame.width, frame.height);
  if (renditions.length === 0) throw new RangeError('buildHlsArgs needs at least one rendition');
  if (!(job.durationSec > 0)) throw new RangeError(`buildHlsArgs needs a positive duration (got ${job.durationSec})`);
  const sprite = planSprite(job.durationSec, frame.width, frame.height);
  // Early, but past a title card's fade-in; well inside even a short clip.
  const posterAtSec = Math.min(10, job.durationSec * 0.1);
  const posterHeight = Math.min(720, renditions[0]!.height);
  const n = renditions.length;

  const graph: string[] = [];
  const video = job.video
    ? '[0:v:0]'
    : `color=c=${neutralFrame.color}:s=${neutralFrame.width}x${neutralFrame.height}:r=${neutralFrame.fps}:d=${seconds(job.durationSec)},`;
  graph.push(`${video}split=${n + 2}${renditions.map((_, i) => `[s${i}]`).join('')}[sposter][ssprite]`);
  renditions.forEach((r, i) => graph.push(`[s${i}]scale=${r.width}:${r.height},setsar=1[v${i}]`));
  graph.push(`[sposter]trim=start=${seconds(posterAtSec)},scale=-2:${posterHeight},setsar=1[poster]`);
  // `select` keeps the first frame and then one at least intervalSec after the last kept one.
  graph.push(
    `[ssprite]select='isnan(prev_selected_t)+gte(t-prev_selected_t\\,${sprite.intervalSec})',` +
      `scale=${sprite.tileWidth}:${sprite.tileHeight},setsar=1,tile=${sprite.columns}x${sprite.rows}[sprite]`,
  );
  const audio = job.hasAudio ? '[0:a:0]' : `anullsrc=r=48000:cl=stereo,atrim=duration=${seconds(job.durationSec)},`;
  graph.push(`${audio}aresample=48000,asplit=${n}${renditions.map((_, i) => `[a${i}]`).join('')}`);

  const seek = job.startSec > 0 ? ['-ss', seconds(job.startSec)] : [];
  const args = [
    ...commonArgs,
    ...inputArgs(job.input, [...seek, '-t', seconds(job.durationSec)]),
    '-filter_complex', graph.join(';'),
    // Images first: each ends after one frame, the ladder runs to the end.
    '-map', '[poster]', '-frames:v', '1', '-update', '1', '-q:v', '3', fileArg(path.join(job.outputDir, posterName)),
    '-map', '[sprite]', '-frames:v', '1', '-update', '1', '-q:v', '5', '-fps_mode', 'passthrough', fileArg(path.join(job.outputDir, spriteName)),
  ];
  renditions.forEach((_, i) => args.push('-map', `[v${i}]`));
  renditions.forEach((_, i) => args.push('-map', `[a${i}]`));
  args.push(
    '-c:v', 'libx264', '-preset', encoder.preset, '-crf', String(encoder.crf), '-pix_fmt', 'yuv420p',
    '-profile:v', 'high', '-threads', String(encoder.threads),
    // Keyframes at every segment boundary and nowhere else chosen by content (no scene cut), in
    // every rendition alike, so a player can switch rendition at any segment.
    '-force_key_frames', `expr:gte(t,n_forced*${encoder.segmentSec})`, '-sc_threshold', '0',
  );
  renditions.forEach((r, i) => args.push(`-maxrate:v:${i}`, `${r.maxrateKbps}k`, `-bufsize:v:${i}`, `${r.maxrateKbps * 2}k`));
  args.push('-c:a', 'aac', '-b:a', `${encoder.audioKbps}k`, '-ac', '2');
  args.push(
    '-f', 'hls',
    '-protocol_whitelist', 'file',
    '-hls_time', String(encoder.segmentSec),
    '-hls_playlist_type', 'vod',
    '-hls_segment_type', 'mpegts',
    '-hls_segment_filename', fileArg(path.join(job.outputDir, '%v', 'segment-%04d.ts')),
    '-master_pl_name', masterName,
    '-var_stream_map', renditions.map((r, i) => `v:${i},a:${i},name:${r.name}`).join(' '),
    fileArg(path.join(job.outputDir, '%v', 'index.m3u8')),
  );

  return {
    args,
    renditions: renditions.map((r) => ({ ...r, playlist: `${r.name}/index.m3u8` })),
    master: masterName,
    poster: posterName,
    sprite: { ...sprite, key: spriteName },
  };
}

/** Seconds as ffmpeg reads them: plain decimal, millisecond precision, no exponent. */
export function seconds(value: number): string {
  return (Math.round(value * 1000) / 1000).toFixed(3);
}

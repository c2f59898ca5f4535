import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

/** Test media made with the system ffmpeg, the same one the worker runs. */
const run = promisify(execFile);

async function ffmpeg(args: string[]): Promise<void> {
  await run('ffmpeg', ['-hide_banner', '-v', 'error', '-y', ...args]);
}

/** A talk as an organizer would upload it: H.264 + AAC in MP4, a moving test picture and a tone. */
export async function makeUpload(file: string, { seconds = 6, width = 1280, height = 720 } = {}): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await ffmpeg([
    '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=30`,
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-t', String(seconds), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-movflags', '+faststart',
    file,
  ]);
}

/**
 * A picture-only part as the server's recorder writes it (VP8 in Matroska), one solid colour, so a
 * test can tell from a pixel which part is on screen.
 */
export async function makeVideoPart(file: string, { seconds, width, height, color }: { seconds: number; width: number; height: number; color: string }): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await ffmpeg(['-f', 'lavfi', '-i', `color=c=${color}:size=${width}x${height}:rate=30`, '-t', String(seconds), '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '300k', file]);
}

/** A sound-only part as the recorder writes it: Opus in Matroska. */
export async function makeAudioPart(file: string, { seconds }: { seconds: number }): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=48000', '-t', String(seconds), '-c:a', 'libopus', file]);
}

/** Bytes that no demuxer takes for media, the same every run so a freak match cannot flake. */
export async function makeRandomBytes(file: string, bytes = 64 * 1024): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const blocks = Array.from({ length: Math.ceil(bytes / 32) }, (_, i) => createHash('sha256').update(`corrupt-${i}`).digest());
  await fs.writeFile(file, Buffer.concat(blocks).subarray(0, bytes));
}

/** The first `fraction` of a valid MP4 written without faststart: its index (moov) is at the end, so gone. */
export async function makeTruncatedMp4(file: string, fraction = 0.5): Promise<void> {
  const whole = `${file}.whole.mp4`;
  await fs.mkdir(path.dirname(file), { recursive: true });
  await ffmpeg([
    '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-f', 'lavfi', '-i', 'sine=sample_rate=48000',
    '-t', '4', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', whole,
  ]);
  const bytes = await fs.readFile(whole);
  await fs.writeFile(file, bytes.subarray(0, Math.floor(bytes.length * fraction)));
  await fs.rm(whole);
}

/** The average colour of a region of the frame at `atSec`, as [r, g, b], read with ffmpeg. */
export async function colorAt(
  playlistOrFile: string,
  atSec: number,
  region: { x: string; y: string; w: string; h: string } = { x: 'iw/4', y: 'ih/4', w: 'iw/2', h: 'ih/2' },
): Promise<[number, number, number]> {
  const { stdout } = await promisify(execFile)(
    'ffmpeg',
    [
      '-hide_banner', '-v', 'error', '-protocol_whitelist', 'file', '-i', playlistOrFile, '-frames:v', '1',
      // Filters see timestamps from 0 (ffmpeg removes the file's start time), as a player shows them.
      '-vf', `trim=start=${atSec},crop=${region.w}:${region.h}:${region.x}:${region.y},scale=1:1:flags=area`,
      '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-',
    ],
    { encoding: 'buffer' },
  );
  return [stdout[0]!, stdout[1]!, stdout[2]!];
}

/** Loudest sample (dBFS) of the sound between two times; -Infinity for digital silence. */
export async function maxVolumeDb(file: string, fromSec: number, toSec: number): Promise<number> {
  const { stderr } = await run('ffmpeg', [
    '-hide_banner', '-protocol_whitelist', 'file', '-i', file,
    '-af', `atrim=start=${fromSec}:end=${toSec},volumedetect`, '-vn', '-f', 'null', '-',
  ]);
  const match = /max_volume: (-?[\d.]+|-inf) dB/.exec(stderr);
  if (!match) throw new Error(`volumedetect printed no max_volume: ${stderr}`);
  return match[1] === '-inf' ? -Infinity : Number(match[1]);
}

/** Width and height of an image or video file. */
export async function sizeOf(file: string): Promise<{ width: number; height: number }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'json', file]);
  const stream = (JSON.parse(stdout) as { streams: { width: number; height: number }[] }).streams[0]!;
  return { width: stream.width, height: stream.height };
}

// transcode: how fast media-worker turns a 60-second 1080p talk into its HLS ladder (1080/720/480/360,
// with poster and sprite, exactly the arguments the worker uses), and a single 720p rendition,
// against a `-c copy` remux of the same file to HLS in the same run. See bench/README.md.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildHlsArgs, defaultEncoder, type EncoderSettings, type HlsJob, planLadder } from '../media-worker/src/hls-args';
import { round, runBenchmark, writeResult } from './lib/results';

const run = promisify(execFile);
const ffmpeg = process.env.FFMPEG_BIN ?? 'ffmpeg';
const talkSec = 60;
/** Each figure is the best of this many runs: other work on a shared machine only ever slows a run. */
const runs = Number(process.env.BENCH_TRANSCODE_RUNS ?? 2);
/** `1`: also time other encoder settings and one ffmpeg per rendition (the choices behind the defaults). */
const compare = process.env.BENCH_TRANSCODE_COMPARE === '1';

interface Timing {
  wallSec: number;
  /** ffmpeg's own `-benchmark` report: CPU seconds of all its threads. */
  cpuSec: number;
  /** Bytes written: at the same CRF, a slower preset should write fewer. */
  bytes?: number;
  /** The 1-minute load average when the run began: other work on the machine slows a run. */
  loadAtStart?: number;
}

/** Runs ffmpeg with `-benchmark` and returns wall and CPU time. */
async function timeFfmpeg(args: string[]): Promise<Timing> {
  const started = process.hrtime.bigint();
  // -benchmark reports at the info level; the worker's arguments ask for errors only.
  const verbose = args.map((arg, i) => (arg === 'error' && args[i - 1] === '-v' ? 'info' : arg));
  const { stderr } = await run(ffmpeg, ['-benchmark', ...verbose], { maxBuffer: 64 * 1024 * 1024 });
  const wallSec = Number(process.hrtime.bigint() - started) / 1e9;
  const bench = /bench: utime=([\d.]+)s stime=([\d.]+)s/.exec(stderr);
  return { wallSec, cpuSec: bench ? Number(bench[1]) + Number(bench[2]) : Number.NaN };
}

/**
 * A talk as a speaker's laptop would record it: 1080p30 slides (mostly still, text that changes
 * every 10 s, a bar chart), a small moving and noisy camera inset like a webcam's, and speech-like
 * sound (pink noise shaped to a voice band, its level moving at syllable rate). H.264 + AAC in MP4,
 * a keyframe every 2 s, as cameras and screen recorders write it.
 */
async function makeTalk(file: string): Promise<void> {
  const font = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf'].find(existsSync);
  const slides = Array.from({ length: talkSec / 10 }, (_, i) => i);
  const during = (i: number) => `enable='between(t,${i * 10},${i * 10 + 10})'`;
  const text = (i: number, line: string, x: number, y: number, size: number, color: string) =>
    font ? `drawtext=fontfile=${font}:text='${line}':x=${x}:y=${y}:fontsize=${size}:fontcolor=${color}:${during(i)}` : null;
  const slideFilters = slides.flatMap((i) => [
    text(i, `Part ${i + 1} - Managing hypertension in primary care`, 80, 50, 64, 'white'),
    ...[0, 1, 2, 3, 4].map((line) =>
      text(i, `- Point ${line + 1} of slide ${i + 1}, target ${120 + 5 * line + i}/80 mmHg in adults over ${40 + 5 * line}`, 100, 230 + line * 90, 44, '0x222222'),
    ),
    // Lines of text as boxes when no font is installed; and a bar chart on every slide.
    ...(font ? [] : [0, 1, 2, 3, 4].map((line) => `drawbox=x=100:y=${240 + line * 90}:w=${900 + ((line * 173 + i * 311) % 700)}:h=36:color=0x333333:t=fill:${during(i)}`)),
    ...[0, 1, 2, 3].map((bar) => {
      const height = 80 + ((bar * 97 + i * 53) % 220);
      return `drawbox=x=${300 + bar * 140}:y=${1000 - height}:w=100:h=${height}:color=0x${['2E86AB', 'F18F01', 'C73E1D', '3B1F2B'][bar]}:t=fill:${during(i)}`;
    }),
  ]).filter(Boolean);
  const graph = [
    `color=c=0xF7F7F2:s=1920x1080:r=30:d=${talkSec},drawbox=x=0:y=0:w=1920:h=170:color=0x1F3A5F:t=fill,${slideFilters.join(',')}[slides]`,
    // The webcam: motion everywhere and sensor noise that changes every frame.
    `testsrc2=s=480x270:r=30:d=${talkSec},noise=alls=12:allf=t+u,format=yuv420p[camera]`,
    '[slides][camera]overlay=x=W-w-40:y=H-h-40,format=yuv420p[v]',
    `anoisesrc=c=pink:r=48000:a=0.3:d=${talkSec},bandpass=f=700:width_type=h:w=1400,volume='0.55+0.45*sin(2*PI*3.7*t)*sin(2*PI*0.7*t)':eval=frame,pan=stereo|c0=c0|c1=c0[a]`,
  ].join(';');
  await run(ffmpeg, [
    '-hide_banner', '-v', 'error', '-y', '-filter_complex', graph, '-map', '[v]', '-map', '[a]',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-g', '60', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart', file,
  ]);
}

/** The worker's own arguments (buildHlsArgs), into a fresh folder with a subfolder per rendition. */
async function ladderArgs(talk: string, outputDir: string, job: Partial<HlsJob> = {}): Promise<{ args: string[]; dir: string }> {
  await fs.rm(outputDir, { recursive: true, force: true });
  const plan = buildHlsArgs({ input: talk, video: { width: 1920, height: 1080 }, hasAudio: true, startSec: 0, durationSec: talkSec, outputDir, ...job });
  for (const r of plan.renditions) await fs.mkdir(path.join(outputDir, r.name), { recursive: true });
  return { args: plan.args, dir: outputDir };
}

async function remuxArgs(talk: string, outputDir: string): Promise<{ args: string[]; dir: string }> {
  await fs.rm(outputDir, { recursive: true, force: true });
  await fs.mkdir(outputDir, { recursive: true });
  const args = [
    '-nostdin', '-hide_banner', '-v', 'error', '-y', '-protocol_whitelist', 'file', '-i', `file:${talk}`, '-c', 'copy',
    '-f', 'hls', '-hls_time', String(defaultEncoder.segmentSec), '-hls_playlist_type', 'vod',
    '-hls_segment_filename', `file:${outputDir}/segment-%04d.ts`, `file:${outputDir}/index.m3u8`,
  ];
  return { args, dir: outputDir };
}

async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await fs.stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/**
 * Runs each measure `runs` times, interleaved, so a burst of other work does not hit one measure
 * only. A measure gives its arguments and the folder it writes.
 */
async function measure(measures: Record<string, () => Promise<{ args: string[]; dir: string }>>): Promise<Record<string, Timing[]>> {
  const timings: Record<string, Timing[]> = Object.fromEntries(Object.keys(measures).map((name) => [name, []]));
  for (let i = 0; i < runs; i += 1) {
    for (const [name, prepare] of Object.entries(measures)) {
      const { args, dir } = await prepare();
      const loadAtStart = round(os.loadavg()[0]!);
      const timing = { ...(await timeFfmpeg(args)), bytes: await bytesUnder(dir), loadAtStart };
      timings[name]!.push(timing);
      console.log(
        `[transcode] ${name} run ${i + 1}: ${round(talkSec / timing.wallSec)}x realtime (${round(timing.wallSec)} s wall, ${round(timing.cpuSec)} s CPU, ${round(timing.bytes / 1e6)} MB, load ${loadAtStart})`,
      );
    }
  }
  return timings;
}

const best = (timings: Timing[]) => timings.reduce((a, b) => (b.wallSec < a.wallSec ? b : a));
const realtime = (timings: Timing[]) => round(talkSec / best(timings).wallSec);

async function main(): Promise<void> {
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rounds-bench-transcode-'));
  try {
    // BENCH_TRANSCODE_TALK: a path to keep the talk at and reuse in later runs (it takes a minute to make).
    const talk = process.env.BENCH_TRANSCODE_TALK ?? path.join(workDir, 'talk.mp4');
    if (!existsSync(talk)) {
      const madeIn = Date.now();
      await makeTalk(talk);
      console.log(`[transcode] made a ${talkSec} s 1080p30 talk in ${round((Date.now() - madeIn) / 1000)} s`);
    }
    const out = (name: string) => path.join(workDir, 'out', name);
    const single720 = planLadder(1920, 1080).filter((r) => r.name === '720p');

    const measures: Record<string, () => Promise<{ args: string[]; dir: string }>> = {
      remux: () => remuxArgs(talk, out('remux')),
      ladder: () => ladderArgs(talk, out('ladder')),
      single720: () => ladderArgs(talk, out('single720'), { renditions: single720 }),
    };
    if (compare) {
      const variants: Partial<EncoderSettings>[] = [{ preset: 'ultrafast' }, { preset: 'superfast' }, { preset: 'faster' }, { preset: 'fast' }, { threads: 1 }, { threads: 2 }];
      for (const encoder of variants) {
        const name = `ladder ${JSON.stringify(encoder)}`;
        measures[name] = () => ladderArgs(talk, out(name.replace(/\W+/g, '-')), { encoder });
      }
    }
    const timings = await measure(measures);

    // Decode once (split) against one ffmpeg per rendition, all at once, as the alternative design.
    let perRendition: Timing | undefined;
    if (compare) {
      const started = process.hrtime.bigint();
      const each = await Promise.all(
        planLadder(1920, 1080).map(async (rung) => timeFfmpeg((await ladderArgs(talk, out(`each-${rung.name}`), { renditions: [rung] })).args)),
      );
      perRendition = { wallSec: Number(process.hrtime.bigint() - started) / 1e9, cpuSec: each.reduce((sum, t) => sum + t.cpuSec, 0) };
      console.log(`[transcode] one ffmpeg per rendition, in parallel: ${round(talkSec / perRendition.wallSec)}x realtime`);
    }

    const metrics = {
      ladderRealtime: realtime(timings.ladder!),
      single720Realtime: realtime(timings.single720!),
      remuxRealtime: realtime(timings.remux!),
    };
    const result = writeResult(
      'transcode',
      metrics,
      { ladderRealtime: { min: 1.0 }, single720Realtime: { min: 1.5 } },
      {
        talk: { seconds: talkSec, width: 1920, height: 1080, fps: 30, codec: 'h264 + aac', bytes: (await fs.stat(talk)).size },
        encoder: defaultEncoder,
        ladder: planLadder(1920, 1080).map((r) => r.name),
        runs,
        method: 'best of the runs; realtime = media seconds / wall seconds; cpuSec from ffmpeg -benchmark',
        ratios: { ladderVsRemux: round(metrics.ladderRealtime / metrics.remuxRealtime, 3), single720VsRemux: round(metrics.single720Realtime / metrics.remuxRealtime, 3) },
        cpuSecondsPerMediaSecond: Object.fromEntries(Object.entries(timings).map(([name, t]) => [name, round(best(t).cpuSec / talkSec, 3)])),
        // What each would reach with every core to itself: media seconds over (CPU seconds / cores).
        // Less moved by other work than wall time, though not immune (shared caches, clock).
        cpuBoundRealtime: Object.fromEntries(
          Object.entries(timings).map(([name, t]) => [name, round((talkSec * os.cpus().length) / Math.min(...t.map((x) => x.cpuSec)))]),
        ),
        timings: Object.fromEntries(
          Object.entries(timings).map(([name, t]) => [
            name,
            t.map((x) => ({ wallSec: round(x.wallSec), cpuSec: round(x.cpuSec), bytes: x.bytes, loadAtStart: x.loadAtStart })),
          ]),
        ),
        ...(perRendition ? { perRenditionParallel: { realtime: round(talkSec / perRendition.wallSec), cpuSec: round(perRendition.cpuSec) } } : {}),
      },
    );
    console.log(JSON.stringify(result.metrics), result.pass ? 'pass' : 'MISSED');
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

runBenchmark(main);

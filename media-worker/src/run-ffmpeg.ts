import { FfmpegProgressReader } from './ffmpeg-progress';
import { withParentDeathSignal } from './parent-death';
import { unreadableMedia } from './processors/permanent-errors';
import { runTool, ToolFailedError } from './run-tool';

export interface RunFfmpegOptions {
  signal: AbortSignal;
  /** Media seconds the run writes, to turn `out_time` into a fraction. */
  durationSec: number;
  onFraction(fraction: number): void;
  /** What the organizer calls the input, for a permanent failure's reason. */
  label: string;
  /** No progress block for this long means a stuck ffmpeg: kill it, and let BullMQ retry. */
  stallMs?: number;
}

/** ffmpeg's last words when the input itself is bad: the same file fails the same way every time. */
const inputFaults = [
  /Invalid data found when processing input/i,
  /could not find codec parameters/i,
  /does not contain any stream/i,
  /moov atom not found/i,
  /Invalid NAL unit size/i,
  /EBML header parsing failed/i,
  /Output file #\d+ does not contain any stream/i,
];

const defaultStallMs = 120_000;

/**
 * Runs ffmpeg with `-progress pipe:1` among its arguments. Resolves when it exits 0. Rejects
 * permanently (UnrecoverableError) when ffmpeg's last error line blames the input, and with a plain
 * Error (retried) for anything else: a full disk, a killed process, a stall.
 */
export async function runFfmpeg(ffmpegBin: string, args: string[], options: RunFfmpegOptions): Promise<void> {
  const stallMs = options.stallMs ?? defaultStallMs;
  const stalled = new AbortController();
  let watchdog = setTimeout(() => stalled.abort(), stallMs);
  const reader = new FfmpegProgressReader((outTimeSec) => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => stalled.abort(), stallMs);
    options.onFraction(outTimeSec / options.durationSec);
  });
  try {
    const [bin, launchArgs] = withParentDeathSignal(ffmpegBin, args);
    await runTool(bin, launchArgs, {
      signal: AbortSignal.any([options.signal, stalled.signal]),
      onStdout: (chunk) => reader.push(chunk),
    });
  } catch (error) {
    if (stalled.signal.aborted && !options.signal.aborted) {
      throw new Error(`ffmpeg made no progress for ${stallMs / 1000} s and was stopped`, { cause: error });
    }
    if (error instanceof ToolFailedError && error.failure === 'exit') {
      const lastLine = error.stderrTail.split('\n').filter(Boolean).at(-1) ?? `exit code ${error.exitCode}`;
      if (inputFaults.some((pattern) => pattern.test(lastLine))) {
        throw unreadableMedia(`${options.label} (ffmpeg: ${lastLine.replace(/file:\/\S+: /g, '')})`);
      }
      throw new Error(`ffmpeg failed on ${options.label}: ${lastLine}`, { cause: error });
    }
    throw error;
  } finally {
    clearTimeout(watchdog);
  }
}

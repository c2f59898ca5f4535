import fs from 'node:fs/promises';
import path from 'node:path';
import { jobs, type ProbeResult } from '@rounds/shared';
import { buildProbeArgs, parseProbeOutput, ProbeOutputError } from '../ffprobe';
import type { Logger } from '../logger';
import { runTool, ToolFailedError } from '../run-tool';
import { invalidPayload, unreadableMedia } from './permanent-errors';
import type { ProcessorContext } from './types';

/** ffprobe reads headers only; a local file taking longer than this means a stuck disk or tool. */
const probeTimeoutMs = 60_000;
/** ffprobe's JSON for even a many-stream file is a few kilobytes. */
const maxProbeOutputBytes = 4 * 1024 * 1024;

/** The `probe` job: duration and streams of a local media file. */
export async function probe(data: unknown, { tools, signal, logger }: ProcessorContext): Promise<ProbeResult> {
  const payload = jobs.probe.safeParse(data);
  if (!payload.success) {
    throw invalidPayload('probe', payload.error.issues.map((i) => `${i.path.join('.') || 'payload'} ${i.message}`).join('; '));
  }
  const filePath = payload.data.path;
  await assertReadableFile(filePath);

  return probeMedia(tools.ffprobeBin, filePath, signal, logger);
}

/**
 * ffprobe on a local file. Fails permanently, naming the file as `label` (what the organizer knows
 * it by, not a scratch path), when ffprobe rejects it or finds nothing to play in it.
 */
export async function probeMedia(
  ffprobeBin: string,
  filePath: string,
  signal: AbortSignal,
  logger: Logger,
  label = filePath,
): Promise<ProbeResult> {
  const stdout = await runProbe(ffprobeBin, filePath, label, signal);
  try {
    const result = parseProbeOutput(stdout);
    logger.debug({ path: filePath, result }, 'probed');
    return result;
  } catch (error) {
    if (error instanceof ProbeOutputError) throw unreadableMedia(`${label}: ${error.message}`);
    throw error;
  }
}

/**
 * Rejects, permanently, what ffprobe must never be pointed at: URLs and relative paths (the
 * payload comes from another process), missing files, and anything that is not a regular file
 * (a FIFO or a device would block ffprobe forever). Unexpected I/O errors stay retryable.
 */
export async function assertReadableFile(filePath: string, label = filePath): Promise<void> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(filePath)) {
    throw unreadableMedia(`${JSON.stringify(filePath)} is a URL; only paths of local files are accepted`);
  }
  if (!path.isAbsolute(filePath)) {
    throw unreadableMedia(`${JSON.stringify(filePath)} is not an absolute path`);
  }
  let stat;
  try {
    stat = await fs.stat(filePath);
    await fs.access(filePath, fs.constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG' || code === 'ELOOP') {
      throw unreadableMedia(`${label} does not exist`);
    }
    if (code === 'EACCES' || code === 'EPERM') throw unreadableMedia(`${label} cannot be read by the media worker`);
    throw error;
  }
  if (!stat.isFile()) throw unreadableMedia(`${label} is not a regular file`);
  if (stat.size === 0) throw unreadableMedia(`${label} is empty`);
}

async function runProbe(ffprobeBin: string, filePath: string, label: string, jobSignal: AbortSignal): Promise<string> {
  const timeout = AbortSignal.timeout(probeTimeoutMs);
  try {
    const { stdout } = await runTool(ffprobeBin, buildProbeArgs(filePath), {
      signal: AbortSignal.any([jobSignal, timeout]),
      maxStdoutBytes: maxProbeOutputBytes,
    });
    return stdout;
  } catch (error) {
    // ffprobe read the file and gave its verdict: the same file gets the same verdict next time.
    if (error instanceof ToolFailedError && error.failure !== 'signal') {
      throw unreadableMedia(`${label} (ffprobe: ${ffprobeReason(error.stderrTail, filePath)})`);
    }
    if (timeout.aborted) throw new Error(`ffprobe did not finish within ${probeTimeoutMs / 1000} s`, { cause: error });
    // Could not start (EAGAIN, a missing binary), killed by a signal, or job cancelled: retryable.
    throw error;
  }
}

/**
 * ffprobe's last two distinct stderr lines, without the `file:<path>: ` and `[demuxer @ 0x...] `
 * it puts before them: the generic verdict comes last, the demuxer's specific cause just before it
 * ("moov atom not found; Invalid data found when processing input").
 */
export function ffprobeReason(stderrTail: string, filePath: string): string {
  const lines = stderrTail
    .split('\n')
    .map((line) => line.replace(`file:${filePath}: `, '').replace(/^\[[^\]]+ @ 0x[0-9a-f]+\] /, '').trim())
    .filter(Boolean);
  const distinct = lines.filter((line, i) => lines.indexOf(line) === i);
  return distinct.slice(-2).join('; ') || 'no error message';
}

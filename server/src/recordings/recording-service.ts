import { RoundsError, jobs, transcodeJobId, type RecordingSummary, type TranscodeResult, type Trim } from '@rounds/shared';
import type { Logger } from '../logger';
import type { JobListener, MediaQueue } from '../queue/media-queue';
import type { RecordingStore } from './recording-store';

const transcodeJob = /^transcode-([0-9a-f-]{36})-v(\d+)$/;

/** A node that writes parts of captures; told to stop its parts of a recording (see StageRecorder). */
export interface CaptureNodes {
  /** Asks every other node holding open parts of the recording to close them; resolves when asked. */
  stopParts(recordingId: string, nodeIds: string[]): Promise<void>;
  isAlive(nodeId: string): Promise<boolean>;
}

/**
 * The life of a recording: `recording` while parts are captured, `queued` once every part is
 * closed and the transcode job is enqueued, `processing` with the job's percent, then `ready` or
 * `failed`. Retry and trim start a new version (a new job id); only the current version's job may
 * finish the recording, so a late or duplicated job changes nothing.
 */
export class RecordingService implements JobListener {
  readonly #store: RecordingStore;
  readonly #queue: MediaQueue;
  readonly #logger: Logger;

  constructor(store: RecordingStore, queue: MediaQueue, logger: Logger) {
    this.#store = store;
    this.#queue = queue;
    this.#logger = logger;
  }

  async summary(recordingId: string): Promise<RecordingSummary> {
    const [summary] = await this.#store.summaries({ recordingId });
    if (!summary) throw new RoundsError('recording.notFound');
    return summary;
  }

  /**
   * The capture has stopped on this node and its parts here are closed. When no part is open
   * anywhere any more (parts of dead nodes count as closed), the recording is queued for transcoding.
   */
  async complete(recordingId: string, nodes: CaptureNodes): Promise<void> {
    const open = await this.#store.openParts(recordingId);
    const alive = await Promise.all(open.map(async (part) => part.nodeId !== null && (await nodes.isAlive(part.nodeId))));
    for (const [i, part] of open.entries()) if (!alive[i]) await this.#store.endPart(part.id, 0);
    const elsewhere = open.filter((_, i) => alive[i]).map((part) => part.nodeId!);
    if (elsewhere.length > 0) {
      // Those nodes finish their parts and call complete() themselves.
      await nodes.stopParts(recordingId, [...new Set(elsewhere)]);
      return;
    }
    const enqueue = await this.#store.transaction(async (tx) => {
      const recording = await this.#store.lock(tx, recordingId);
      if (!recording || recording.status !== 'recording') return false;
      if ((await this.#store.openParts(recordingId, tx)).length > 0) return false;
      await this.#store.markStopped(recordingId, tx);
      const inputs = await this.#store.inputs(recordingId, tx);
      if (inputs.length === 0) {
        await this.#store.update(recordingId, { status: 'failed', failedReason: 'Nothing was recorded: no audio or video reached the recorder.' }, tx);
        return false;
      }
      await this.#store.update(recordingId, { status: 'queued', progress: 0 }, tx);
      return true;
    });
    if (enqueue) await this.enqueue(recordingId);
  }

  /** Enqueues the transcode of the recording's current version (idempotent: same version, same job). */
  async enqueue(recordingId: string): Promise<void> {
    const recording = await this.#store.get(recordingId);
    if (!recording) return;
    const inputs = await this.#store.inputs(recordingId);
    const trim = recording.trimStartSec === null && recording.trimEndSec === null ? null : { startSec: recording.trimStartSec ?? 0, endSec: recording.trimEndSec };
    const payload = jobs.transcode.parse({ recordingId, version: recording.version, inputs, trim, outputPrefix: assetPrefix(recordingId, recording.version) });
    await this.#queue.add('transcode', payload, transcodeJobId(recordingId, recording.version));
    this.#logger.info({ recordingId, version: recording.version, inputs: inputs.length }, 'transcode enqueued');
  }

  /** A failed recording is transcoded again, as a new version. */
  async retry(recordingId: string): Promise<RecordingSummary> {
    await this.#newVersion(recordingId, ['failed'], {});
    return this.summary(recordingId);
  }

  /** Sets the trim and transcodes again; a published earlier version stays playable until the new one is ready. */
  async trim(recordingId: string, trim: Trim): Promise<RecordingSummary> {
    await this.#newVersion(recordingId, ['ready', 'failed'], { trimStartSec: trim.startSec, trimEndSec: trim.endSec });
    return this.summary(recordingId);
  }

  async setPublished(recordingId: string, published: boolean): Promise<RecordingSummary> {
    const recording = await this.#store.get(recordingId);
    if (!recording) throw new RoundsError('recording.notFound');
    if (published && !recording.asset) throw new RoundsError('recording.notReady');
    await this.#store.update(recordingId, { publishedAt: published ? (recording.publishedAt ?? new Date()) : null });
    return this.summary(recordingId);
  }

  // ---- job events (JobListener) ----

  progress(jobId: string, percent: number): void {
    const job = parseJobId(jobId);
    if (job) void this.#store.progress(job.recordingId, job.version, Math.max(0, Math.min(100, Math.round(percent)))).catch((error: unknown) => this.#logger.warn({ err: error, jobId }, 'progress not saved'));
  }

  completed(jobId: string, result: unknown): void {
    const job = parseJobId(jobId);
    if (!job) return;
    void this.#finish(job.recordingId, job.version, result as TranscodeResult).catch((error: unknown) => this.#logger.error({ err: error, jobId }, 'completed job not saved'));
  }

  failed(jobId: string, reason: string): void {
    const job = parseJobId(jobId);
    if (!job) return;
    this.#logger.warn({ jobId, reason }, 'transcode failed');
    void this.#store.failed(job.recordingId, job.version, reason).catch((error: unknown) => this.#logger.error({ err: error, jobId }, 'failed job not saved'));
  }

  /** After a restart: jobs that finished while the server was away, and jobs never enqueued, are caught up. */
  async reconcile(): Promise<void> {
    for (const { id, version } of await this.#store.inFlight()) {
      const outcome = await this.#queue.outcome(transcodeJobId(id, version));
      if (outcome.state === 'completed') await this.#finish(id, version, outcome.result as TranscodeResult);
      else if (outcome.state === 'failed') await this.#store.failed(id, version, outcome.reason);
      else if (outcome.state === 'missing') await this.enqueue(id);
    }
  }

  async #finish(recordingId: string, version: number, result: TranscodeResult): Promise<void> {
    const saved = await this.#store.ready(recordingId, version, assetPrefix(recordingId, version), result);
    this.#logger.info({ recordingId, version, saved, durationSec: result.durationSec }, saved ? 'recording ready' : 'job result superseded by a newer version');
  }

  async #newVersion(recordingId: string, from: RecordingSummary['status'][], values: { trimStartSec?: number; trimEndSec?: number | null }): Promise<void> {
    await this.#store.transaction(async (tx) => {
      const recording = await this.#store.lock(tx, recordingId);
      if (!recording) throw new RoundsError('recording.notFound');
      if (!from.includes(recording.status)) throw new RoundsError('recording.busy');
      if ((await this.#store.inputs(recordingId, tx)).length === 0) throw new RoundsError('recording.notReady', 'Nothing was recorded to transcode');
      await this.#store.update(recordingId, { ...values, status: 'queued', progress: 0, failedReason: null, version: recording.version + 1 }, tx);
    });
    await this.enqueue(recordingId);
  }
}

/** Where the asset of a recording's version is written. */
export function assetPrefix(recordingId: string, version: number): string {
  return `assets/${recordingId}/v${version}`;
}

function parseJobId(jobId: string): { recordingId: string; version: number } | undefined {
  const match = transcodeJob.exec(jobId);
  return match ? { recordingId: match[1]!, version: Number(match[2]) } : undefined;
}

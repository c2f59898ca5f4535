import type { MediaStorage } from '@rounds/shared/src/storage/media-storage';
import type { Logger } from '../logger';

/** What a processor may use besides its payload. Kept small so tests can build one by hand. */
export interface ProcessorContext {
  logger: Logger;
  /** Aborted when BullMQ cancels the job or loses its lock, or the worker hands the job back: kill any running tool. */
  signal: AbortSignal;
  tools: { ffmpegBin: string; ffprobeBin: string };
  /** Where inputs are read from and assets written to. */
  storage: MediaStorage;
  /** A local folder for per-job work; a processor makes its own subfolder and removes it. */
  scratchDir: string;
  /**
   * The job's progress as a whole percent, for organizers. Fire and forget: the worker delivers
   * the reports in order and before the job completes.
   */
  reportProgress(percent: number): void;
}

/**
 * Runs one job type. Receives the payload as `unknown` and validates it itself against the
 * shared schema. Throws bullmq's UnrecoverableError for input that can never succeed, and any
 * other error for failures worth retrying.
 */
export type JobProcessor = (data: unknown, context: ProcessorContext) => Promise<unknown>;

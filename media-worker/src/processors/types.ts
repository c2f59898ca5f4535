import type { Logger } from '../logger';

/** What a processor may use besides its payload. Kept small so tests can build one by hand. */
export interface ProcessorContext {
  logger: Logger;
  /** Aborted when BullMQ cancels the job or loses its lock: kill any running tool. */
  signal: AbortSignal;
  tools: { ffmpegBin: string; ffprobeBin: string };
}

/**
 * Runs one job type. Receives the payload as `unknown` and validates it itself against the
 * shared schema. Throws bullmq's UnrecoverableError for input that can never succeed, and any
 * other error for failures worth retrying.
 */
export type JobProcessor = (data: unknown, context: ProcessorContext) => Promise<unknown>;

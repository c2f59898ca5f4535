import { jobs } from '@rounds/shared';
import { invalidPayload } from './permanent-errors';
import type { ProcessorContext } from './types';

/**
 * The `transcode` job. Placeholder until the HLS pipeline lands: validates the payload, then fails
 * retryably (BullMQ backs off), so a worker of a later version can still take the job.
 */
export async function transcode(data: unknown, _context: ProcessorContext): Promise<never> {
  const payload = jobs.transcode.safeParse(data);
  if (!payload.success) {
    throw invalidPayload('transcode', payload.error.issues.map((i) => `${i.path.join('.') || 'payload'} ${i.message}`).join('; '));
  }
  throw new Error('This media-worker cannot transcode yet');
}

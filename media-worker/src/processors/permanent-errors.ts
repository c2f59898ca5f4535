import { UnrecoverableError } from 'bullmq';

/**
 * Permanent failure for input that will never become valid by retrying. BullMQ stores the
 * message as the job's failedReason, which organizers read: say what is wrong with the file.
 */
export function unreadableMedia(detail: string): UnrecoverableError {
  return new UnrecoverableError(`The file is not a readable media file: ${detail}`);
}

/** Permanent failure for a payload that does not match the shared job schema. */
export function invalidPayload(jobName: string, detail: string): UnrecoverableError {
  return new UnrecoverableError(`The ${jobName} job payload is invalid: ${detail}`);
}

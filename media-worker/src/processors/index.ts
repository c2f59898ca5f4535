import type { JobName } from '@rounds/shared';
import { UnrecoverableError } from 'bullmq';
import { probe } from './probe';
import { transcode } from './transcode';
import type { JobProcessor } from './types';

/**
 * One processor per job name of the shared contract. `satisfies` makes the type check fail when
 * shared/src/jobs.ts gains a job that has no processor here yet.
 */
export const processors = { probe, transcode } satisfies Record<JobName, JobProcessor>;

/** The processor for a job name; a name we do not know can never succeed, so it fails permanently. */
export function processorFor(jobName: string): JobProcessor {
  // Own keys only: "constructor" or "__proto__" must not find Object.prototype members.
  if (!Object.hasOwn(processors, jobName)) {
    throw new UnrecoverableError(`Unknown job "${jobName}": this media worker has no processor for it`);
  }
  return processors[jobName as JobName];
}

import { useEffect } from 'react';
import type { RecordingStatus, RecordingSummary } from '@rounds/shared';
import { recordingsApi } from '../../api/recordings';
import { useRemote, type Remote } from './use-remote';

/** Statuses that change by themselves: capture running, waiting for a worker, or transcoding. */
export const inFlightStatuses: ReadonlySet<RecordingStatus> = new Set(['recording', 'queued', 'processing']);

/**
 * The conference's recordings for the console. Polled every 2 s while any is recording, queued or
 * processing: the server sends no recording notifications over the socket, and 2 s keeps the
 * progress bar moving without loading the server. Polling stops by itself once everything is ready
 * or failed; each poll starts only after the previous answer (or failure) arrived, so a slow server
 * never gets a pile of overlapping requests. A failed poll stops polling and shows Try again.
 */
export function useRecordings(conferenceId: string): Remote<RecordingSummary[]> {
  const remote = useRemote(() => recordingsApi.list(conferenceId), conferenceId);
  const { data, reload } = remote;
  const inFlight = data?.some((r) => inFlightStatuses.has(r.status)) ?? false;

  useEffect(() => {
    if (!inFlight) return;
    const timer = setTimeout(() => void reload(), 2000);
    return () => clearTimeout(timer);
  }, [data, inFlight, reload]);

  return remote;
}

import type { RecordingSummary } from '@rounds/shared';
import { ProgressBar } from '../../recordings/progress-bar';

const labels: Record<RecordingSummary['status'], string> = {
  recording: 'Recording',
  queued: 'Queued',
  processing: 'Processing',
  ready: 'Ready',
  failed: 'Failed',
};

/** Where a recording is: a badge, and while it waits or is transcoded, the progress in percent. */
export function RecordingStatus({ recording }: { recording: RecordingSummary }) {
  const { status, progress, sessionTitle } = recording;
  return (
    <div className="recording-status">
      <span className={`badge recording-badge status-${status}`}>
        {labels[status]}
      </span>
      {status === 'recording' && <span className="muted">Capturing the live stage now.</span>}
      {status === 'queued' && <span className="muted">Waiting for a media worker.</span>}
      {(status === 'queued' || status === 'processing') && <ProgressBar percent={status === 'queued' ? 0 : progress} label={`Processing ${sessionTitle}`} />}
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { RecordingSummary } from '@rounds/shared';
import { adviceFor } from '../../api/http';
import { recordingsApi } from '../../api/recordings';
import { formatClock } from '../../recordings/clock';
import { hrefFor } from '../../routes';
import { CaptionsButton } from './captions-button';
import { PublishSwitch } from './publish-switch';
import { RecordingStatus } from './recording-status';
import { TrimForm } from './trim-form';
import { inFlightStatuses } from './use-recordings';

/** "Nov 25, 12:40 PM CST": when the recording was made, in the conference's zone. */
function formatWhen(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(new Date(iso));
}

const sourceLabels: Record<RecordingSummary['source'], string> = { live: 'Live stage', upload: 'Uploaded talk' };

/** One recording in the console: what and when, where it is, and what the organizer can do with it. */
export function RecordingItem({
  recording,
  conferenceId,
  timeZone,
  onChanged,
}: {
  recording: RecordingSummary;
  conferenceId: string;
  timeZone: string;
  onChanged(): Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [trimming, setTrimming] = useState(false);
  const trimButton = useRef<HTMLButtonElement>(null);
  const wasTrimming = useRef(false);
  const { status, trim } = recording;
  const settled = !inFlightStatuses.has(status);

  // Closing the trim form puts the keyboard back on the Trim button.
  useEffect(() => {
    if (wasTrimming.current && !trimming) trimButton.current?.focus();
    wasTrimming.current = trimming;
  }, [trimming]);

  async function act(action: () => Promise<unknown>, fallback: string) {
    setBusy(true);
    setError(null);
    try {
      await action();
      await onChanged();
    } catch (caught) {
      setError(adviceFor(caught, fallback));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className={`recording-item status-${status}`} aria-label={recording.sessionTitle}>
      <div className="recording-poster" aria-hidden="true">
        {recording.posterUrl ? <img src={recording.posterUrl} alt="" loading="lazy" /> : <span className="poster-placeholder">No poster yet</span>}
      </div>
      <div className="recording-head">
        <h3>{recording.sessionTitle}</h3>
        <p className="recording-meta muted">
          <span>{sourceLabels[recording.source]}</span>
          <span>{formatWhen(recording.createdAt, timeZone)}</span>
          {recording.durationSec !== null && <span>Length {formatClock(recording.durationSec)}</span>}
          {trim && (
            <span>
              Cut {formatClock(trim.startSec)} – {trim.endSec === null ? 'end' : formatClock(trim.endSec)}
            </span>
          )}
          <span>{recording.hasCaptions ? 'Captions attached' : 'No captions'}</span>
        </p>
      </div>
      <PublishSwitch
        recording={recording}
        busy={busy}
        onChange={(publish) =>
          void act(
            () => (publish ? recordingsApi.publish(recording.id) : recordingsApi.unpublish(recording.id)),
            publish ? 'It could not be published. Try again.' : 'It could not be unpublished. Try again.',
          )
        }
      />
      <div className="recording-body">
        <RecordingStatus recording={recording} />
        {status === 'failed' && (
          <p className="inline-alert recording-failed" role="alert">
            <span>
              <strong>Processing failed:</strong> {recording.failedReason ?? 'no reason was given.'}
            </span>
          </p>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="recording-buttons">
          {status === 'failed' && (
            <button type="button" className="primary" disabled={busy} onClick={() => void act(() => recordingsApi.retry(recording.id), 'The retry did not start. Try again.')}>
              Retry
            </button>
          )}
          {status === 'recording' && (
            <button type="button" className="danger" disabled={busy} onClick={() => void act(() => recordingsApi.stopRecording(recording.sessionId), 'The recording did not stop. Try again.')}>
              Stop recording
            </button>
          )}
          {settled && recording.durationSec !== null && !trimming && (
            <button ref={trimButton} type="button" className="quiet-button" disabled={busy} aria-label={`Trim ${recording.sessionTitle}`} onClick={() => setTrimming(true)}>
              Trim
            </button>
          )}
          {settled && <CaptionsButton recording={recording} onSaved={() => void onChanged()} onError={setError} />}
          {/* Organizers may watch a ready recording before publishing it, to check it. */}
          {status === 'ready' && (
            <a className="quiet-button button" href={hrefFor.replay(conferenceId, recording.id)} aria-label={`${recording.publishedAt ? 'Watch' : 'Preview'} ${recording.sessionTitle}`}>
              {recording.publishedAt ? 'Watch' : 'Preview'}
            </a>
          )}
        </div>
        {trimming && (
          <TrimForm
            recording={recording}
            onCancel={() => setTrimming(false)}
            onSaved={() => {
              setTrimming(false);
              void onChanged();
            }}
          />
        )}
      </div>
    </li>
  );
}

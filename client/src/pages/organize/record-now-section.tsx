import { useId, useState } from 'react';
import type { ProgramSession } from '@rounds/shared';
import { ApiError, adviceFor } from '../../api/http';
import { recordingsApi } from '../../api/recordings';
import { SelectField } from '../../components/forms/select-field';

/**
 * Start recording a session's live stage now (for a stage that went live without a recording, or
 * after a stop). Stopping is on the recording's own row.
 */
export function RecordNowSection({ sessions, onStarted }: { sessions: readonly ProgramSession[]; onStarted(): Promise<void> }) {
  const id = useId();
  const [sessionId, setSessionId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start() {
    if (!sessionId) return setError('Choose the session to record.');
    setBusy(true);
    setError(null);
    try {
      await recordingsApi.startRecording(sessionId);
      await onStarted();
    } catch (caught) {
      const title = sessions.find((s) => s.id === sessionId)?.title;
      setError(
        caught instanceof ApiError && caught.code === 'stage.notLive'
          ? `“${title}” is not live right now: a recording can start once its speakers go live.`
          : adviceFor(caught, 'The recording did not start. Try again.'),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card side-card" aria-labelledby={`${id}-title`}>
      <div>
        <h2 id={`${id}-title`}>Record a live stage now</h2>
        <p className="muted section-intro">For a session that is live but not being recorded.</p>
      </div>
      <SelectField
        id={`${id}-session`}
        label="Session"
        value={sessionId}
        error={error}
        options={[{ value: '', label: 'Choose a session…' }, ...sessions.map((s) => ({ value: s.id, label: s.title }))]}
        onChange={(value) => {
          setSessionId(value);
          setError(null);
        }}
      />
      <div className="form-actions">
        <button type="button" disabled={busy} onClick={() => void start()}>
          {busy ? 'Starting…' : 'Start recording'}
        </button>
      </div>
    </section>
  );
}

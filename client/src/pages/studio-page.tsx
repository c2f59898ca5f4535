import { useEffect, useState } from 'react';
import { ApiError } from '../api/http';
import { MediaView } from '../components/media-view';
import { Notice } from '../components/notice';
import { conferenceClient } from '../conference-client';
import { hrefFor } from '../router';
import { useRounds } from '../store';

/** The speaker's studio: camera preview, go live, stop. */
export function StudioPage({ sessionId }: { sessionId: string }) {
  const session = useRounds((s) => s.sessions.find((x) => x.id === sessionId));
  const programStatus = useRounds((s) => s.programStatus);
  const localStream = useRounds((s) => s.localStream);
  const onAir = useRounds((s) => s.onAir);
  const status = useRounds((s) => s.stageStatus);
  const stageError = useRounds((s) => s.stageError);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (programStatus === 'idle') void conferenceClient.loadProgram();
  }, [programStatus]);

  useEffect(() => {
    conferenceClient.startPreview().catch(() => setError('Rounds cannot use your camera or microphone. Allow access in the browser and reload.'));
    return () => void conferenceClient.leaveStage();
  }, []);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.advice : 'That did not work. Try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="stage-page">
      <a className="back" href={hrefFor.agenda()}>
        ← Program
      </a>
      <h1>Speaker studio</h1>
      <p className="muted">{session?.title}</p>
      <div className="stage-frame">
        {localStream ? <MediaView tracks={localStream.getTracks()} muted label="Your camera preview" /> : <Notice title="Starting your camera…" />}
        <div className="stage-overlay">
          {onAir ? (
            <span className="badge badge-live" data-testid="on-air">
              You are live
            </span>
          ) : (
            <span className="badge">Preview: not live</span>
          )}
        </div>
      </div>
      {status === 'reconnecting' && <Notice title="Reconnecting…">{stageError} Your stream resumes by itself.</Notice>}
      {error && (
        <Notice tone="error" title="Something needs your attention">
          {error}
        </Notice>
      )}
      <div className="actions">
        {onAir ? (
          <button className="danger" disabled={busy} onClick={() => void run(() => conferenceClient.stopPresenting())}>
            End my presentation
          </button>
        ) : (
          <button className="primary" disabled={busy || !localStream} onClick={() => void run(() => conferenceClient.goLive(sessionId))}>
            {busy ? 'Going live…' : 'Go live'}
          </button>
        )}
      </div>
    </section>
  );
}

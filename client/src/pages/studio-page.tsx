import { useEffect, useState } from 'react';
import type { Program } from '@rounds/shared';
import { adviceFor } from '../api/http';
import { MediaView } from '../components/media-view';
import { Notice } from '../components/notice';
import { ProgramGate } from '../components/program-gate';
import { conferenceClient } from '../conference-client';
import { formatDay, formatTimeRange, viewerTime } from '../format';
import { hrefFor } from '../router';
import { useRounds } from '../store';

/** The speaker's studio: camera preview, go live, stop. For the session's speakers, moderators and organizers. */
export function StudioPage({ conferenceId, sessionId }: { conferenceId: string; sessionId: string }) {
  return <ProgramGate conferenceId={conferenceId}>{(program) => <Studio program={program} sessionId={sessionId} />}</ProgramGate>;
}

function Studio({ program, sessionId }: { program: Program; sessionId: string }) {
  const userId = useRounds((s) => s.me?.userId);
  const session = program.sessions.find((s) => s.id === sessionId);
  const back = session ? hrefFor.session(program.conference.id, session.id) : hrefFor.agenda(program.conference.id);
  const crew = session?.people.some((p) => p.userId === userId) || program.myRoles.includes('organizer');

  if (!session) {
    return (
      <Notice tone="error" title="This session is not in the program">
        It may have been removed or moved. <a href={back}>Back to the agenda</a>
      </Notice>
    );
  }
  const zone = program.conference.timeZone;
  const theirTime = viewerTime((z) => formatTimeRange(session, z), zone);
  return (
    <section className="stage-page">
      <a className="back" href={back}>
        <span aria-hidden="true">← </span>Session page
      </a>
      <p className="eyebrow">Speaker studio</p>
      <h1>{session.title}</h1>
      <p className="muted">
        {formatDay(session.startsAt, zone)}, {formatTimeRange(session, zone)}
        {theirTime && <> ({theirTime} your time)</>} · {session.stageName}
      </p>
      {crew ? (
        <StudioStage sessionId={session.id} />
      ) : (
        <Notice tone="error" title="The studio is for this session’s speakers and moderators">
          If you are presenting, ask the organizers to add you to the session. <a href={back}>Watch the session instead</a>
        </Notice>
      )}
    </section>
  );
}

function StudioStage({ sessionId }: { sessionId: string }) {
  const localStream = useRounds((s) => s.localStream);
  const onAir = useRounds((s) => s.onAir);
  const status = useRounds((s) => s.stageStatus);
  const stageError = useRounds((s) => s.stageError);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
      setError(adviceFor(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
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
          <button type="button" className="danger" disabled={busy} onClick={() => void run(() => conferenceClient.stopPresenting())}>
            End my presentation
          </button>
        ) : (
          <button type="button" className="primary" disabled={busy || !localStream} onClick={() => void run(() => conferenceClient.goLive(sessionId))}>
            {busy ? 'Going live…' : 'Go live'}
          </button>
        )}
      </div>
      <p className="muted">Attendees see and hear you within a second or two of “Go live”. Your preview is visible only to you until then.</p>
    </>
  );
}

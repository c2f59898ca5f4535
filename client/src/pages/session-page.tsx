import { useEffect } from 'react';
import { MediaView } from '../components/media-view';
import { Notice } from '../components/notice';
import { conferenceClient } from '../conference-client';
import { hrefFor } from '../router';
import { useRounds } from '../store';

/** The attendee's view of a live session: the stage video with its status. */
export function SessionPage({ sessionId }: { sessionId: string }) {
  const session = useRounds((s) => s.sessions.find((x) => x.id === sessionId));
  const programStatus = useRounds((s) => s.programStatus);
  const status = useRounds((s) => s.stageStatus);
  const error = useRounds((s) => s.stageError);
  const tracks = useRounds((s) => s.remoteTracks);

  useEffect(() => {
    if (programStatus === 'idle') void conferenceClient.loadProgram();
  }, [programStatus]);

  useEffect(() => {
    conferenceClient.watch(sessionId).catch(() => undefined /* shown from the store */);
    return () => void conferenceClient.leaveStage();
  }, [sessionId]);

  return (
    <section className="stage-page">
      <a className="back" href={hrefFor.agenda()}>
        ← Program
      </a>
      <h1>{session?.title ?? 'Session'}</h1>
      <div className="stage-frame">
        {tracks.length > 0 && <MediaView tracks={tracks.map((t) => t.track)} label={`Live video of ${session?.title ?? 'the session'}`} />}
        <div className="stage-overlay">
          <StageStatusNotice status={status} error={error} />
        </div>
      </div>
      {tracks.length > 0 && <p className="muted">Presenting: {[...new Set(tracks.map((t) => t.userName))].join(', ')}</p>}
    </section>
  );
}

function StageStatusNotice({ status, error }: { status: string; error: string | null }) {
  switch (status) {
    case 'connecting':
      return <Notice title="Connecting to the stage…" />;
    case 'waiting':
      return <Notice title="The session has not started yet">The video starts here as soon as the speaker goes live.</Notice>;
    case 'live':
      return (
        <span className="badge badge-live" data-testid="stage-status">
          Live
        </span>
      );
    case 'ended':
      return <Notice title="The stream has ended">The speaker has stopped presenting. Thank you for attending.</Notice>;
    case 'reconnecting':
      return <Notice title="Reconnecting…">{error ?? 'The connection dropped.'} The video comes back by itself.</Notice>;
    case 'error':
      return (
        <Notice tone="error" title="The stage could not be played">
          {error} Reload the page to try again.
        </Notice>
      );
    default:
      return null;
  }
}

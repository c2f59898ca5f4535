import { useEffect } from 'react';
import { conferenceClient } from '../conference-client';
import type { StageStatus } from '../store/stage-slice';
import { useRounds } from '../store';
import { MediaView } from './media-view';
import { Notice } from './notice';

/**
 * The session's stage as a viewer sees it: joins on mount, leaves on unmount, and always says what is
 * happening. `startsLabel` (for a session still to come) lets the waiting notice say when; `over` is
 * whether the program says the session has ended, so an empty stage is not called "not started".
 */
export function StageViewer({ sessionId, title, startsLabel, over }: { sessionId: string; title: string; startsLabel: string | null; over: boolean }) {
  const status = useRounds((s) => s.stageStatus);
  const error = useRounds((s) => s.stageError);
  const tracks = useRounds((s) => s.remoteTracks);

  useEffect(() => {
    conferenceClient.watch(sessionId).catch(() => undefined /* shown from the store */);
    return () => void conferenceClient.leaveStage();
  }, [sessionId]);

  return (
    <div className="stage">
      <div className="stage-frame">
        {tracks.length > 0 && <MediaView tracks={tracks.map((t) => t.track)} label={`Live video of ${title}`} />}
        <div className="stage-overlay">
          <StageStatusNotice status={status} error={error} startsLabel={startsLabel} over={over} />
        </div>
      </div>
      {tracks.length > 0 && <p className="muted">Presenting: {[...new Set(tracks.map((t) => t.userName))].join(', ')}</p>}
    </div>
  );
}

function StageStatusNotice({ status, error, startsLabel, over }: { status: StageStatus; error: string | null; startsLabel: string | null; over: boolean }) {
  switch (status) {
    case 'connecting':
      return <Notice title="Connecting to the stage…" />;
    case 'waiting':
      if (over) return <Notice title="This session has ended">Nothing is being broadcast on its stage now.</Notice>;
      return (
        <Notice title="The session has not started yet">
          {startsLabel && `It starts at ${startsLabel}. `}The video starts here as soon as the speaker goes live.
        </Notice>
      );
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
    case 'idle':
      return null;
  }
}

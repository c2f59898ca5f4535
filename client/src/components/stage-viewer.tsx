import { useEffect, useState } from 'react';
import { adviceFor } from '../api/http';
import { conferenceClient } from '../conference-client';
import { startsIn } from '../format';
import '../stage/stage.css';
import { useRounds } from '../store';
import type { RemoteStream, StageStatus } from '../store/stage-slice';
import { Notice } from './notice';
import { GuestPanel, HandButton } from './guest-panel';
import { StageAudio } from './stage-audio';
import { StageGrid } from './stage-grid';
import { useNow } from './use-now';

/**
 * The session's stage as a viewer sees it: joins on mount, leaves on unmount, and always says what is
 * happening. `startsAt` and `startsLabel` (for a session still to come) let the waiting notice say
 * when; `over` is whether the program says the session has ended, so an empty stage is not called
 * "not started".
 */
export function StageViewer({
  sessionId,
  title,
  startsAt,
  startsLabel,
  over,
}: {
  sessionId: string;
  title: string;
  startsAt: string;
  startsLabel: string | null;
  over: boolean;
}) {
  const status = useRounds((s) => s.stageStatus);
  const error = useRounds((s) => s.stageError);
  const streams = useRounds((s) => s.remoteStreams);
  const pausedIds = useRounds((s) => s.pausedProducerIds);
  const activeSpeaker = useRounds((s) => s.activeSpeakerPeerId);
  const audioOnly = useRounds((s) => s.audioOnly);

  useEffect(() => {
    conferenceClient.stage.watch(sessionId).catch(() => undefined /* shown from the store */);
    return () => void conferenceClient.stage.leave();
  }, [sessionId]);

  const shown = status === 'live' && streams.length > 0;
  const pause = pauseOf(streams, pausedIds);
  const presenting = [...new Set(streams.map((s) => s.userName))];

  return (
    <section className="stage" aria-label={`Stage of ${title}`}>
      <div className={`stage-frame${shown && streams.some((s) => s.source === 'screen') && !audioOnly ? ' has-screen' : ''}`}>
        {shown && <StageGrid streams={streams} pausedIds={pausedIds} activeSpeakerPeerId={activeSpeaker} audioOnly={audioOnly} />}
        {shown && (
          <div className="stage-chip">
            {pause ? (
              <span className="badge badge-paused" data-testid="stage-status">
                Paused
              </span>
            ) : (
              <span className="badge badge-live" data-testid="stage-status">
                Live
              </span>
            )}
            {audioOnly && <span className="badge badge-dark">Audio only</span>}
          </div>
        )}
        <StageCenter status={status} error={error} startsAt={startsAt} startsLabel={startsLabel} over={over} empty={streams.length === 0} pause={pause} />
      </div>
      <StageAudio streams={streams} />
      {status === 'live' && (
        <div className="stage-bar">
          <p className="stage-presenting">
            {presenting.length > 0 ? (
              <>
                <span className="muted">On stage:</span> {presenting.join(', ')}
              </>
            ) : (
              <span className="muted">Nobody is presenting right now.</span>
            )}
          </p>
          <div className="stage-actions">
            <AudioOnlyToggle audioOnly={audioOnly} />
            <HandButton />
          </div>
        </div>
      )}
      {status === 'live' && <GuestPanel />}
    </section>
  );
}

/** "camera": every picture is paused but sound goes on; "all": nothing at all is being sent. */
function pauseOf(streams: RemoteStream[], pausedIds: string[]): 'camera' | 'all' | null {
  const paused = new Set(pausedIds);
  const videos = streams.filter((s) => s.kind === 'video');
  if (videos.length === 0 || !videos.every((v) => paused.has(v.producerId))) return null;
  return streams.some((s) => s.kind === 'audio' && !paused.has(s.producerId)) ? 'camera' : 'all';
}

function AudioOnlyToggle({ audioOnly }: { audioOnly: boolean }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="audio-only">
      <button
        type="button"
        className="toggle"
        aria-pressed={audioOnly}
        title="Sound without video: for a weak connection or to save data"
        onClick={() => {
          setError(null);
          conferenceClient.stage.setAudioOnly(!audioOnly).catch((caught: unknown) => setError(adviceFor(caught)));
        }}
      >
        <span className="toggle-box" aria-hidden="true" />
        Audio only
      </button>
      {audioOnly && <span className="muted audio-only-hint">Video is off to save data.</span>}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function StageCenter({
  status,
  error,
  startsAt,
  startsLabel,
  over,
  empty,
  pause,
}: {
  status: StageStatus;
  error: string | null;
  startsAt: string;
  startsLabel: string | null;
  over: boolean;
  empty: boolean;
  pause: 'camera' | 'all' | null;
}) {
  const now = useNow(15_000);
  const notice = (() => {
    switch (status) {
      case 'connecting':
        return (
          <Notice title="Connecting to the stage…">
            <span className="spinner" aria-hidden="true" /> Joining the session’s stage.
          </Notice>
        );
      case 'waiting': {
        if (over) return <Notice title="This session has ended">Nothing is being broadcast on its stage now.</Notice>;
        const soon = startsIn({ startsAt, endsAt: startsAt }, now);
        return (
          <Notice title="The session has not started yet">
            {soon && (
              <strong className="starts-in">
                Starts {soon}
                {startsLabel && `, at ${startsLabel}`}.{' '}
              </strong>
            )}
            {!soon && startsLabel && `It starts at ${startsLabel}. `}
            The video starts here as soon as the speaker goes live.
          </Notice>
        );
      }
      case 'live':
        if (empty) return <Notice title="Nobody is presenting right now">The video comes back here as soon as a speaker is live again.</Notice>;
        if (pause === 'camera') return <Notice title="Paused by the speaker">The camera is off for a moment. You can still hear the speaker.</Notice>;
        if (pause === 'all') return <Notice title="Paused by the speaker">The broadcast resumes here by itself.</Notice>;
        return null;
      case 'ended':
        return <Notice title="The stream has ended">The speaker has stopped presenting. Thank you for attending.</Notice>;
      case 'reconnecting':
        return (
          <Notice title="Reconnecting…">
            <span className="spinner" aria-hidden="true" /> {error ?? 'The connection dropped.'} The video comes back by itself.
          </Notice>
        );
      case 'error':
        return (
          <Notice tone="error" title="The stage could not be played">
            {error} Reload the page to try again.
          </Notice>
        );
      case 'idle':
        return null;
    }
  })();
  if (!notice) return null;
  return <div className={`stage-center${status === 'live' && !empty ? ' over-video' : ''}`}>{notice}</div>;
}

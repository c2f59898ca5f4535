import type { Program, Replay } from '@rounds/shared';
import { recordingsApi } from '../api/recordings';
import { AccreditationNote } from '../components/accreditation-note';
import { Notice } from '../components/notice';
import { ProgramGate } from '../components/program-gate';
import { SessionDisclosures } from '../components/session-disclosures';
import { TrackChip } from '../components/track-chip';
import { useRemote } from './organize/use-remote';
import { formatLength } from '../recordings/clock';
import { ReplayPlayer } from '../replay/replay-player';
import '../replay/replay.css';
import { hrefFor } from '../routes';

/** One recorded talk on demand: the player, then the same disclosures and accreditation as live, and what it is about. */
export function ReplayPage({ conferenceId, recordingId }: { conferenceId: string; recordingId: string }) {
  return <ProgramGate conferenceId={conferenceId}>{(program) => <ReplayLoader program={program} recordingId={recordingId} />}</ProgramGate>;
}

function ReplayLoader({ program, recordingId }: { program: Program; recordingId: string }) {
  const library = hrefFor.library(program.conference.id);
  const replay = useRemote(() => recordingsApi.replay(recordingId), recordingId);

  if (replay.data) return <ReplayDetails program={program} replay={replay.data} />;
  if (replay.status === 'loading') return <Notice title="Loading the recording…" />;
  if (replay.errorCode === 'recording.notFound' || replay.errorCode === 'resource.notFound') {
    return (
      <Notice tone="error" title="This recording is not available">
        It may have been taken down by the organizers, or the link is incomplete. <a href={library}>Browse the on-demand library</a>
      </Notice>
    );
  }
  return (
    <Notice tone="error" title="The recording could not be loaded">
      {replay.error}{' '}
      <button type="button" className="link-inline" onClick={() => void replay.reload()}>
        Try again
      </button>
    </Notice>
  );
}

function ReplayDetails({ program, replay }: { program: Program; replay: Replay }) {
  const session = program.sessions.find((s) => s.id === replay.sessionId);
  const track = program.tracks.find((t) => t.id === replay.trackId);
  const speakers = replay.speakers.map((s) => s.name).join(', ');
  return (
    <article className="replay-page">
      <a className="back" href={hrefFor.library(program.conference.id)}>
        <span aria-hidden="true">← </span>On demand
      </a>
      <div className="session-badges">
        <span className="badge badge-quiet">Recording · {formatLength(replay.durationSec)}</span>
        {/* Organizers may open a ready recording before publishing it. */}
        {!replay.publishedAt && <span className="badge badge-soon">Preview: not published yet</span>}
        {track ? <TrackChip track={track} /> : replay.trackName && <span className="track-chip">{replay.trackName}</span>}
      </div>
      <h1>{replay.title}</h1>
      {speakers && <p className="replay-byline">{speakers}</p>}
      {session && <SessionDisclosures session={session} />}
      <ReplayPlayer replay={replay} />
      <div className="replay-details">
        <section aria-labelledby="about-heading" className="replay-about">
          <h2 id="about-heading">About this session</h2>
          {replay.description ? <p className="prose">{replay.description}</p> : <p className="muted">The speakers have not added an abstract.</p>}
          {session && session.learningObjectives.length > 0 && (
            <>
              <h2>Learning objectives</h2>
              <ol className="objective-list">
                {session.learningObjectives.map((objective) => (
                  <li key={objective}>{objective}</li>
                ))}
              </ol>
            </>
          )}
          {session && (
            <p>
              <a href={hrefFor.session(program.conference.id, session.id)}>Session page</a>
              <span className="muted"> · schedule, speakers and the questions asked live</span>
            </p>
          )}
        </section>
        {session && (
          <aside className="replay-aside">
            <AccreditationNote session={session} program={program} />
          </aside>
        )}
      </div>
    </article>
  );
}

import type { Program, ProgramSession, SessionPerson } from '@rounds/shared';
import { sessionFormatLabels } from '@rounds/shared';
import { AccreditationNote } from '../components/accreditation-note';
import { Notice } from '../components/notice';
import { ProgramGate } from '../components/program-gate';
import { ScheduledBadge, ScheduleToggle } from '../components/schedule-toggle';
import { SessionDisclosures } from '../components/session-disclosures';
import { StageViewer } from '../components/stage-viewer';
import { TrackChip } from '../components/track-chip';
import { useNow } from '../components/use-now';
import { formatDay, formatTime, formatTimeRange, initials, hasEnded, isLiveNow, startsIn, viewerTime } from '../format';
import { InteractionPanel } from '../qa/interaction-panel';
import { ReplayLink } from '../replay/replay-link';
import { hrefFor } from '../routes';
import { useRounds } from '../store';

/** One session: when and where, who, what it teaches, its credit, its stage, and its questions, polls and chat. */
export function SessionPage({ conferenceId, sessionId }: { conferenceId: string; sessionId: string }) {
  return <ProgramGate conferenceId={conferenceId}>{(program) => <SessionDetails program={program} sessionId={sessionId} />}</ProgramGate>;
}

function SessionDetails({ program, sessionId }: { program: Program; sessionId: string }) {
  const now = useNow();
  const userId = useRounds((s) => s.me?.userId);
  const session = program.sessions.find((s) => s.id === sessionId);
  const agenda = hrefFor.agenda(program.conference.id);
  if (!session) {
    return (
      <Notice tone="error" title="This session is not in the program">
        It may have been removed or moved. <a href={agenda}>Back to the agenda</a>
      </Notice>
    );
  }
  const zone = program.conference.timeZone;
  const track = program.tracks.find((t) => t.id === session.trackId);
  const theirTime = viewerTime((z) => `${formatDay(session.startsAt, z)}, ${formatTimeRange(session, z)}`, zone);
  const crew = session.people.some((p) => p.userId === userId) || program.myRoles.includes('organizer');
  const theirStart = viewerTime((z) => formatTime(session.startsAt, z), zone);
  const startsLabel =
    Date.parse(session.startsAt) > now ? `${formatTime(session.startsAt, zone)}${theirStart ? ` (${theirStart} your time)` : ''}` : null;

  return (
    <article className="session-page">
      <a className="back" href={agenda}>
        <span aria-hidden="true">← </span>Agenda
      </a>
      <div className="session-badges">
        <LiveStatus session={session} now={now} />
        {track && <TrackChip track={track} />}
        <span className="badge badge-quiet">{sessionFormatLabels[session.format]}</span>
        <ScheduledBadge sessionId={session.id} />
      </div>
      <h1>{session.title}</h1>
      <p className="session-when-full">
        <strong>
          {formatDay(session.startsAt, zone)}, {formatTimeRange(session, zone)}
        </strong>
        {theirTime && <span className="muted">{theirTime} your time</span>}
        <span className="muted">{session.stageName}</span>
      </p>
      <div className="actions">
        {hasEnded(session, now) && <ReplayLink conferenceId={program.conference.id} sessionId={session.id} />}
        <ScheduleToggle sessionId={session.id} ended={hasEnded(session, now)} />
        {crew && (
          <a className="button" href={hrefFor.studio(program.conference.id, session.id)}>
            Open speaker studio
          </a>
        )}
      </div>

      {/* The stage with the questions, polls and chat beside it; on a phone they come right under the video. */}
      <div className="session-details">
        <div className="session-stage">
          <StageViewer sessionId={session.id} title={session.title} startsAt={session.startsAt} startsLabel={startsLabel} over={hasEnded(session, now)} />
        </div>
        <div className="session-side">
          <div className="session-qa">
            <InteractionPanel sessionId={session.id} timeZone={zone} />
          </div>
          <aside className="session-aside">
            <PeopleSection title="Speakers" people={session.people.filter((p) => p.role === 'speaker')} />
            <PeopleSection title="Moderators" people={session.people.filter((p) => p.role === 'moderator')} />
            <SessionDisclosures session={session} />
            <AccreditationNote session={session} program={program} />
          </aside>
        </div>
        <div className="session-main">
          <section aria-labelledby="about-heading">
            <h2 id="about-heading">About this session</h2>
            {session.abstract ? <p className="prose">{session.abstract}</p> : <p className="muted">The speakers have not added an abstract yet.</p>}
          </section>
          <section aria-labelledby="objectives-heading">
            <h2 id="objectives-heading">Learning objectives</h2>
            {session.learningObjectives.length > 0 ? (
              <>
                <p className="muted">After this session, participants should be able to:</p>
                <ol className="objective-list">
                  {session.learningObjectives.map((objective) => (
                    <li key={objective}>{objective}</li>
                  ))}
                </ol>
              </>
            ) : (
              <p className="muted">No learning objectives have been published for this session.</p>
            )}
          </section>
        </div>
      </div>
    </article>
  );
}

function LiveStatus({ session, now }: { session: ProgramSession; now: number }) {
  if (isLiveNow(session, now)) return <span className="badge badge-live">Live now</span>;
  if (hasEnded(session, now)) return <span className="badge badge-quiet">Ended</span>;
  const soon = startsIn(session, now);
  return <span className="badge badge-soon">{soon ? `Starts ${soon}` : 'Scheduled'}</span>;
}

function PeopleSection({ title, people }: { title: string; people: SessionPerson[] }) {
  if (people.length === 0) return null;
  const id = `${title.toLowerCase()}-heading`;
  return (
    <section aria-labelledby={id} className="card aside-card">
      <h2 id={id}>{title}</h2>
      <ul className="people">
        {people.map((person) => (
          <li key={person.userId}>
            <span className="avatar" aria-hidden="true">
              {initials(person.name)}
            </span>
            {person.name}
          </li>
        ))}
      </ul>
    </section>
  );
}

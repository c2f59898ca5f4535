import { sessionFormatLabels, type Program, type ProgramSession } from '@rounds/shared';
import { formatCredits, formatDay, formatTimeRange, hasEnded, isLiveNow, startsIn, viewerTime } from '../format';
import { hrefFor } from '../routes';
import { PeopleLine } from './people-list';
import { ScheduledBadge, ScheduleToggle } from './schedule-toggle';
import { TrackChip } from './track-chip';

export interface SessionCardProps {
  session: ProgramSession;
  program: Program;
  now: number;
  userId: string | undefined;
  /** Show the day too (lists that span days: live now, up next, my schedule). */
  withDay?: boolean;
  /** The card title's heading level, under its section's heading. */
  titleTag?: 'h3' | 'h4';
  /** 'card' for the live now / up next grids; 'row' for the day list, where wide screens put the actions on the right. */
  variant?: 'card' | 'row';
}

/** One session in the agenda: when (both zones), what, who, credits, and what the viewer can do. */
export function SessionCard({ session, program, now, userId, withDay = false, titleTag = 'h3', variant = 'card' }: SessionCardProps) {
  const zone = program.conference.timeZone;
  const track = program.tracks.find((t) => t.id === session.trackId);
  const live = isLiveNow(session, now);
  const ended = hasEnded(session, now);
  const soon = startsIn(session, now);
  const crew = session.people.some((p) => p.userId === userId) || program.myRoles.includes('organizer');
  const theirTime = viewerTime((z) => formatTimeRange(session, z), zone);
  const href = hrefFor.session(program.conference.id, session.id);

  const Title = titleTag;
  return (
    <li className={`card session-card session-${variant}${ended ? ' session-ended' : ''}`} style={track ? { borderLeftColor: track.color } : undefined}>
      <div className="session-info">
        <div className="session-badges">
          {live && <span className="badge badge-live">Live now</span>}
          {!live && soon && <span className="badge badge-soon">Starts {soon}</span>}
          {ended && <span className="badge badge-quiet">Ended</span>}
          <ScheduledBadge sessionId={session.id} />
          {track && <TrackChip track={track} />}
        </div>
        <Title className="session-title">
          <a href={href}>{session.title}</a>
        </Title>
        <p className="session-time">
          <span>
            {withDay && `${formatDay(session.startsAt, zone)}, `}
            {formatTimeRange(session, zone)}
          </span>
          {theirTime && <span className="muted">{theirTime} · your time</span>}
        </p>
        <p className="session-meta">
          <span>{sessionFormatLabels[session.format]}</span>
          <span>{session.stageName}</span>
          <span>{session.accredited && session.maxCredits ? formatCredits(session.maxCredits) : 'No CME credit'}</span>
        </p>
        <PeopleLine people={session.people} />
      </div>
      <div className="actions">
        {live ? (
          <a className="button primary" href={href}>
            Watch
          </a>
        ) : (
          <a className="button" href={href}>
            Details
          </a>
        )}
        {crew && (
          <a className="button" href={hrefFor.studio(program.conference.id, session.id)}>
            Open speaker studio
          </a>
        )}
        <ScheduleToggle sessionId={session.id} ended={ended} />
      </div>
    </li>
  );
}

import { useState, type ReactNode } from 'react';
import type { Program, ProgramSession } from '@rounds/shared';
import { DayTabs, TrackFilter } from '../components/agenda-controls';
import { Notice } from '../components/notice';
import { ProgramGate } from '../components/program-gate';
import { SessionCard } from '../components/session-card';
import { useNow } from '../components/use-now';
import { dayKey, daysBetween, formatDayKey, formatTime, isLiveNow, viewerTime, viewerTimeZone, zoneCity } from '../format';
import { hrefFor } from '../routes';
import { useRounds } from '../store';

type View = 'all' | 'mine';

/** The agenda (view "all") and the personal schedule (view "mine"): one component, two filters. */
export function AgendaPage({ conferenceId, view }: { conferenceId: string; view: View }) {
  return <ProgramGate conferenceId={conferenceId}>{(program) => <Agenda program={program} view={view} />}</ProgramGate>;
}

function Agenda({ program, view }: { program: Program; view: View }) {
  const now = useNow();
  const userId = useRounds((s) => s.me?.userId);
  const [trackId, setTrackId] = useState<string | null>(null);
  const zone = program.conference.timeZone;

  const byStart = [...program.sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title));
  const inView = view === 'mine' ? byStart.filter((s) => program.mySchedule.includes(s.id)) : byStart;
  const shown = trackId ? inView.filter((s) => s.trackId === trackId) : inView;
  const days = [...new Set([...daysBetween(program.conference.startsOn, program.conference.endsOn), ...byStart.map((s) => dayKey(s.startsAt, zone))])].sort();
  const today = dayKey(new Date(now).toISOString(), zone);
  const [day, setDay] = useState(() => (days.includes(today) ? today : (days[0] ?? today)));

  const live = shown.filter((s) => isLiveNow(s, now));
  const upcoming = shown.filter((s) => Date.parse(s.startsAt) > now);
  const upNext = upcoming.filter((s) => s.startsAt === upcoming[0]?.startsAt);
  const counts: Record<string, number> = {};
  for (const session of shown) counts[dayKey(session.startsAt, zone)] = (counts[dayKey(session.startsAt, zone)] ?? 0) + 1;
  const card = (session: ProgramSession, withDay: boolean, titleTag: 'h3' | 'h4') => (
    <SessionCard
      key={session.id}
      session={session}
      program={program}
      now={now}
      userId={userId}
      withDay={withDay}
      titleTag={titleTag}
      variant={titleTag === 'h4' ? 'row' : 'card'}
    />
  );

  return (
    <section className="agenda">
      <header className="page-header">
        <p className="eyebrow">{view === 'mine' ? program.conference.name : 'Agenda'}</p>
        <h1>{view === 'mine' ? 'My schedule' : program.conference.name}</h1>
        <ZoneNote timeZone={zone} at={byStart[0]?.startsAt ?? new Date(now).toISOString()} />
        <p className="agenda-on-demand">
          Missed a session? <a href={hrefFor.library(program.conference.id)}>Watch the recordings on demand</a>
        </p>
      </header>

      {program.sessions.length === 0 ? (
        program.myRoles.includes('organizer') ? (
          <Notice title="No sessions yet">
            <p>Add tracks, stages and sessions in the organizer console; they appear here as you save them.</p>
            <a className="button primary" href={hrefFor.organize(program.conference.id, 'sessions')}>
              Add sessions
            </a>
          </Notice>
        ) : (
          <Notice title="No sessions yet">The organizers have not published the program. Sessions appear here as they add them.</Notice>
        )
      ) : view === 'mine' && inView.length === 0 ? (
        <Notice title="Your schedule is empty">
          <p>In the agenda, press “Add to my schedule” on the sessions you plan to attend. They appear here by day, with what is live now at the top.</p>
          <a className="button primary" href={hrefFor.agenda(program.conference.id)}>
            Open the agenda
          </a>
        </Notice>
      ) : (
        <>
          <TrackFilter tracks={program.tracks} selected={trackId} onSelect={setTrackId} />
          {trackId && shown.length === 0 && (
            <Notice title="No sessions in this track">
              <button type="button" className="link-inline" onClick={() => setTrackId(null)}>
                Show all tracks
              </button>
            </Notice>
          )}
          <div className="highlights">
            <section className="highlight" aria-labelledby="live-now-heading">
              <h2 id="live-now-heading">Live now</h2>
              {live.length > 0 ? <ul className="session-grid">{live.map((s) => card(s, false, 'h3'))}</ul> : <p className="muted">Nothing is live right now.</p>}
            </section>
            <section className="highlight" aria-labelledby="up-next-heading">
              <h2 id="up-next-heading">Up next</h2>
              {upNext.length > 0 ? (
                <ul className="session-grid">{upNext.map((s) => card(s, dayKey(s.startsAt, zone) !== today, 'h3'))}</ul>
              ) : (
                <p className="muted">No more sessions are scheduled{view === 'mine' ? ' in your schedule' : ''}.</p>
              )}
            </section>
          </div>

          {view === 'all' ? (
            <section aria-label="Day by day">
              <DayTabs days={days} selected={day} counts={counts} panelId="day-panel" onSelect={setDay} />
              <div id="day-panel" role="tabpanel" aria-labelledby={`day-tab-${day}`} className="day-panel">
                <h2>{formatDayKey(day)}</h2>
                <TimeSlots sessions={shown.filter((s) => dayKey(s.startsAt, zone) === day)} timeZone={zone} card={(s) => card(s, false, 'h4')}>
                  <p className="muted">No sessions {trackId ? 'in this track ' : ''}on this day.</p>
                </TimeSlots>
              </div>
            </section>
          ) : (
            days
              .filter((d) => counts[d])
              .map((d) => (
                <section key={d} className="day-panel" aria-labelledby={`mine-${d}`}>
                  <h2 id={`mine-${d}`}>{formatDayKey(d)}</h2>
                  <TimeSlots sessions={shown.filter((s) => dayKey(s.startsAt, zone) === d)} timeZone={zone} card={(s) => card(s, false, 'h4')} />
                </section>
              ))
          )}
        </>
      )}
    </section>
  );
}

interface SlotProps {
  sessions: ProgramSession[];
  timeZone: string;
  card(session: ProgramSession): ReactNode;
  children?: ReactNode;
}

/** Sessions grouped by their start time, each group headed by that time in both zones. */
function TimeSlots({ sessions, timeZone, card, children }: SlotProps) {
  if (sessions.length === 0) return <>{children}</>;
  const slots = [...new Set(sessions.map((s) => s.startsAt))];
  return (
    <div className="time-slots">
      {slots.map((startsAt) => {
        const theirs = viewerTime((z) => formatTime(startsAt, z), timeZone);
        return (
          <section key={startsAt} className="time-slot" aria-label={`Starting ${formatTime(startsAt, timeZone)}`}>
            <h3 className="slot-time">
              {formatTime(startsAt, timeZone)}
              {theirs && <span className="muted"> · {theirs} your time</span>}
            </h3>
            <ul className="session-rows">{sessions.filter((s) => s.startsAt === startsAt).map(card)}</ul>
          </section>
        );
      })}
    </div>
  );
}

/** Says once, at the top, which zone the times are in, and the viewer's own when it differs. */
function ZoneNote({ timeZone, at }: { timeZone: string; at: string }) {
  const viewerZone = viewerTimeZone();
  const zoneName = (z: string) => new Intl.DateTimeFormat(undefined, { timeZone: z, timeZoneName: 'short' }).formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')?.value ?? z;
  const named = (z: string) => (zoneName(z) === zoneCity(z) ? zoneCity(z) : `${zoneCity(z)} (${zoneName(z)})`);
  const differs = viewerTime((z) => formatTime(at, z), timeZone, viewerZone) !== null;
  return (
    <p className="muted agenda-zone-note">
      Times are in the conference’s time zone, {named(timeZone)}
      {differs ? <>, and in grey in yours, {named(viewerZone)}.</> : '.'}
    </p>
  );
}

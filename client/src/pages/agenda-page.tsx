import { useEffect } from 'react';
import { Notice } from '../components/notice';
import { conferenceClient } from '../conference-client';
import { formatDay, formatTime, isLiveNow, viewerTimeZone } from '../format';
import { hrefFor } from '../router';
import { useRounds } from '../store';

export function AgendaPage() {
  const conference = useRounds((s) => s.conferences[0]);
  const sessions = useRounds((s) => s.sessions);
  const status = useRounds((s) => s.programStatus);
  const error = useRounds((s) => s.programError);
  const me = useRounds((s) => s.me);

  useEffect(() => {
    void conferenceClient.loadProgram();
  }, []);

  if (status === 'loading' || status === 'idle') return <Notice title="Loading the program…" />;
  if (status === 'error') return <Notice tone="error" title="The program could not be loaded">{error} Reload the page to try again.</Notice>;
  if (!conference) {
    return <Notice title="You are not registered for a conference yet">When an organizer adds you, its program appears here.</Notice>;
  }

  const viewerZone = viewerTimeZone();
  return (
    <section>
      <h1>{conference.name}</h1>
      <p className="muted">
        Times in {conference.timeZone}
        {viewerZone !== conference.timeZone && <> and in your time zone ({viewerZone})</>}.
      </p>
      {sessions.length === 0 && <Notice title="No sessions yet">Sessions appear here as the organizers publish the program.</Notice>}
      <ul className="session-list">
        {sessions.map((session) => {
          const live = isLiveNow(session);
          const presenting = session.people.some((p) => p.userId === me?.userId);
          return (
            <li key={session.id} className="card session-card">
              <div className="session-when">
                <span>{formatDay(session.startsAt, conference.timeZone)}</span>
                <span>
                  {formatTime(session.startsAt, conference.timeZone)} – {formatTime(session.endsAt, conference.timeZone)}
                </span>
                {viewerZone !== conference.timeZone && (
                  <span className="muted">
                    {formatTime(session.startsAt, viewerZone)} – {formatTime(session.endsAt, viewerZone)}
                  </span>
                )}
              </div>
              <div className="session-what">
                {live && <span className="badge badge-live">Live now</span>}
                <h2>{session.title}</h2>
                <p className="muted">
                  {session.stageName} · {session.people.map((p) => `${p.name} (${p.role})`).join(', ')}
                </p>
                <div className="actions">
                  <a className="button primary" href={hrefFor.session(session.id)}>
                    Watch
                  </a>
                  {presenting && (
                    <a className="button" href={hrefFor.studio(session.id)}>
                      Open speaker studio
                    </a>
                  )}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

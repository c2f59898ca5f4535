import { useEffect, useState } from 'react';
import { Notice } from '../components/notice';
import { conferenceClient } from '../conference-client';
import { formatDateSpan, roleLabels } from '../format';
import { homeRedirect, hrefFor } from '../routes';
import { useRounds } from '../store';
import { CreateConferenceForm } from './organize/create-conference-form';

/** My conferences. With exactly one, its agenda opens straight away. */
export function HomePage() {
  const conferences = useRounds((s) => s.myConferences);
  const status = useRounds((s) => s.myConferencesStatus);
  const error = useRounds((s) => s.myConferencesError);
  const me = useRounds((s) => s.me);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    void conferenceClient.loadMyConferences();
  }, []);

  const only = status === 'ready' && conferences?.length === 1 ? conferences[0] : undefined;
  useEffect(() => {
    // Replace, not push: Back from the agenda should not bounce through this page again.
    const agenda = homeRedirect(only, window.location.hash);
    if (agenda) window.location.replace(agenda);
  }, [only]);

  if (status === 'error') {
    return (
      <Notice tone="error" title="Your conferences could not be loaded">
        {error}{' '}
        <button type="button" className="link-inline" onClick={() => void conferenceClient.loadMyConferences()}>
          Try again
        </button>
      </Notice>
    );
  }
  if (!conferences || only) return <Notice title="Loading your conferences…" />;

  return (
    <section>
      <header className="page-header">
        <p className="eyebrow">Welcome{me ? `, ${me.name}` : ''}</p>
        <h1>My conferences</h1>
      </header>
      {conferences.length === 0 ? (
        <div className="card home-empty">
          <h2>You have not joined a conference yet</h2>
          <p>
            Open the conference link the organizers shared (on their website or in their email). It looks like{' '}
            <code>{window.location.origin}/#/c/annual-meeting</code>. Press <strong>Join as attendee</strong> there, and the agenda appears
            here.
          </p>
          <p className="muted">Speakers, moderators and exhibitors: open the invitation link you received and accept it.</p>
        </div>
      ) : (
        <ul className="conference-list">
          {conferences.map((conference) => (
            <li key={conference.id} className="card conference-card">
              <h2>
                <a href={hrefFor.agenda(conference.id)}>{conference.name}</a>
              </h2>
              <p className="muted">
                {formatDateSpan(conference.startsOn, conference.endsOn)} · {conference.myRoles.map((r) => roleLabels[r]).join(', ')}
              </p>
              <div className="actions">
                <a className="button primary" href={hrefFor.agenda(conference.id)}>
                  Open the agenda
                </a>
                {conference.myRoles.includes('organizer') && (
                  <a className="button" href={hrefFor.organize(conference.id)}>
                    Organize
                  </a>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <section className="home-organize" aria-label="Organize a conference">
        {creating ? (
          <CreateConferenceForm onCancel={() => setCreating(false)} />
        ) : (
          <p className="muted">
            Organizing a meeting?{' '}
            <button type="button" className="link-inline" onClick={() => setCreating(true)}>
              Create a conference
            </button>
          </p>
        )}
      </section>
    </section>
  );
}

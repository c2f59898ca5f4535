import { useEffect, useState } from 'react';
import type { ConferenceSummary } from '@rounds/shared';
import { fetchPublicConference } from '../api/accounts';
import { ApiError, adviceFor } from '../api/http';
import { FieldError } from '../components/field';
import { Notice } from '../components/notice';
import { conferenceClient } from '../conference-client';
import { formatDateSpan, roleLabels, zoneCity } from '../format';
import { hrefFor, navigate } from '../router';
import { useRounds } from '../store';

type Loaded = { state: 'loading' } | { state: 'missing' } | { state: 'failed'; message: string } | { state: 'ready'; conference: ConferenceSummary };

/** The public page behind a conference link (`#/c/<slug>`): what it is, then register or sign in, then join. */
export function ConferenceLandingPage({ slug }: { slug: string }) {
  const me = useRounds((s) => s.me);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    fetchPublicConference(slug).then(
      (conference) => current && setLoaded({ state: 'ready', conference }),
      (caught: unknown) => {
        if (!current) return;
        if (caught instanceof ApiError && caught.code === 'resource.notFound') setLoaded({ state: 'missing' });
        else setLoaded({ state: 'failed', message: adviceFor(caught) });
      },
    );
    return () => {
      current = false;
    };
  }, [slug]);

  if (loaded.state === 'loading') return <Notice title="Opening the conference…" />;
  if (loaded.state === 'missing') {
    return (
      <Notice tone="error" title="There is no conference at this link">
        The link may be incomplete or out of date: copy it again from the organizers’ message or website.{' '}
        <a href={hrefFor.home()}>Go to my conferences</a>
      </Notice>
    );
  }
  if (loaded.state === 'failed') {
    return (
      <Notice tone="error" title="The conference could not be opened">
        {loaded.message} Reload the page to try again.
      </Notice>
    );
  }

  const { conference } = loaded;
  const here = hrefFor.conferenceLanding(slug);
  const roles = me?.memberships.filter((m) => m.conferenceId === conference.id).map((m) => m.role) ?? [];

  async function join() {
    setBusy(true);
    setError(null);
    try {
      await conferenceClient.attend(conference.id);
      navigate(hrefFor.agenda(conference.id));
    } catch (caught) {
      setError(adviceFor(caught));
      setBusy(false);
    }
  }

  return (
    <article className="landing">
      <div className="card landing-card">
        <p className="eyebrow">Virtual CME conference</p>
        <h1>{conference.name}</h1>
        <dl className="facts">
          <div>
            <dt>Dates</dt>
            <dd>{formatDateSpan(conference.startsOn, conference.endsOn)}</dd>
          </div>
          <div>
            <dt>Time zone</dt>
            <dd>
              {zoneCity(conference.timeZone)} <span className="muted">({conference.timeZone})</span>
            </dd>
          </div>
          {conference.accreditingProvider && (
            <div>
              <dt>CME accreditation</dt>
              <dd>{conference.accreditingProvider}</dd>
            </div>
          )}
        </dl>
        {conference.description && <p className="prose">{conference.description}</p>}

        <div className="landing-join">
          {!me ? (
            <>
              <h2>Join this conference</h2>
              <p className="muted">Create your free account in under a minute, or sign in; then join as an attendee.</p>
              <div className="actions">
                <a className="button primary" href={hrefFor.register()} onClick={() => useRounds.getState().setReturnTo(here)}>
                  Register
                </a>
                <a className="button" href={hrefFor.home()} onClick={() => useRounds.getState().setReturnTo(here)}>
                  Sign in
                </a>
              </div>
            </>
          ) : roles.length > 0 ? (
            <>
              <h2>You are part of this conference</h2>
              <p className="muted">As {roles.map((r) => roleLabels[r]).join(', ')}.</p>
              <div className="actions">
                <a className="button primary" href={hrefFor.agenda(conference.id)}>
                  Open the agenda
                </a>
              </div>
            </>
          ) : (
            <>
              <h2>Join as an attendee</h2>
              <p className="muted">
                Signed in as {me.name}. Attendees watch live sessions, ask questions, build a personal schedule and claim CME credit.
              </p>
              <FieldError message={error} />
              <div className="actions">
                <button type="button" className="primary" disabled={busy} onClick={() => void join()}>
                  {busy ? 'Joining…' : 'Join as attendee'}
                </button>
              </div>
            </>
          )}
        </div>
      </div>
    </article>
  );
}

import { fetchPublicConference } from '../api/accounts';
import { Notice } from '../components/notice';
import { conferenceClient } from '../conference-client';
import { formatDateSpan, roleLabels, zoneCity } from '../format';
import { hrefFor } from '../routes';
import { navigate } from '../router';
import { useRounds } from '../store';
import { LinkStepButton, RegisterOrSignIn, useLinkTarget } from './shared-link';

/** The public page behind a conference link (`#/c/<slug>`): what it is, then register or sign in, then join. */
export function ConferenceLandingPage({ slug }: { slug: string }) {
  const me = useRounds((s) => s.me);
  const loaded = useLinkTarget(slug, fetchPublicConference, (caught) => caught.code === 'resource.notFound');

  if (loaded.state === 'loading') return <Notice title="Opening the conference…" />;
  if (loaded.state === 'nowhere') {
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

  const conference = loaded.target;
  const here = hrefFor.conferenceLanding(slug);
  const roles = me?.memberships.filter((m) => m.conferenceId === conference.id).map((m) => m.role) ?? [];

  async function join() {
    await conferenceClient.attend(conference.id);
    navigate(hrefFor.agenda(conference.id));
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
              <RegisterOrSignIn returnTo={here} registerLabel="Register" />
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
              <LinkStepButton label="Join as attendee" busyLabel="Joining…" run={join} />
            </>
          )}
        </div>
      </div>
    </article>
  );
}

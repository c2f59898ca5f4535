import { fetchInvitationPreview } from '../api/accounts';
import { ApiError, adviceFor } from '../api/http';
import { AuthCard } from '../components/auth-card';
import { Notice } from '../components/notice';
import { conferenceClient } from '../conference-client';
import { roleLabels } from '../format';
import { hrefFor } from '../routes';
import { navigate } from '../router';
import { useRounds } from '../store';
import { LinkStepButton, RegisterOrSignIn, useLinkTarget } from './shared-link';

/** What accepting means, in one sentence per role. */
const roleMeaning = {
  organizer: 'Organizers edit the program, invite people and see the clinician profiles of members.',
  moderator: 'Moderators run sessions: they introduce the speakers, keep time and curate the questions.',
  speaker: 'Speakers present live from the speaker studio in the browser; no software to install.',
  exhibitor: 'Exhibitor staff host their organization’s booth in the exhibit hall.',
} as const;

/** An invitation link: who invites whom to what; accept when signed in, else register or sign in first. */
export function InvitationPage({ token }: { token: string }) {
  const me = useRounds((s) => s.me);
  const loaded = useLinkTarget(token, fetchInvitationPreview, (caught) => caught.code === 'resource.notFound' || caught.code === 'auth.invalidToken' || caught.code === 'request.invalid');

  const here = `#/invite/${encodeURIComponent(token)}`;

  async function accept() {
    const { conferenceId } = await conferenceClient.acceptInvitation(token);
    navigate(hrefFor.agenda(conferenceId));
  }

  function whyNotAccepted(caught: unknown): string {
    if (caught instanceof ApiError && caught.code === 'auth.forbidden') {
      return 'This invitation was sent to another email address. Sign out, then sign in or register with the address the invitation was sent to.';
    }
    if (caught instanceof ApiError && caught.code === 'auth.invalidToken') return 'This invitation has expired or was already used. Ask the organizers for a new link.';
    return adviceFor(caught);
  }

  if (loaded.state === 'loading') return <Notice title="Opening your invitation…" />;
  if (loaded.state === 'failed') {
    return (
      <AuthCard title="Your invitation could not be opened">
        <Notice tone="error" title="Something went wrong">
          {loaded.message} Reload the page to try again.
        </Notice>
      </AuthCard>
    );
  }
  if (loaded.state === 'nowhere') {
    return (
      <AuthCard title="This invitation link is not valid">
        <Notice tone="error" title="We could not find this invitation">
          The link may be incomplete: copy the whole link from the message you received, or ask the organizers for a new one.
        </Notice>
        <p className="auth-links">
          <a href={hrefFor.home()}>Go to Rounds</a>
        </p>
      </AuthCard>
    );
  }

  const preview = loaded.target;
  const role = roleLabels[preview.role];
  if (preview.accepted || preview.expired) {
    return (
      <AuthCard title={preview.accepted ? 'This invitation was already used' : 'This invitation has expired'}>
        <p>
          It invited its holder as {role} to <strong>{preview.conferenceName}</strong>.
        </p>
        <Notice tone="error" title={preview.accepted ? 'Each invitation link works once' : 'Invitation links work for a limited time'}>
          If you already accepted it, sign in and open the conference from your home page. Otherwise ask the organizers for a new link.
        </Notice>
        <p className="auth-links">
          <a href={hrefFor.home()}>Go to my conferences</a>
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={`You are invited as ${role} to ${preview.conferenceName}`} lead={roleMeaning[preview.role]}>
      {me ? (
        <>
          <p>
            Accept as <strong>{me.name}</strong> ({me.email}). You can then open the conference, and the organizers can add you to sessions.
          </p>
          <LinkStepButton label="Accept invitation" busyLabel="Accepting…" run={accept} explain={whyNotAccepted} />
        </>
      ) : (
        <>
          <p>Create your account, or sign in if you have one; you come straight back here to accept.</p>
          <RegisterOrSignIn returnTo={here} registerLabel="Create an account" />
        </>
      )}
    </AuthCard>
  );
}

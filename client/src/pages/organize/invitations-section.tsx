import { useState, type FormEvent } from 'react';
import { invitableRoles, invitationBody, type InvitableRole, type Invitation, type Member } from '@rounds/shared';
import { adviceFor, organizeApi } from '../../api/organize';
import { ErrorSummary } from '../../components/forms/error-summary';
import { SelectField } from '../../components/forms/select-field';
import { TextField } from '../../components/forms/text-field';
import { ConfirmButton } from './confirm-button';
import { checkFieldsTitle, failureOf, validate, type FormFailure } from './form-state';
import { InvitationLink } from './invitation-link';
import { formatExpiry, roleLabels, statusLabels, statusOf } from './people-format';
import { useRemote } from './use-remote';

const newBooth = '__new';

const targets: Record<string, readonly [string, string]> = {
  role: ['invite-role', 'Role'],
  boothId: ['invite-boothId', 'Booth'],
  boothName: ['invite-boothName', 'New booth name'],
  email: ['invite-email', 'Email'],
};

/** Invitation links for speakers, moderators, organizers and exhibitor staff, and the list of those sent. */
export function InvitationsSection({ conferenceId, members }: { conferenceId: string; members: readonly Member[] }) {
  const invitations = useRemote(() => organizeApi.invitations(conferenceId), conferenceId);
  const booths = useRemote(() => organizeApi.booths(conferenceId), conferenceId);
  const [role, setRole] = useState<InvitableRole>('speaker');
  const [email, setEmail] = useState('');
  const [boothId, setBoothId] = useState('');
  const [boothName, setBoothName] = useState('');
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Invitation | null>(null);
  const fields = failure?.fields ?? {};
  const boothOptions = booths.data ?? [];
  const chosenBooth = boothId || (boothOptions.length ? boothOptions[0]!.id : newBooth);

  async function create(event: FormEvent) {
    event.preventDefault();
    setCreated(null);
    if (role === 'exhibitor' && chosenBooth === newBooth && !boothName.trim()) {
      return setFailure({ title: checkFieldsTitle, fields: { boothName: 'Name the new booth, or choose an existing one.' } });
    }
    // Check the email before a new booth is created, so a typo does not leave an empty booth behind.
    const checked = validate(invitationBody, { role, email: email.trim() ? email : null, boothId: null });
    if (!checked.ok) return setFailure(checked.failure);
    let booth: string | null = null;
    setBusy(true);
    try {
      if (role === 'exhibitor' && chosenBooth === newBooth) {
        // Chosen at once, so a failed invitation below is retried with this booth, not a second one.
        booth = (await organizeApi.createBooth(conferenceId, boothName.trim())).id;
        setBoothId(booth);
        setBoothName('');
        await booths.reload();
      } else if (role === 'exhibitor') {
        booth = chosenBooth;
      }
      const invitation = await organizeApi.createInvitation(conferenceId, { ...checked.data, boothId: booth });
      setCreated(invitation);
      setFailure(null);
      setEmail('');
      void invitations.reload();
    } catch (error) {
      setFailure(failureOf(error));
    } finally {
      setBusy(false);
    }
  }

  const nameOf = (userId: string | null) => members.find((m) => m.userId === userId)?.name ?? 'a new member';
  const boothNameOf = (id: string | null) => boothOptions.find((b) => b.id === id)?.name;
  const sorted = [...(invitations.data ?? [])].sort((a, b) => b.expiresAt.localeCompare(a.expiresAt));

  return (
    <section className="card console-card" aria-labelledby="invitations-title">
      <h2 id="invitations-title">Invitations</h2>
      <p className="muted section-intro">Create a link and send it yourself, by email or chat. Whoever opens it signs in or registers, and gets the role.</p>
      <form className="console-form invite-form" onSubmit={(e) => void create(e)} noValidate>
        {failure && <ErrorSummary title={failure.title} fields={failure.fields} targets={targets} />}
        <div className="field-row">
          <SelectField
            id="invite-role"
            label="Role"
            value={role}
            onChange={(value) => setRole(invitableRoles.find((r) => r === value) ?? 'speaker')}
            options={invitableRoles.map((r) => ({ value: r, label: roleLabels[r] }))}
            error={fields.role}
          />
          <TextField
            id="invite-email"
            label="Email"
            optional
            type="email"
            autoComplete="off"
            hint="Only the account with this email can accept. Leave empty for anyone with the link."
            value={email}
            onChange={setEmail}
            error={fields.email}
          />
        </div>
        {role === 'exhibitor' && (
          <div className="field-row">
            <SelectField
              id="invite-boothId"
              label="Booth"
              hint={booths.status === 'error' ? booths.error : 'Exhibitor staff belong to one booth.'}
              value={chosenBooth}
              onChange={setBoothId}
              options={[...boothOptions.map((b) => ({ value: b.id, label: b.name })), { value: newBooth, label: 'New booth…' }]}
              error={fields.boothId}
            />
            {chosenBooth === newBooth && (
              <TextField id="invite-boothName" label="New booth name" hint="The company or product, as visitors will see it." value={boothName} onChange={setBoothName} error={fields.boothName ?? fields.name} maxLength={120} />
            )}
          </div>
        )}
        <div className="form-actions">
          <button className="primary" type="submit" disabled={busy}>
            {busy ? 'Creating link…' : 'Create invitation link'}
          </button>
        </div>
      </form>
      {created?.link && <InvitationLink invitation={created} link={created.link} boothName={boothNameOf(created.boothId)} />}

      <h3 className="subsection-title">Sent invitations</h3>
      {invitations.status === 'loading' && <p className="loading-line">Loading invitations…</p>}
      {invitations.status === 'error' && (
        <div className="inline-alert" role="alert">
          {invitations.error} <button type="button" onClick={() => void invitations.reload()}>Try again</button>
        </div>
      )}
      {invitations.data && sorted.length === 0 && <p className="empty-state">No invitations yet. Links you create appear here with their status.</p>}
      {sorted.length > 0 && (
        <ul className="invitation-list">
          {sorted.map((invitation) => (
            <InvitationItem key={invitation.id} conferenceId={conferenceId} invitation={invitation} acceptedByName={nameOf(invitation.acceptedBy)} boothName={boothNameOf(invitation.boothId)} onRevoked={() => void invitations.reload()} />
          ))}
        </ul>
      )}
    </section>
  );
}

function InvitationItem({ conferenceId, invitation, acceptedByName, boothName, onRevoked }: { conferenceId: string; invitation: Invitation; acceptedByName: string; boothName?: string; onRevoked(): void }) {
  const [error, setError] = useState<string | null>(null);
  const status = statusOf(invitation);
  return (
    <li className="invitation-item">
      <div className="invitation-what">
        <strong>
          {roleLabels[invitation.role]}
          {boothName && <span className="muted"> · {boothName}</span>}
        </strong>
        <span className="muted">{invitation.email ?? 'Anyone with the link'}</span>
      </div>
      <div className="invitation-state">
        <span className={`badge status-${status}`}>{statusLabels[status]}</span>
        <span className="muted invitation-when">
          {status === 'accepted' ? `by ${acceptedByName}` : status === 'expired' ? `expired ${formatExpiry(invitation.expiresAt)}` : `expires ${formatExpiry(invitation.expiresAt)}`}
        </span>
      </div>
      <div className="invitation-actions">
        {status === 'pending' && (
          <ConfirmButton
            label="Revoke"
            accessibleName={`Revoke ${roleLabels[invitation.role].toLowerCase()} invitation${invitation.email ? ` for ${invitation.email}` : ''}`}
            question="Revoke this link? It stops working at once."
            confirmLabel="Yes, revoke"
            busyLabel="Revoking…"
            onConfirm={async () => {
              try {
                setError(null);
                await organizeApi.revokeInvitation(conferenceId, invitation.id);
                onRevoked();
              } catch (caught) {
                setError(adviceFor(caught, 'The invitation could not be revoked.'));
              }
            }}
          />
        )}
      </div>
      {error && (
        <p className="field-error invitation-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

import { useEffect, useRef } from 'react';
import type { Member, Profile } from '@rounds/shared';
import { useRemote } from './use-remote';

/** A member's clinician profile, which only they and the organizers see (and certificates will print). */
export function MemberProfile({ member, load, onClose }: { conferenceId: string; member: Member; load(): Promise<Profile>; onClose(): void }) {
  const profile = useRemote(load, member.userId);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const p = profile.data;
  return (
    <div id="member-profile" ref={ref} tabIndex={-1} className="member-profile" role="region" aria-label={`Clinician profile of ${member.name}`}>
      <div className="member-profile-head">
        <h3>Clinician profile</h3>
        <button type="button" className="quiet-button" onClick={onClose}>
          Close
        </button>
      </div>
      {profile.status === 'loading' && <p className="loading-line">Loading profile…</p>}
      {profile.status === 'error' && (
        <p className="field-error" role="alert">
          {profile.error}
        </p>
      )}
      {p && (
        <dl className="profile-facts">
          <dt>Name</dt>
          <dd>
            {p.name}
            {p.credentials.length > 0 && <span>, {p.credentials.join(', ')}</span>}
          </dd>
          <dt>Email</dt>
          <dd>{p.email}</dd>
          <dt>Specialty</dt>
          <dd>{p.specialty || <span className="muted">Not given yet</span>}</dd>
          <dt>Licence</dt>
          <dd>
            {p.licenceState || p.licenceNumber ? (
              [p.licenceState, p.licenceNumber].filter(Boolean).join(' · ')
            ) : (
              <span className="muted">Not given (optional)</span>
            )}
          </dd>
        </dl>
      )}
      <p className="muted profile-note">Visible only to this person and the organizers of this conference.</p>
    </div>
  );
}

import { useState } from 'react';
import type { Member, Role } from '@rounds/shared';
import { organizeApi } from '../../api/organize';
import { InvitationsSection } from './invitations-section';
import { MemberProfile } from './member-profile';
import { countOf, roleLabels, roleOrder } from './people-format';
import type { Remote } from './use-remote';

function RoleBadges({ roles }: { roles: readonly Role[] }) {
  return (
    <span className="role-badges">
      {[...roles]
        .sort((a, b) => roleOrder.indexOf(a) - roleOrder.indexOf(b))
        .map((role) => (
          <span key={role} className={`badge role-badge role-${role}`}>
            {roleLabels[role]}
          </span>
        ))}
    </span>
  );
}

/** The People tab: who holds which role, their clinician profiles, and invitation links. */
export function PeopleTab({ conferenceId, members }: { conferenceId: string; members: Remote<Member[]> }) {
  const [selected, setSelected] = useState<Member | null>(null);
  const list = members.data ?? [];
  const counts = roleOrder.map((role) => [role, list.filter((m) => m.roles.includes(role)).length] as const).filter(([, n]) => n > 0);

  return (
    <div className="people-layout">
      <section className="card console-card" aria-labelledby="members-title">
        <div className="section-heading">
          <div>
            <h2 id="members-title">Members</h2>
            <p className="muted section-intro">
              {members.data ? counts.map(([role, n]) => countOf(role, n)).join(' · ') || 'Nobody yet' : 'Everyone with a role in this conference.'}
            </p>
          </div>
        </div>
        {members.status === 'loading' && <p className="loading-line">Loading members…</p>}
        {members.status === 'error' && (
          <div className="inline-alert" role="alert">
            {members.error} <button type="button" onClick={() => void members.reload()}>Try again</button>
          </div>
        )}
        {members.data && list.length === 0 && <p className="empty-state">Nobody has joined yet. Invite speakers and moderators below.</p>}
        {list.length > 0 && (
          <ul className="member-list">
            {list.map((member) => (
              <li key={member.userId} className={selected?.userId === member.userId ? 'selected' : ''}>
                <button
                  type="button"
                  className="member-button"
                  aria-expanded={selected?.userId === member.userId}
                  aria-controls="member-profile"
                  onClick={() => setSelected(selected?.userId === member.userId ? null : member)}
                >
                  <span className="member-name">{member.name}</span>
                  <span className="member-email muted">{member.email}</span>
                </button>
                <RoleBadges roles={member.roles} />
                {selected?.userId === member.userId && (
                  <MemberProfile conferenceId={conferenceId} member={member} load={() => organizeApi.memberProfile(conferenceId, member.userId)} onClose={() => setSelected(null)} />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <InvitationsSection conferenceId={conferenceId} members={list} />
    </div>
  );
}

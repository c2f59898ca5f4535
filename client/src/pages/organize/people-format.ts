import type { Invitation, Role } from '@rounds/shared';

export const roleLabels: Record<Role, string> = {
  organizer: 'Organizer',
  moderator: 'Moderator',
  speaker: 'Speaker',
  exhibitor: 'Exhibitor staff',
  attendee: 'Attendee',
};

/** `3 speakers`, `2 exhibitor staff`, `1 attendee`. */
export function countOf(role: Role, n: number): string {
  const plural: Record<Role, string> = { organizer: 'organizers', moderator: 'moderators', speaker: 'speakers', exhibitor: 'exhibitor staff', attendee: 'attendees' };
  return `${n} ${n === 1 ? roleLabels[role].toLowerCase() : plural[role]}`;
}

export const roleOrder: readonly Role[] = ['organizer', 'moderator', 'speaker', 'exhibitor', 'attendee'];

/** `May 6, 3:15 PM CDT`, in the viewer's zone, with the zone. */
export function formatExpiry(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(iso));
}

export type InvitationStatus = 'pending' | 'accepted' | 'expired';

export function statusOf(invitation: Invitation, now = Date.now()): InvitationStatus {
  if (invitation.acceptedBy) return 'accepted';
  return Date.parse(invitation.expiresAt) <= now ? 'expired' : 'pending';
}

export const statusLabels: Record<InvitationStatus, string> = { pending: 'Pending', accepted: 'Accepted', expired: 'Expired' };

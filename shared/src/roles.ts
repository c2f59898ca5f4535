/** Roles a person holds in one conference. Exhibitor staff belong to one booth (exhibit hall issue). */
export const roles = ['organizer', 'moderator', 'speaker', 'exhibitor', 'attendee'] as const;
export type Role = (typeof roles)[number];

/** Roles an organizer can hand out by invitation link (attendees register themselves). */
export const invitableRoles = ['organizer', 'moderator', 'speaker', 'exhibitor'] as const;
export type InvitableRole = (typeof invitableRoles)[number];

/**
 * What an action needs, declared next to every REST route and socket handler and checked before it runs.
 * Scoped permissions read the conference (or session) from the route params or payload.
 */
export type Permission =
  /** Anyone, signed in or not. */
  | { kind: 'public' }
  /** Any signed-in account. */
  | { kind: 'signedIn' }
  /** Any role in the conference. */
  | { kind: 'member' }
  /** Organizers of the conference. */
  | { kind: 'organizer' }
  /** Speakers and moderators of the session, and organizers of its conference. */
  | { kind: 'stageCrew' };

/** What is known about the caller when a permission is checked. */
export interface AccessFacts {
  signedIn: boolean;
  roles: readonly Role[];
  isCrew: boolean;
}

/** The one rule table: does a caller with these facts hold this permission? Pure, shared by server and UI. */
export function permits(permission: Permission, facts: AccessFacts): boolean {
  switch (permission.kind) {
    case 'public':
      return true;
    case 'signedIn':
      return facts.signedIn;
    case 'member':
      return facts.signedIn && facts.roles.length > 0;
    case 'organizer':
      return facts.signedIn && facts.roles.includes('organizer');
    case 'stageCrew':
      return facts.signedIn && (facts.isCrew || facts.roles.includes('organizer'));
  }
}

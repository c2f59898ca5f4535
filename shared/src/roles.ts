/** Roles a person holds in one conference. Exhibitor staff belong to one booth (exhibit hall issue). */
export const roles = ['organizer', 'moderator', 'speaker', 'exhibitor', 'attendee'] as const;
export type Role = (typeof roles)[number];

/** Who may send a request: anyone connected, any conference member, or members on a session's stage. */
export type Permission =
  | { kind: 'member' }
  /** Speakers and moderators of the session named in the payload, and organizers. */
  | { kind: 'stageCrew' };

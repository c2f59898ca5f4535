import type { ColumnType, Generated } from 'kysely';

/** Table types for Kysely. Timestamps are written as Date and read as Date. */
type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  passwordHash: string;
  createdAt: CreatedAt;
}

export interface ConferencesTable {
  id: Generated<string>;
  slug: string;
  name: string;
  timeZone: string;
  startsOn: string;
  endsOn: string;
  createdAt: CreatedAt;
}

export interface ConferenceMembersTable {
  conferenceId: string;
  userId: string;
  role: 'organizer' | 'moderator' | 'speaker' | 'exhibitor' | 'attendee';
}

export interface StagesTable {
  id: Generated<string>;
  conferenceId: string;
  name: string;
}

export interface SessionsTable {
  id: Generated<string>;
  conferenceId: string;
  stageId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
}

export interface SessionPeopleTable {
  sessionId: string;
  userId: string;
  role: 'speaker' | 'moderator';
}

export interface AuthSessionsTable {
  /** SHA-256 of the cookie token: a database leak does not leak usable sessions. */
  tokenHash: string;
  userId: string;
  expiresAt: Date;
  createdAt: CreatedAt;
}

export interface Database {
  users: UsersTable;
  conferences: ConferencesTable;
  conferenceMembers: ConferenceMembersTable;
  stages: StagesTable;
  sessions: SessionsTable;
  sessionPeople: SessionPeopleTable;
  authSessions: AuthSessionsTable;
}

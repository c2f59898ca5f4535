import type { Role } from './roles';

/** REST shapes of the program, as the server sends them and the client reads them. */
export interface ConferenceSummary {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  startsOn: string;
  endsOn: string;
}

export interface SessionPerson {
  userId: string;
  name: string;
  role: 'speaker' | 'moderator';
}

export interface ProgramSession {
  id: string;
  conferenceId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  stageName: string;
  people: SessionPerson[];
}

export interface Me {
  userId: string;
  email: string;
  name: string;
  memberships: { conferenceId: string; role: Role }[];
}

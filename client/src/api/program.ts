import type { ConferenceSummary, Program, Role } from '@rounds/shared';
import { api, segment } from './http';

export type MyConference = ConferenceSummary & { myRoles: Role[] };

export function fetchMyConferences(): Promise<MyConference[]> {
  return api<MyConference[]>('/api/conferences');
}

export function fetchProgram(conferenceId: string): Promise<Program> {
  return api<Program>(`/api/conferences/${segment(conferenceId)}/program`);
}

/** Adds a session to (or removes it from) the caller's personal schedule. */
export function putScheduled(conferenceId: string, sessionId: string, scheduled: boolean): Promise<object> {
  return api(`/api/conferences/${segment(conferenceId)}/schedule/${segment(sessionId)}`, { method: scheduled ? 'PUT' : 'DELETE' });
}

import type {
  ConferenceBody,
  ConferenceSummary,
  Invitation,
  Member,
  Profile,
  Program,
  ProgramSession,
  SessionBody,
  Stage,
  Track,
} from '@rounds/shared';
import { ApiError, api, segment } from './http';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Resolves with `data` or throws an ApiError whose `fields` hold the per-field messages of the response. */
function call<T>(method: Method, path: string, body?: unknown): Promise<T> {
  return api<T>(path, { method, body });
}

export type TrackBody = Omit<Track, 'id'>;
export type StageBody = Omit<Stage, 'id'>;
export type InvitationBody = Pick<Invitation, 'role' | 'email' | 'boothId'>;
export interface Booth {
  id: string;
  name: string;
}

const conference = (conferenceId: string) => `/api/conferences/${segment(conferenceId)}`;
const item = (conferenceId: string, kind: string, id: string) => `${conference(conferenceId)}/${kind}/${segment(id)}`;

/** Typed calls to the organizer endpoints. Each resolves with data or throws an ApiError carrying `fields`. */
export const organizeApi = {
  program: (conferenceId: string) => call<Program>('GET', `${conference(conferenceId)}/program`),

  createConference: (body: ConferenceBody) => call<ConferenceSummary>('POST', '/api/conferences', body),
  updateConference: (conferenceId: string, body: ConferenceBody) => call<ConferenceSummary>('PUT', conference(conferenceId), body),

  createTrack: (conferenceId: string, body: TrackBody) => call<Track>('POST', `${conference(conferenceId)}/tracks`, body),
  updateTrack: (conferenceId: string, trackId: string, body: TrackBody) => call<Track>('PUT', item(conferenceId, 'tracks', trackId), body),
  deleteTrack: (conferenceId: string, trackId: string) => call<object>('DELETE', item(conferenceId, 'tracks', trackId)),

  createStage: (conferenceId: string, body: StageBody) => call<Stage>('POST', `${conference(conferenceId)}/stages`, body),
  updateStage: (conferenceId: string, stageId: string, body: StageBody) => call<Stage>('PUT', item(conferenceId, 'stages', stageId), body),
  deleteStage: (conferenceId: string, stageId: string) => call<object>('DELETE', item(conferenceId, 'stages', stageId)),

  createSession: (conferenceId: string, body: SessionBody) => call<ProgramSession>('POST', `${conference(conferenceId)}/sessions`, body),
  updateSession: (conferenceId: string, sessionId: string, body: SessionBody) =>
    call<ProgramSession>('PUT', item(conferenceId, 'sessions', sessionId), body),
  deleteSession: (conferenceId: string, sessionId: string) => call<object>('DELETE', item(conferenceId, 'sessions', sessionId)),

  members: (conferenceId: string) => call<Member[]>('GET', `${conference(conferenceId)}/members`),
  memberProfile: (conferenceId: string, userId: string) => call<Profile>('GET', `${item(conferenceId, 'members', userId)}/profile`),

  booths: (conferenceId: string) => call<Booth[]>('GET', `${conference(conferenceId)}/booths`),
  createBooth: (conferenceId: string, name: string) => call<Booth>('POST', `${conference(conferenceId)}/booths`, { name }),

  invitations: (conferenceId: string) => call<Invitation[]>('GET', `${conference(conferenceId)}/invitations`),
  createInvitation: (conferenceId: string, body: InvitationBody) => call<Invitation>('POST', `${conference(conferenceId)}/invitations`, body),
  revokeInvitation: (conferenceId: string, invitationId: string) => call<object>('DELETE', item(conferenceId, 'invitations', invitationId)),
};

export { adviceFor } from './http';

/** Per-field messages of a failure (`endsAt`: "The session must end after it starts."), or none. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  return error instanceof ApiError ? { ...error.fields } : {};
}

import type { ConferenceSummary, Identity, InvitationPreview, Profile, ProfileBody, Role } from '@rounds/shared';
import { api, segment } from './http';

/** REST calls about accounts and invitations. Store updates that follow them live in ConferenceClient. */

export function postRegister(body: { name: string; email: string; password: string }): Promise<Identity> {
  return api<Identity>('/api/auth/register', { method: 'POST', body });
}

export function postSignIn(body: { email: string; password: string }): Promise<Identity> {
  return api<Identity>('/api/auth/sign-in', { method: 'POST', body });
}

export function postPasswordReset(email: string): Promise<object> {
  return api('/api/auth/password-reset', { method: 'POST', body: { email } });
}

export function postPasswordResetConfirm(token: string, password: string): Promise<object> {
  return api('/api/auth/password-reset/confirm', { method: 'POST', body: { token, password } });
}

export function fetchProfile(): Promise<Profile> {
  return api<Profile>('/api/me/profile');
}

export function putProfile(body: ProfileBody): Promise<Profile> {
  return api<Profile>('/api/me/profile', { method: 'PUT', body });
}

export function fetchInvitationPreview(token: string): Promise<InvitationPreview> {
  return api<InvitationPreview>(`/api/invitations/${segment(token)}`);
}

export function postAcceptInvitation(token: string): Promise<{ conferenceId: string; role: Role }> {
  return api(`/api/invitations/${segment(token)}/accept`, { method: 'POST' });
}

/** The public summary behind a conference link (`#/c/<slug>`), readable before signing in. */
export function fetchPublicConference(slug: string): Promise<ConferenceSummary> {
  return api<ConferenceSummary>(`/api/public/conferences/${segment(slug)}`);
}

export function postAttend(conferenceId: string): Promise<{ conferenceId: string; role: 'attendee' }> {
  return api(`/api/conferences/${segment(conferenceId)}/attend`, { method: 'POST' });
}

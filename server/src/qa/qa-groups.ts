import type { NotificationName, NotificationPayload } from '@rounds/shared';

/**
 * Broadcast groups of a session's live interaction (Q&A, polls, chat), joined with `qa.join`.
 * Everyone is in the Q&A group; those who may moderate (the session's speakers and moderators, the
 * conference's organizers) are also in the crew group, which gets everything in full. Audience
 * broadcasts go to the Q&A group except the crew. Each person is also in a group of their own
 * (all their connections), for what concerns only them.
 */
export const qaGroup = (sessionId: string) => `qa:${sessionId}`;
export const qaCrewGroup = (sessionId: string) => `qa-crew:${sessionId}`;
export const qaPersonGroup = (sessionId: string, userId: string) => `qa-person:${sessionId}:${userId}`;

type Send = <N extends NotificationName>(sessionId: string, name: N, payload: NotificationPayload<N>) => void;

/** Delivers a session's interaction notifications (the socket layer implements it). */
export interface SessionNotifier {
  /** Everyone but the crew (who get their own view). */
  audience: Send;
  crew: Send;
  everyone: Send;
  person<N extends NotificationName>(sessionId: string, userId: string, name: N, payload: NotificationPayload<N>): void;
}

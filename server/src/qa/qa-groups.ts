/**
 * Broadcast groups of a session's Q&A. Everyone who opened it is in the Q&A group; those who may
 * moderate (the session's speakers and moderators, the conference's organizers) are also in the
 * crew group, which gets every question in full. Audience broadcasts go to the Q&A group except the crew.
 */
export const qaGroup = (sessionId: string) => `qa:${sessionId}`;
export const qaCrewGroup = (sessionId: string) => `qa-crew:${sessionId}`;

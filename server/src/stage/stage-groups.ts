/**
 * Broadcast groups (socket.io rooms) of a stage. Everyone who joined is in the stage group; the
 * session's crew (speakers, moderators, organizers) are also in the crew group, which hears what
 * only they act on (raised hands).
 */
export const stageGroup = (sessionId: string) => `stage:${sessionId}`;
export const stageCrewGroup = (sessionId: string) => `stage-crew:${sessionId}`;

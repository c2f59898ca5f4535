import { permits } from '@rounds/shared';
import { stageCrewGroup, stageGroup } from './stage-groups';
import type { StageHandlers } from './stage-handlers';
import type { StageService } from './stage-service';

/** Joining and leaving a stage. */
export function presenceHandlers(stages: StageService): StageHandlers<'stage.join' | 'stage.leave'> {
  return {
    'stage.join': async ({ sessionId }, ctx) => {
      const room = await stages.room(sessionId);
      const peer = room.join({
        id: ctx.connectionId,
        userId: ctx.identity.userId,
        userName: ctx.identity.name,
        canPresent: permits({ kind: 'stageCrew' }, { signedIn: true, ...ctx.access }),
      });
      ctx.joinGroup(stageGroup(sessionId));
      // Roles can change between two joins of one connection: the crew group follows the latest.
      if (peer.canPresent) ctx.joinGroup(stageCrewGroup(sessionId));
      else ctx.leaveGroup(stageCrewGroup(sessionId));
      const { producers, pausedIds } = await stages.streams(room);
      ctx.afterAck(() => {
        if (!peer.closed) stages.catchUp(room, peer, pausedIds);
      });
      return {
        sessionId,
        peerId: peer.id,
        canPresent: peer.canPresent,
        routerRtpCapabilities: { ...room.rtpCapabilities },
        producers,
      };
    },

    'stage.leave': async ({ sessionId }, ctx) => {
      ctx.leaveGroup(stageGroup(sessionId));
      ctx.leaveGroup(stageCrewGroup(sessionId));
      await stages.leave(sessionId, ctx.connectionId);
      return {};
    },
  };
}

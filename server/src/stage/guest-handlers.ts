import { RoundsError } from '@rounds/shared';
import type { StageRoom } from '../media/stage-room';
import type { StageHandlers } from './stage-handlers';
import type { StageService } from './stage-service';

/** A viewer by peer id, who must be on this stage. */
function viewer(room: StageRoom, peerId: string) {
  const peer = room.findPeer(peerId);
  if (!peer) throw new RoundsError('resource.notFound', `No peer ${peerId} on this stage`);
  return peer;
}

/** Spoken questions: a viewer raises a hand, the crew invite them on stage and take them off again. */
export function guestHandlers(stages: StageService): StageHandlers<'stage.raiseHand' | 'stage.inviteGuest' | 'stage.removeGuest'> {
  return {
    'stage.raiseHand': async ({ sessionId, raised }, ctx) => {
      const { room, peer } = await stages.joined(sessionId, ctx.connectionId);
      stages.raiseHand(room, peer, raised);
      return {};
    },

    'stage.inviteGuest': async ({ sessionId, peerId }, ctx) => {
      const { room } = await stages.joined(sessionId, ctx.connectionId);
      room.setGuest(viewer(room, peerId), true);
      return {};
    },

    'stage.removeGuest': async ({ sessionId, peerId }, ctx) => {
      const { room } = await stages.joined(sessionId, ctx.connectionId);
      room.setGuest(viewer(room, peerId), false);
      return {};
    },
  };
}

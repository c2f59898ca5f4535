import type { StageHandlers } from './stage-handlers';
import type { StageService } from './stage-service';

/** What a presenter (crew or invited guest) does with its own streams. Someone else's stream is `media.producerNotFound`. */
export function presenterHandlers(stages: StageService): StageHandlers<'stage.stopPresenting' | 'media.setProducerPaused' | 'media.closeProducer'> {
  return {
    'stage.stopPresenting': async ({ sessionId }, ctx) => {
      const { room, peer } = await stages.joined(sessionId, ctx.connectionId);
      room.stopPresenting(peer);
      return {};
    },

    'media.setProducerPaused': async ({ sessionId, producerId, paused }, ctx) => {
      const { room, peer } = await stages.joined(sessionId, ctx.connectionId);
      await room.setProducerPaused(peer, producerId, paused);
      return {};
    },

    'media.closeProducer': async ({ sessionId, producerId }, ctx) => {
      (await stages.joined(sessionId, ctx.connectionId)).peer.producer(producerId).close();
      return {};
    },
  };
}

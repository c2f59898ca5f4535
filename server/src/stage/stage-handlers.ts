import type { types } from 'mediasoup';
import { permits } from '@rounds/shared';
import type { HandlerMap, RequestContext } from '../signalling/dispatcher';
import type { StageService } from './stage-service';

export const stageGroup = (sessionId: string) => `stage:${sessionId}`;

/** Socket handlers of the live stage. The dispatcher has validated the payload and checked the permission. */
export function stageHandlers(stages: StageService): HandlerMap {
  const peerOf = async (sessionId: string, ctx: RequestContext) => (await stages.room(sessionId)).peer(ctx.connectionId);

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
      return {
        sessionId,
        peerId: peer.id,
        canPresent: peer.canPresent,
        routerRtpCapabilities: { ...room.rtpCapabilities },
        producers: room.producers(),
      };
    },

    'stage.leave': async ({ sessionId }, ctx) => {
      ctx.leaveGroup(stageGroup(sessionId));
      await stages.leave(sessionId, ctx.connectionId);
      return {};
    },

    'stage.stopPresenting': async ({ sessionId }, ctx) => {
      const room = await stages.room(sessionId);
      room.stopPresenting(room.peer(ctx.connectionId));
      return {};
    },

    'media.createTransport': async ({ sessionId, direction }, ctx) => {
      const room = await stages.room(sessionId);
      const transport = await room.createTransport(room.peer(ctx.connectionId), direction);
      return {
        transportId: transport.id,
        iceParameters: { ...transport.iceParameters },
        iceCandidates: transport.iceCandidates.map((candidate) => ({ ...candidate })),
        dtlsParameters: { ...transport.dtlsParameters },
      };
    },

    'media.connectTransport': async ({ sessionId, transportId, dtlsParameters }, ctx) => {
      const peer = await peerOf(sessionId, ctx);
      await peer.transport(transportId).connect({ dtlsParameters: dtlsParameters as types.DtlsParameters });
      return {};
    },

    'media.produce': async ({ sessionId, transportId, kind, source, rtpParameters }, ctx) => {
      const room = await stages.room(sessionId);
      const producer = await room.produce(room.peer(ctx.connectionId), {
        transportId,
        kind,
        source,
        rtpParameters: rtpParameters as types.RtpParameters,
      });
      return { producerId: producer.id };
    },

    'media.consume': async ({ sessionId, transportId, producerId, rtpCapabilities }, ctx) => {
      const room = await stages.room(sessionId);
      const consumer = await room.consume(room.peer(ctx.connectionId), {
        transportId,
        producerId,
        rtpCapabilities: rtpCapabilities as types.RtpCapabilities,
      });
      return {
        consumerId: consumer.id,
        producerId,
        kind: consumer.kind,
        rtpParameters: { ...consumer.rtpParameters },
      };
    },

    'media.resumeConsumer': async ({ sessionId, consumerId }, ctx) => {
      const consumer = (await peerOf(sessionId, ctx)).consumer(consumerId);
      await consumer.resume();
      // A fresh viewer needs a keyframe to start decoding; ask again shortly after (see ENVIRONMENT notes on stalls).
      if (consumer.kind === 'video') {
        await consumer.requestKeyFrame();
        setTimeout(() => {
          consumer.requestKeyFrame().catch((error: unknown) => ctx.log.debug({ err: error }, 'late keyframe request skipped'));
        }, 300).unref();
      }
      return {};
    },
  };
}

import type { types } from 'mediasoup';
import type { StageHandlers } from './stage-handlers';
import type { StageService } from './stage-service';

type MediaRequest =
  | 'media.createTransport'
  | 'media.connectTransport'
  | 'media.produce'
  | 'media.consume'
  | 'media.resumeConsumer'
  | 'media.pauseConsumer'
  | 'media.setPreferredLayers';

/** Transports, producing and consuming. Everything acts on the caller's own peer, which must have joined. */
export function mediaHandlers(stages: StageService): StageHandlers<MediaRequest> {
  return {
    'media.createTransport': async ({ sessionId, direction }, ctx) => {
      const { room, peer } = await stages.joined(sessionId, ctx.connectionId);
      const transport = await room.createTransport(peer, direction);
      return {
        transportId: transport.id,
        iceParameters: { ...transport.iceParameters },
        iceCandidates: transport.iceCandidates.map((candidate) => ({ ...candidate })),
        dtlsParameters: { ...transport.dtlsParameters },
      };
    },

    'media.connectTransport': async ({ sessionId, transportId, dtlsParameters }, ctx) => {
      const { peer } = await stages.joined(sessionId, ctx.connectionId);
      await peer.transport(transportId).connect({ dtlsParameters: dtlsParameters as types.DtlsParameters });
      return {};
    },

    /** The catalogue lets any member ask (invited guests are members); the room lets only the crew and guests produce. */
    'media.produce': async ({ sessionId, transportId, kind, source, rtpParameters }, ctx) => {
      const { room, peer } = await stages.joined(sessionId, ctx.connectionId);
      const producer = await room.produce(peer, { transportId, kind, source, rtpParameters: rtpParameters as types.RtpParameters });
      return { producerId: producer.id };
    },

    'media.consume': async ({ sessionId, transportId, producerId, rtpCapabilities }, ctx) => {
      const { room, peer } = await stages.joined(sessionId, ctx.connectionId);
      const consumer = await room.consume(peer, { transportId, producerId, rtpCapabilities: rtpCapabilities as types.RtpCapabilities });
      return {
        consumerId: consumer.id,
        producerId,
        kind: consumer.kind,
        rtpParameters: { ...consumer.rtpParameters },
      };
    },

    'media.resumeConsumer': async ({ sessionId, consumerId }, ctx) => {
      const consumer = (await stages.joined(sessionId, ctx.connectionId)).peer.consumer(consumerId);
      await consumer.resume();
      // A viewer (new, or back from audio-only) needs a keyframe to start decoding. Asked once: the
      // browser's encoder ignores requests within 300 ms of the last, and mediasoup then holds every
      // further request for a second (see README, stage-join).
      if (consumer.kind === 'video') await consumer.requestKeyFrame();
      return {};
    },

    /** Audio-only mode pauses the video consumers: the server stops sending them (`media.resumeConsumer` restarts). */
    'media.pauseConsumer': async ({ sessionId, consumerId }, ctx) => {
      await (await stages.joined(sessionId, ctx.connectionId)).peer.consumer(consumerId).pause();
      return {};
    },

    /** Simulcast/SVC: mediasoup clamps to the layers the producer has; a single-stream consumer ignores it. */
    'media.setPreferredLayers': async ({ sessionId, consumerId, spatialLayer, temporalLayer }, ctx) => {
      const consumer = (await stages.joined(sessionId, ctx.connectionId)).peer.consumer(consumerId);
      await consumer.setPreferredLayers({ spatialLayer, ...(temporalLayer !== undefined && { temporalLayer }) });
      return {};
    },
  };
}

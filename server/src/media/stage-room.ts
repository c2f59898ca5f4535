import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import { RoundsError, type MediaKind, type MediaSource, type StageProducer } from '@rounds/shared';
import { mediaCodecs } from './media-codecs';
import { StagePeer, type TransportDirection } from './stage-peer';

export interface TransportSettings {
  listenIp: string;
  announcedIp: string;
}

interface StageRoomEvents {
  producerAdded: [producer: StageProducer];
  producerClosed: [producerId: string];
  /** The last producer closed: nobody presents any more. */
  ended: [];
  /** `mediaLost`: the router went away under the room (its worker died); peers must join again. */
  closed: [reason: 'normal' | 'mediaLost'];
}

/**
 * The media of one session's stage on this node: a router on one worker, and its peers.
 * Owns its peers; closing the room closes the router, which closes every transport in it.
 */
export class StageRoom extends EventEmitter<StageRoomEvents> {
  readonly sessionId: string;
  readonly workerIndex: number;
  readonly #router: types.Router;
  readonly #transportSettings: TransportSettings;
  readonly #peers = new Map<string, StagePeer>();
  /** True from the first producer until the last one closes. */
  #live = false;
  #closed = false;

  private constructor(sessionId: string, workerIndex: number, router: types.Router, settings: TransportSettings) {
    super();
    this.sessionId = sessionId;
    this.workerIndex = workerIndex;
    this.#router = router;
    this.#transportSettings = settings;
    router.observer.once('close', () => this.#close('mediaLost'));
  }

  static async create(sessionId: string, worker: types.Worker, workerIndex: number, settings: TransportSettings): Promise<StageRoom> {
    const router = await worker.createRouter({ mediaCodecs });
    return new StageRoom(sessionId, workerIndex, router, settings);
  }

  get closed(): boolean {
    return this.#closed;
  }

  get rtpCapabilities(): types.RtpCapabilities {
    return this.#router.rtpCapabilities;
  }

  get peerCount(): number {
    return this.#peers.size;
  }

  /** Adds a peer, replacing (and closing) an earlier one with the same id. */
  join(init: { id: string; userId: string; userName: string; canPresent: boolean }): StagePeer {
    this.#assertOpen();
    this.#peers.get(init.id)?.close();
    const peer = new StagePeer(init);
    this.#peers.set(peer.id, peer);
    return peer;
  }

  peer(peerId: string): StagePeer {
    const peer = this.#peers.get(peerId);
    if (!peer || this.#closed) throw new RoundsError('stage.notLive', 'Join the stage first');
    return peer;
  }

  leave(peerId: string): void {
    const peer = this.#peers.get(peerId);
    if (!peer) return;
    this.#peers.delete(peerId);
    peer.close();
  }

  producers(): StageProducer[] {
    return [...this.#peers.values()].flatMap((peer) =>
      [...peer.producers.values()].map(({ producer, source }) => ({
        producerId: producer.id,
        peerId: peer.id,
        userName: peer.userName,
        kind: producer.kind,
        source,
      })),
    );
  }

  async createTransport(peer: StagePeer, direction: TransportDirection): Promise<types.WebRtcTransport> {
    if (direction === 'send' && !peer.canPresent) throw new RoundsError('auth.forbidden', 'Only presenters send media');
    const { listenIp, announcedIp } = this.#transportSettings;
    const transport = await this.#router.createWebRtcTransport({
      listenIps: [{ ip: listenIp, announcedIp }],
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
    });
    peer.addTransport(transport, direction);
    return transport;
  }

  async produce(
    peer: StagePeer,
    request: { transportId: string; kind: MediaKind; source: MediaSource; rtpParameters: types.RtpParameters },
  ): Promise<types.Producer> {
    if (!peer.canPresent) throw new RoundsError('auth.forbidden', 'Only presenters send media');
    const transport = peer.transport(request.transportId, 'send');
    const producer = await transport.produce({ kind: request.kind, rtpParameters: request.rtpParameters });
    peer.producers.set(producer.id, { producer, source: request.source });
    producer.observer.once('close', () => {
      peer.producers.delete(producer.id);
      this.emit('producerClosed', producer.id);
      this.#emitEndedIfSilent();
    });
    this.#live = true;
    const { kind } = producer;
    this.emit('producerAdded', { producerId: producer.id, peerId: peer.id, userName: peer.userName, kind, source: request.source });
    return producer;
  }

  /** Creates the consumer paused: the client resumes it once its side exists, so no early packet is lost. */
  async consume(
    peer: StagePeer,
    request: { transportId: string; producerId: string; rtpCapabilities: types.RtpCapabilities },
  ): Promise<types.Consumer> {
    const transport = peer.transport(request.transportId, 'recv');
    if (!this.producers().some((p) => p.producerId === request.producerId)) {
      throw new RoundsError('media.producerNotFound', `No stream ${request.producerId} on this stage`);
    }
    if (!this.#router.canConsume({ producerId: request.producerId, rtpCapabilities: request.rtpCapabilities })) {
      throw new RoundsError('media.cannotConsume');
    }
    const consumer = await transport.consume({
      producerId: request.producerId,
      rtpCapabilities: request.rtpCapabilities,
      paused: true,
    });
    peer.consumers.set(consumer.id, consumer);
    consumer.observer.once('close', () => peer.consumers.delete(consumer.id));
    return consumer;
  }

  stopPresenting(peer: StagePeer): void {
    for (const { producer } of [...peer.producers.values()]) producer.close();
  }

  close(): void {
    this.#close('normal');
  }

  #close(reason: 'normal' | 'mediaLost'): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const peer of this.#peers.values()) peer.close();
    this.#peers.clear();
    this.#router.close();
    this.emit('closed', reason);
  }

  #emitEndedIfSilent(): void {
    if (this.#closed || !this.#live || this.producers().length > 0) return;
    this.#live = false;
    this.emit('ended');
  }

  #assertOpen(): void {
    if (this.#closed) throw new RoundsError('stage.notLive', 'This stage was closed; join again');
  }
}

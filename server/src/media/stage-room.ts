import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import { RoundsError, type MediaKind, type MediaSource, type StageProducer } from '@rounds/shared';
import { SpeakerDetector } from './speaker-detector';
import { StagePeer, type TransportDirection } from './stage-peer';
import { StageRouters, type RouterSlot, type WorkerPicker } from './stage-routers';

export interface TransportSettings {
  listenIp: string;
  announcedIp: string;
}

/** Brings a stream produced on another node onto the room's origin router (see `cluster/`). */
export interface StreamImporter {
  import(producerId: string): Promise<types.Producer | undefined>;
}

interface StageRoomEvents {
  producerAdded: [producer: StageProducer];
  producerClosed: [producerId: string];
  producerPaused: [producerId: string];
  producerResumed: [producerId: string];
  /** The last producer closed: nobody presents any more. */
  ended: [];
  /** The loudest peer changed (null: nobody speaks); already smoothed and rate-limited. */
  activeSpeaker: [peerId: string | null];
  /** A viewer was invited on stage, or taken off it (by the crew, or by leaving). */
  guestChanged: [peer: StagePeer, onStage: boolean];
  /** A peer left or was replaced by a new join of the same connection; its media is closed. */
  peerLeft: [peer: StagePeer];
  /** `mediaLost`: the router went away under the room (its worker died); peers must join again. */
  closed: [reason: 'normal' | 'mediaLost'];
}

/** Where a simulcast viewer starts: the middle layer, until its player asks for another. */
const initialSpatialLayer = 1;

/**
 * The media of one session's stage on this node: its routers (see StageRouters) and its peers.
 * Owns its peers; closing the room closes the routers, which close every transport in them.
 */
export class StageRoom extends EventEmitter<StageRoomEvents> {
  readonly sessionId: string;
  readonly #routers: StageRouters;
  /** The router each viewer receives from (presenters send to the origin). */
  readonly #viewerSlots = new WeakMap<StagePeer, RouterSlot>();
  readonly #transportSettings: TransportSettings;
  readonly #speakers: SpeakerDetector;
  readonly #importer: StreamImporter | undefined;
  readonly #peers = new Map<string, StagePeer>();
  /** True from the first producer until the last one closes. */
  #live = false;
  #closed = false;

  private constructor(
    sessionId: string,
    parts: { routers: StageRouters; speakers: SpeakerDetector; importer: StreamImporter | undefined },
    settings: TransportSettings,
  ) {
    super();
    const { routers, speakers } = parts;
    this.sessionId = sessionId;
    this.#importer = parts.importer;
    this.#routers = routers;
    this.#speakers = speakers;
    this.#transportSettings = settings;
    speakers.on('change', (peerId) => this.emit('activeSpeaker', peerId));
    routers.onLost(() => this.#close('mediaLost'));
  }

  static async create(
    sessionId: string,
    options: {
      pickWorker: WorkerPicker;
      consumerBudget: number;
      transport: TransportSettings;
      /** Streams of this stage produced on other nodes; none when absent. */
      importer?: (originRouter: types.Router) => StreamImporter;
    },
  ): Promise<StageRoom> {
    const routers = await StageRouters.create(options.pickWorker, options.consumerBudget);
    try {
      const speakers = await SpeakerDetector.create(routers.origin.router);
      const importer = options.importer?.(routers.origin.router);
      return new StageRoom(sessionId, { routers, speakers, importer }, options.transport);
    } catch (error) {
      routers.close();
      throw error;
    }
  }

  /** The worker of the origin router, where presenters send. */
  get workerIndex(): number {
    return this.#routers.origin.workerIndex;
  }

  /** Consumers per router, origin first. */
  routerLoad(): { workerIndex: number; consumers: number }[] {
    return this.#routers.load();
  }

  get closed(): boolean {
    return this.#closed;
  }

  get rtpCapabilities(): types.RtpCapabilities {
    return this.#routers.origin.router.rtpCapabilities;
  }

  /**
   * The origin router, for media plumbing on this node that is not a browser (tests feed RTP in
   * through a PlainTransport they attach to a peer). Handlers go through the room's methods.
   */
  get router(): types.Router {
    return this.#routers.origin.router;
  }

  get peerCount(): number {
    return this.#peers.size;
  }

  /** Who speaks now, as last told to the stage. */
  get activeSpeaker(): string | null {
    return this.#speakers.current;
  }

  /** Adds a peer, replacing (and closing) an earlier one with the same id. */
  join(init: { id: string; userId: string; userName: string; canPresent: boolean }): StagePeer {
    this.#assertOpen();
    this.leave(init.id);
    const peer = new StagePeer(init);
    this.#peers.set(peer.id, peer);
    return peer;
  }

  /** The caller's own peer: a connection that has not joined gets `stage.notLive`. */
  peer(peerId: string): StagePeer {
    const peer = this.#peers.get(peerId);
    if (!peer || this.#closed) throw new RoundsError('stage.notLive', 'Join the stage first');
    return peer;
  }

  /** Another peer on this stage, by id (for the crew acting on a viewer). */
  findPeer(peerId: string): StagePeer | undefined {
    return this.#closed ? undefined : this.#peers.get(peerId);
  }

  leave(peerId: string): void {
    const peer = this.#peers.get(peerId);
    if (!peer) return;
    const wasGuest = peer.isGuest;
    // Close while still listed, so `ended` follows the last of the peer's streams, not the first.
    peer.close();
    this.#peers.delete(peerId);
    if (wasGuest) this.emit('guestChanged', peer, false);
    this.emit('peerLeft', peer);
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

  pausedProducerIds(): string[] {
    return [...this.#peers.values()].flatMap((peer) => [...peer.producers.values()].filter((p) => p.producer.paused).map((p) => p.producer.id));
  }

  guests(): StagePeer[] {
    return [...this.#peers.values()].filter((peer) => peer.isGuest);
  }

  async createTransport(peer: StagePeer, direction: TransportDirection): Promise<types.WebRtcTransport> {
    if (direction === 'send') assertMayPresent(peer);
    const slot = direction === 'send' ? this.#routers.origin : await this.#viewerSlot(peer);
    const { listenIp, announcedIp } = this.#transportSettings;
    const transport = await slot.router.createWebRtcTransport({
      listenIps: [{ ip: listenIp, announcedIp }],
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
    });
    // The peer may have left, or a guest been taken off stage, while the worker answered.
    try {
      assertStillOn(peer, direction === 'send');
    } catch (error) {
      transport.close();
      throw error;
    }
    peer.addTransport(transport, direction);
    return transport;
  }

  async produce(
    peer: StagePeer,
    request: { transportId: string; kind: MediaKind; source: MediaSource; rtpParameters: types.RtpParameters },
  ): Promise<types.Producer> {
    assertMayPresent(peer);
    const transport = peer.transport(request.transportId, 'send');
    const producer = await transport.produce({ kind: request.kind, rtpParameters: request.rtpParameters });
    try {
      if (producer.kind === 'audio') await this.#speakers.add(producer, peer.id);
      // Left, or taken off stage, while the worker created it: nothing may stay on air.
      assertStillOn(peer, true);
      if (transport.closed) throw new RoundsError('media.transportNotFound', `Transport ${transport.id} closed`);
    } catch (error) {
      producer.close();
      throw error;
    }
    // From here on synchronous: the producer is the peer's before anything else can run.
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

  /** Pauses or resumes one of the peer's own producers; the stage hears of it only when the state changes. */
  async setProducerPaused(peer: StagePeer, producerId: string, paused: boolean): Promise<void> {
    const producer = peer.producer(producerId);
    if (producer.paused === paused) return;
    if (paused) await producer.pause();
    else await producer.resume();
    this.emit(paused ? 'producerPaused' : 'producerResumed', producer.id);
  }

  /**
   * Creates the consumer paused: the client resumes it once its side exists, so no early packet is lost.
   * A simulcast viewer starts on the middle layer rather than the top one (the player asks for more).
   */
  async consume(
    peer: StagePeer,
    request: { transportId: string; producerId: string; rtpCapabilities: types.RtpCapabilities },
  ): Promise<types.Consumer> {
    const transport = peer.transport(request.transportId, 'recv');
    const producer = this.findProducer(request.producerId) ?? (await this.#importer?.import(request.producerId));
    if (!producer) throw new RoundsError('media.producerNotFound', `No stream ${request.producerId} on this stage`);
    const slot = this.#viewerSlots.get(peer) ?? this.#routers.origin;
    await this.#routers.ensureProducer(slot, producer.id);
    if (!slot.router.canConsume({ producerId: producer.id, rtpCapabilities: request.rtpCapabilities })) {
      throw new RoundsError('media.cannotConsume');
    }
    const consumer = await transport.consume({
      producerId: producer.id,
      rtpCapabilities: request.rtpCapabilities,
      paused: true,
      ...(producer.type !== 'simple' && { preferredLayers: { spatialLayer: initialSpatialLayer } }),
    });
    peer.consumers.set(consumer.id, consumer);
    this.#routers.track(slot, consumer);
    consumer.observer.once('close', () => peer.consumers.delete(consumer.id));
    return consumer;
  }

  stopPresenting(peer: StagePeer): void {
    for (const { producer } of [...peer.producers.values()]) producer.close();
  }

  /**
   * Invites a viewer on stage or takes them off: one `guestChanged` when the state changes. Crew
   * can always present, so they are left alone. Taking a guest off closes what they send first.
   */
  setGuest(peer: StagePeer, onStage: boolean): void {
    if (peer.canPresent || peer.isGuest === onStage || peer.closed) return;
    peer.setGuest(onStage);
    this.emit('guestChanged', peer, onStage);
  }

  close(): void {
    this.#close('normal');
  }

  /** A viewer keeps the router it was first placed on, so all its consumers share one transport. */
  async #viewerSlot(peer: StagePeer): Promise<RouterSlot> {
    let slot = this.#viewerSlots.get(peer);
    if (!slot) {
      slot = await this.#routers.placeViewer();
      this.#viewerSlots.set(peer, slot);
    }
    return slot;
  }

  /** A stream presented on this node (not one imported from another). */
  findProducer(producerId: string): types.Producer | undefined {
    for (const peer of this.#peers.values()) {
      const entry = peer.producers.get(producerId);
      if (entry) return entry.producer;
    }
    return undefined;
  }

  #close(reason: 'normal' | 'mediaLost'): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const peer of this.#peers.values()) peer.close();
    this.#peers.clear();
    this.#speakers.close();
    this.#routers.close();
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

function assertMayPresent(peer: StagePeer): void {
  if (!peer.mayPresent) throw new RoundsError('auth.forbidden', 'Only presenters and invited guests send media');
}

/** After an await on the worker: the peer is still on the stage (and, for sending, still allowed to). */
function assertStillOn(peer: StagePeer, sending: boolean): void {
  if (peer.closed) throw new RoundsError('stage.notLive', 'Left the stage');
  if (sending) assertMayPresent(peer);
}

import { RoundsError, withTimeout, type NotificationName, type NotificationPayload, type StageProducer } from '@rounds/shared';
import type { StageCluster } from '../cluster/stage-cluster';
import type { Logger } from '../logger';
import type { StagePeer } from '../media/stage-peer';
import { StageRoom, type TransportSettings } from '../media/stage-room';
import type { WorkerPool } from '../media/worker-pool';
import { RaisedHands } from './raised-hands';
import { stageCrewGroup, stageGroup } from './stage-groups';

/**
 * Where stage notifications go: `to` is a broadcast group (`stageGroup`, `stageCrewGroup`) or one
 * connection's id (peer ids are connection ids). The socket layer delivers them.
 */
export interface StageSettings {
  transport: TransportSettings;
  /** Consumers one router serves before viewers go to an edge router on another worker. */
  consumerBudget: number;
}

export type StageNotifier = <N extends NotificationName>(to: string, name: N, payload: NotificationPayload<N>) => void;

/** How long shutdown waits for the directory to hear that this node's streams ended. */
const shutdownWaitMs = 2_000;

/**
 * After a worker dies with no other alive, how long peers wait for its replacement before they are
 * told to rejoin anyway (they then retry with a back-off until one is up).
 */
const rejoinWaitMs = 5_000;

/** How often pipes to and from nodes that are gone are looked for. */
const sweepIntervalMs = 5_000;

/**
 * The live stages on this node, one StageRoom per session, created on first join, with the raised
 * hands of each. When a worker dies, its routers close; the rooms on them close and their peers are told to rejoin.
 * Streams presented here are written to the cluster's directory; streams presented on other nodes
 * are listed to viewers here and piped in when one of them asks (see `cluster/`).
 */
export class StageService {
  readonly #pool: WorkerPool;
  readonly #settings: StageSettings;
  readonly #logger: Logger;
  readonly #cluster: StageCluster;
  readonly #sweep: NodeJS.Timeout;
  /** Directory writes and the notifications that follow them, in the order the room's events came. */
  #announcements: Promise<void> = Promise.resolve();
  #inFlight = 0;
  #deliver: StageNotifier = () => undefined;
  readonly #rooms = new Map<string, Promise<StageRoom>>();
  /** Told of every room this node creates (the recorder follows them). */
  readonly #roomWatchers: ((room: StageRoom) => void)[] = [];
  /** Hands live as long as their room: a room that closes takes its queue with it. */
  readonly #hands = new WeakMap<StageRoom, RaisedHands>();

  constructor(pool: WorkerPool, settings: StageSettings, cluster: StageCluster, logger: Logger) {
    this.#pool = pool;
    this.#settings = settings;
    this.#cluster = cluster;
    this.#logger = logger;
    this.#sweep = setInterval(() => void this.#sweepGoneNodes(), sweepIntervalMs);
  }

  /** Calls `watcher` with every room created from now on. */
  onRoomCreated(watcher: (room: StageRoom) => void): void {
    this.#roomWatchers.push(watcher);
  }

  /** Set by the socket layer once it exists (it needs the service to exist first). */
  setNotifier(notify: StageNotifier): void {
    this.#deliver = notify;
  }

  /** The session's room, created once even when many peers join at the same moment. Only `stage.join` creates rooms. */
  room(sessionId: string): Promise<StageRoom> {
    const existing = this.#rooms.get(sessionId);
    if (existing) return existing;
    const pending: Promise<StageRoom> = this.#createRoom(sessionId).then(
      (room) => {
        // A closed room (last peer left, worker died) is forgotten so the next join creates a fresh one.
        room.once('closed', (reason) => {
          if (this.#rooms.get(sessionId) === pending) this.#rooms.delete(sessionId);
          if (reason !== 'mediaLost') return;
          this.#logger.warn({ sessionId, workerIndex: room.workerIndex }, 'stage room lost its media worker; peers told to rejoin');
          // With every worker gone (a pool of one), a rejoin before the replacement is up would be
          // refused and retried after a back-off: tell the peers once a worker can take them.
          void this.#pool
            .untilAlive(rejoinWaitMs)
            .then(() => this.#notify(stageGroup(sessionId), 'stage.rejoinRequired', { sessionId, reason: 'The media server restarted.' }));
        });
        return room;
      },
      (error: unknown) => {
        this.#rooms.delete(sessionId);
        throw error;
      },
    );
    this.#rooms.set(sessionId, pending);
    return pending;
  }

  /** The room if it exists and is open (no creation). */
  async existingRoom(sessionId: string): Promise<StageRoom | undefined> {
    const room = await this.#rooms.get(sessionId)?.catch(() => undefined);
    return room && !room.closed ? room : undefined;
  }

  /** The caller's room and peer; a connection that has not joined (or whose room closed) gets `stage.notLive`. */
  async joined(sessionId: string, connectionId: string): Promise<{ room: StageRoom; peer: StagePeer }> {
    const room = await this.existingRoom(sessionId);
    if (!room) throw new RoundsError('stage.notLive', 'Join the stage first');
    return { room, peer: room.peer(connectionId) };
  }

  async leave(sessionId: string, peerId: string): Promise<void> {
    const room = await this.existingRoom(sessionId);
    if (!room) return;
    room.leave(peerId);
    if (room.peerCount === 0) room.close();
  }

  /**
   * Every stream of the stage, presented here or on another node, and which of them are paused:
   * what a joining viewer is told.
   */
  async streams(room: StageRoom): Promise<{ producers: StageProducer[]; pausedIds: string[] }> {
    const { live, gone } = await this.#cluster.remoteStreams(room.sessionId);
    this.#announceGone(room.sessionId, gone);
    const remote = live.map(({ producerId, peerId, userName, kind, source }) => ({ producerId, peerId, userName, kind, source }));
    const pausedIds = [...room.pausedProducerIds(), ...live.filter((entry) => entry.paused).map((entry) => entry.producerId)];
    return { producers: [...room.producers(), ...remote], pausedIds };
  }

  /** Raises or lowers the peer's hand; the crew hear of changes only. */
  raiseHand(room: StageRoom, peer: StagePeer, raised: boolean): void {
    const hands = this.#hands.get(room)!;
    if (!hands.set(peer.id, peer.userName, raised)) return;
    this.#notify(stageCrewGroup(room.sessionId), 'stage.handRaised', { sessionId: room.sessionId, peerId: peer.id, userName: peer.userName, raised });
  }

  /**
   * Tells a connection that just joined what the join answer has no field for, as the notifications
   * it would have seen had it been there: paused streams, who speaks, guests on stage and, for the
   * crew, the raised hands. Sent after the join ack, so the client already knows the producers.
   */
  catchUp(room: StageRoom, peer: StagePeer, pausedIds: string[]): void {
    const { sessionId } = room;
    const to = peer.id;
    for (const producerId of pausedIds) this.#notify(to, 'stage.producerPaused', { sessionId, producerId });
    if (room.activeSpeaker !== null) this.#notify(to, 'stage.activeSpeaker', { sessionId, peerId: room.activeSpeaker });
    for (const guest of room.guests()) {
      this.#notify(to, 'stage.guestChanged', { sessionId, peerId: guest.id, userName: guest.userName, onStage: true });
    }
    if (!peer.canPresent) return;
    for (const hand of this.#hands.get(room)!.list()) this.#notify(to, 'stage.handRaised', { sessionId, ...hand, raised: true });
  }

  get roomCount(): number {
    return this.#rooms.size;
  }

  /** Closes every room and waits until their streams are gone from the directory. */
  async close(): Promise<void> {
    clearInterval(this.#sweep);
    const rooms = await Promise.allSettled(this.#rooms.values());
    this.#rooms.clear();
    for (const room of rooms) if (room.status === 'fulfilled') room.value.close();
    // With Redis down the writes never finish; other nodes then prune this node's streams by its heartbeat.
    await withTimeout(this.#announcements, shutdownWaitMs).catch(() => this.#logger.warn('stage directory not cleaned up at shutdown'));
  }

  async #createRoom(sessionId: string): Promise<StageRoom> {
    const room = await StageRoom.create(sessionId, {
      ...this.#settings,
      pickWorker: (avoid) => this.#pool.pick(avoid),
      importer: (router) => this.#cluster.importsFor(sessionId, router),
    });
    this.#hands.set(room, new RaisedHands());
    this.#forwardRoomEvents(room);
    for (const watch of this.#roomWatchers) watch(room);
    this.#logger.info({ sessionId, workerIndex: room.workerIndex }, 'stage room created');
    return room;
  }

  /** What happens in a room becomes notifications to the stage (the `closed` event is handled in `room()`). */
  #forwardRoomEvents(room: StageRoom): void {
    const { sessionId } = room;
    const everyone = stageGroup(sessionId);
    const { directory } = this.#cluster;
    // Other nodes find a stream in the directory as soon as its viewers hear of it.
    room.on('producerAdded', (producer) =>
      this.#notify(everyone, 'stage.producerAdded', { sessionId, ...producer }, () => directory.add(sessionId, producer, false)),
    );
    room.on('producerClosed', (producerId) =>
      this.#notify(everyone, 'stage.producerClosed', { sessionId, producerId }, () => directory.remove(sessionId, producerId)),
    );
    room.on('producerPaused', (producerId) =>
      this.#notify(everyone, 'stage.producerPaused', { sessionId, producerId }, () => directory.setPaused(sessionId, producerId, true)),
    );
    room.on('producerResumed', (producerId) =>
      this.#notify(everyone, 'stage.producerResumed', { sessionId, producerId }, () => directory.setPaused(sessionId, producerId, false)),
    );
    room.on('ended', () => this.#notify(everyone, 'stage.ended', { sessionId }));
    room.on('activeSpeaker', (peerId) => this.#notify(everyone, 'stage.activeSpeaker', { sessionId, peerId }));
    room.on('guestChanged', (peer, onStage) => {
      this.#notify(everyone, 'stage.guestChanged', { sessionId, peerId: peer.id, userName: peer.userName, onStage });
      // On stage, the question is being asked: the hand comes down.
      if (onStage) this.raiseHand(room, peer, false);
    });
    room.on('peerLeft', (peer) => this.raiseHand(room, peer, false));
  }

  /**
   * Sends a notification after every earlier one, first doing its directory `write` if it has one
   * (so other nodes can find a stream as soon as viewers hear of it). With nothing in flight it goes
   * at once. A failed write is logged and the stage still told.
   */
  #notify<N extends NotificationName>(to: string, name: N, payload: NotificationPayload<N>, write?: () => Promise<unknown>): void {
    if (!write && this.#inFlight === 0) {
      this.#deliver(to, name, payload);
      return;
    }
    this.#inFlight++;
    this.#announcements = this.#announcements
      .then(write)
      .catch((error: unknown) => this.#logger.error({ err: error }, 'stage directory write failed'))
      .then(() => {
        this.#inFlight--;
        this.#deliver(to, name, payload);
      });
  }

  /** Streams of a node that died without saying so end for every viewer. */
  #announceGone(sessionId: string, gone: { producerId: string }[]): void {
    for (const { producerId } of gone) this.#notify(stageGroup(sessionId), 'stage.producerClosed', { sessionId, producerId });
  }

  async #sweepGoneNodes(): Promise<void> {
    try {
      for (const { sessionId, gone } of await this.#cluster.sweep()) this.#announceGone(sessionId, gone);
    } catch (error) {
      this.#logger.warn({ err: error }, 'sweep of gone nodes failed');
    }
  }
}

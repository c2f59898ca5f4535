import { RoundsError, type NotificationName, type NotificationPayload } from '@rounds/shared';
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

/**
 * The live stages on this node, one StageRoom per session, created on first join, with the raised
 * hands of each. When a worker dies, its routers close; the rooms on them close and their peers are told to rejoin.
 */
export class StageService {
  readonly #pool: WorkerPool;
  readonly #settings: StageSettings;
  readonly #logger: Logger;
  #notify: StageNotifier = () => undefined;
  readonly #rooms = new Map<string, Promise<StageRoom>>();
  /** Hands live as long as their room: a room that closes takes its queue with it. */
  readonly #hands = new WeakMap<StageRoom, RaisedHands>();

  constructor(pool: WorkerPool, settings: StageSettings, logger: Logger) {
    this.#pool = pool;
    this.#settings = settings;
    this.#logger = logger;
  }

  /** Set by the socket layer once it exists (it needs the service to exist first). */
  setNotifier(notify: StageNotifier): void {
    this.#notify = notify;
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
          this.#notify(stageGroup(sessionId), 'stage.rejoinRequired', { sessionId, reason: 'The media server restarted.' });
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
  catchUp(room: StageRoom, peer: StagePeer): void {
    const { sessionId } = room;
    const to = peer.id;
    for (const producerId of room.pausedProducerIds()) this.#notify(to, 'stage.producerPaused', { sessionId, producerId });
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

  close(): void {
    for (const room of this.#rooms.values()) void room.then((r) => r.close(), () => undefined);
    this.#rooms.clear();
  }

  async #createRoom(sessionId: string): Promise<StageRoom> {
    const room = await StageRoom.create(sessionId, { ...this.#settings, pickWorker: (avoid) => this.#pool.pick(avoid) });
    this.#hands.set(room, new RaisedHands());
    this.#forwardRoomEvents(room);
    this.#logger.info({ sessionId, workerIndex: room.workerIndex }, 'stage room created');
    return room;
  }

  /** What happens in a room becomes notifications to the stage (the `closed` event is handled in `room()`). */
  #forwardRoomEvents(room: StageRoom): void {
    const { sessionId } = room;
    const everyone = stageGroup(sessionId);
    room.on('producerAdded', (producer) => this.#notify(everyone, 'stage.producerAdded', { sessionId, ...producer }));
    room.on('producerClosed', (producerId) => this.#notify(everyone, 'stage.producerClosed', { sessionId, producerId }));
    room.on('producerPaused', (producerId) => this.#notify(everyone, 'stage.producerPaused', { sessionId, producerId }));
    room.on('producerResumed', (producerId) => this.#notify(everyone, 'stage.producerResumed', { sessionId, producerId }));
    room.on('ended', () => this.#notify(everyone, 'stage.ended', { sessionId }));
    room.on('activeSpeaker', (peerId) => this.#notify(everyone, 'stage.activeSpeaker', { sessionId, peerId }));
    room.on('guestChanged', (peer, onStage) => {
      this.#notify(everyone, 'stage.guestChanged', { sessionId, peerId: peer.id, userName: peer.userName, onStage });
      // On stage, the question is being asked: the hand comes down.
      if (onStage) this.raiseHand(room, peer, false);
    });
    room.on('peerLeft', (peer) => this.raiseHand(room, peer, false));
  }
}

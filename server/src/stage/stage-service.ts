import type { NotificationName, NotificationPayload } from '@rounds/shared';
import type { Logger } from '../logger';
import { StageRoom, type TransportSettings } from '../media/stage-room';
import type { WorkerPool } from '../media/worker-pool';

/** Where stage notifications go: the socket layer sends them to everyone on the session's stage. */
export type StageNotifier = <N extends NotificationName>(sessionId: string, name: N, payload: NotificationPayload<N>) => void;

/**
 * The live stages on this node, one StageRoom per session, created on first join.
 * When a worker dies, its routers close; the rooms on them close and their peers are told to rejoin.
 */
export class StageService {
  readonly #pool: WorkerPool;
  readonly #settings: TransportSettings;
  readonly #logger: Logger;
  #notify: StageNotifier = () => undefined;
  readonly #rooms = new Map<string, Promise<StageRoom>>();

  constructor(pool: WorkerPool, settings: TransportSettings, logger: Logger) {
    this.#pool = pool;
    this.#settings = settings;
    this.#logger = logger;
  }

  /** Set by the socket layer once it exists (it needs the service to exist first). */
  setNotifier(notify: StageNotifier): void {
    this.#notify = notify;
  }

  /** The session's room, created once even when many peers join at the same moment. */
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
          this.#notify(sessionId, 'stage.rejoinRequired', { sessionId, reason: 'The media server restarted.' });
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

  async leave(sessionId: string, peerId: string): Promise<void> {
    const room = await this.existingRoom(sessionId);
    if (!room) return;
    room.leave(peerId);
    if (room.peerCount === 0) room.close();
  }

  get roomCount(): number {
    return this.#rooms.size;
  }

  close(): void {
    for (const room of this.#rooms.values()) void room.then((r) => r.close(), () => undefined);
    this.#rooms.clear();
  }

  async #createRoom(sessionId: string): Promise<StageRoom> {
    const { worker, index } = this.#pool.next();
    const room = await StageRoom.create(sessionId, worker, index, this.#settings);
    room.on('producerAdded', (producer) => this.#notify(sessionId, 'stage.producerAdded', { sessionId, ...producer }));
    room.on('producerClosed', (producerId) => this.#notify(sessionId, 'stage.producerClosed', { sessionId, producerId }));
    room.on('ended', () => this.#notify(sessionId, 'stage.ended', { sessionId }));
    this.#logger.info({ sessionId, workerIndex: index }, 'stage room created');
    return room;
  }
}

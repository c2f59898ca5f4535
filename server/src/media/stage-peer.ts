import type { types } from 'mediasoup';
import type { MediaSource } from '@rounds/shared';
import { RoundsError } from '@rounds/shared';

export type TransportDirection = 'send' | 'recv';

export interface PeerProducer {
  producer: types.Producer;
  source: MediaSource;
}

/**
 * One browser on one stage: its transports and what flows through them. Closing the peer closes
 * its transports, which closes their producers and consumers (mediasoup cascades the close).
 */
export class StagePeer {
  readonly id: string;
  readonly userId: string;
  readonly userName: string;
  /** Stage crew (speaker, moderator, organizer) when it joined: may always present. */
  readonly canPresent: boolean;
  /** WebRTC transports from the browser; a PlainTransport only where the same node feeds RTP in (tests). */
  readonly #transports = new Map<string, { transport: types.Transport; direction: TransportDirection }>();
  readonly producers = new Map<string, PeerProducer>();
  readonly consumers = new Map<string, types.Consumer>();
  #guest = false;
  #closed = false;

  constructor(init: { id: string; userId: string; userName: string; canPresent: boolean }) {
    this.id = init.id;
    this.userId = init.userId;
    this.userName = init.userName;
    this.canPresent = init.canPresent;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** A viewer the crew invited on stage, until they take it back or the peer leaves. */
  get isGuest(): boolean {
    return this.#guest;
  }

  /** May open a send transport and produce: the crew always, an invited guest while invited. */
  get mayPresent(): boolean {
    return !this.#closed && (this.canPresent || this.#guest);
  }

  /** Grants or revokes the guest's right to present. Revoking closes what it sends (send transports, so their producers). */
  setGuest(onStage: boolean): void {
    this.#guest = onStage;
    if (onStage) return;
    for (const { producer } of [...this.producers.values()]) producer.close();
    for (const { transport, direction } of [...this.#transports.values()]) if (direction === 'send') transport.close();
  }

  addTransport(transport: types.Transport, direction: TransportDirection): void {
    this.#transports.set(transport.id, { transport, direction });
    transport.observer.once('close', () => this.#transports.delete(transport.id));
  }

  /** The peer's own transport of the given direction; anything else is `media.transportNotFound`. */
  transport(transportId: string, direction?: TransportDirection): types.Transport {
    const entry = this.#transports.get(transportId);
    if (!entry || (direction && entry.direction !== direction)) {
      throw new RoundsError('media.transportNotFound', `No ${direction ?? ''} transport ${transportId} on this peer`);
    }
    return entry.transport;
  }

  /** The peer's own producer; someone else's (or a closed one) is `media.producerNotFound`. */
  producer(producerId: string): types.Producer {
    const entry = this.producers.get(producerId);
    if (!entry) throw new RoundsError('media.producerNotFound', `No stream ${producerId} of this peer`);
    return entry.producer;
  }

  consumer(consumerId: string): types.Consumer {
    const consumer = this.consumers.get(consumerId);
    if (!consumer) throw new RoundsError('media.consumerNotFound', `No consumer ${consumerId} on this peer`);
    return consumer;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const { transport } of this.#transports.values()) transport.close();
    this.#transports.clear();
  }
}

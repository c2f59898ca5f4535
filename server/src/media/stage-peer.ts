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
  readonly canPresent: boolean;
  readonly #transports = new Map<string, { transport: types.WebRtcTransport; direction: TransportDirection }>();
  readonly producers = new Map<string, PeerProducer>();
  readonly consumers = new Map<string, types.Consumer>();
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

  addTransport(transport: types.WebRtcTransport, direction: TransportDirection): void {
    this.#transports.set(transport.id, { transport, direction });
    transport.observer.once('close', () => this.#transports.delete(transport.id));
  }

  /** The peer's own transport of the given direction; anything else is `media.transportNotFound`. */
  transport(transportId: string, direction?: TransportDirection): types.WebRtcTransport {
    const entry = this.#transports.get(transportId);
    if (!entry || (direction && entry.direction !== direction)) {
      throw new RoundsError('media.transportNotFound', `No ${direction ?? ''} transport ${transportId} on this peer`);
    }
    return entry.transport;
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

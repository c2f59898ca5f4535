import type { types } from 'mediasoup';
import { mediaCodecs } from './media-codecs';

/** A router of one stage with the number of consumers it serves. */
export interface RouterSlot {
  router: types.Router;
  workerIndex: number;
  consumers: number;
}

/** Picks a worker for a new router, preferring ones the stage does not use yet. */
export type WorkerPicker = (avoidIndexes: number[]) => { worker: types.Worker; index: number };

/**
 * The routers of one stage. Presenters send to the origin router; viewers are placed on the origin
 * until it serves `consumerBudget` consumers, then on edge routers on other workers, which get each
 * stream through `pipeToRouter` the first time one of their viewers asks for it. This spreads a
 * large audience over every core. Any router closing (its worker died) is reported through `onLost`.
 */
export class StageRouters {
  readonly #slots: RouterSlot[];
  readonly #budget: number;
  readonly #pickWorker: WorkerPicker;
  readonly #pipes = new Map<string, Promise<void>>();
  #growing: Promise<RouterSlot> | undefined;
  #closed = false;
  #onLost: () => void = () => undefined;

  private constructor(origin: RouterSlot, budget: number, pickWorker: WorkerPicker) {
    this.#slots = [origin];
    this.#budget = budget;
    this.#pickWorker = pickWorker;
    this.#watch(origin);
  }

  static async create(pickWorker: WorkerPicker, consumerBudget: number): Promise<StageRouters> {
    const { worker, index } = pickWorker([]);
    const router = await worker.createRouter({ mediaCodecs });
    return new StageRouters({ router, workerIndex: index, consumers: 0 }, consumerBudget, pickWorker);
  }

  get origin(): RouterSlot {
    return this.#slots[0]!;
  }

  /** Set by the room: called once when any router of the stage closes under it. */
  onLost(callback: () => void): void {
    this.#onLost = callback;
  }

  /** Consumers per router, origin first (for health, tests and benchmarks). */
  load(): { workerIndex: number; consumers: number }[] {
    return this.#slots.map(({ workerIndex, consumers }) => ({ workerIndex, consumers }));
  }

  /** The least loaded router with room under the budget; a new edge router when all are full. */
  async placeViewer(): Promise<RouterSlot> {
    const open = this.#slots.filter((slot) => slot.consumers < this.#budget);
    if (open.length > 0) return open.reduce((a, b) => (b.consumers < a.consumers ? b : a));
    // One edge at a time: viewers arriving together share the router being created.
    this.#growing ??= this.#addEdge().finally(() => (this.#growing = undefined));
    return this.#growing;
  }

  /** Makes the origin's producer available on the viewer's router (a no-op on the origin itself). */
  async ensureProducer(slot: RouterSlot, producerId: string): Promise<void> {
    if (slot === this.origin) return;
    const key = `${slot.router.id}:${producerId}`;
    let pipe = this.#pipes.get(key);
    if (!pipe) {
      pipe = this.origin.router.pipeToRouter({ producerId, router: slot.router }).then(({ pipeProducer }) => {
        pipeProducer!.observer.once('close', () => this.#pipes.delete(key));
      });
      pipe.catch(() => this.#pipes.delete(key));
      this.#pipes.set(key, pipe);
    }
    await pipe;
  }

  /** Counts a consumer against its router's budget until it closes. */
  track(slot: RouterSlot, consumer: types.Consumer): void {
    slot.consumers++;
    consumer.observer.once('close', () => slot.consumers--);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const { router } of this.#slots) router.close();
  }

  async #addEdge(): Promise<RouterSlot> {
    const { worker, index } = this.#pickWorker(this.#slots.map((s) => s.workerIndex));
    const router = await worker.createRouter({ mediaCodecs });
    const slot = { router, workerIndex: index, consumers: 0 };
    if (this.#closed) {
      router.close();
      throw new Error('stage closed while adding a router');
    }
    this.#slots.push(slot);
    this.#watch(slot);
    return slot;
  }

  #watch(slot: RouterSlot): void {
    slot.router.observer.once('close', () => {
      if (!this.#closed) this.#onLost();
    });
  }
}

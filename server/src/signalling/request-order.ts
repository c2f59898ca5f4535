/** Requests that change which stages a connection is on: they run alone, in the order sent. */
const membershipEvents = new Set(['stage.join', 'stage.leave']);

/**
 * The order one connection's requests run in. A join or leave waits for the connection's earlier
 * requests, and later requests wait for it; other requests run side by side (a viewer's consumes
 * do not queue behind each other). So a page that leaves and re-enters a stage is never overtaken
 * by its own leave, and a request sent after a join finds the peer.
 */
export class RequestOrder {
  #barrier: Promise<void> = Promise.resolve();
  readonly #running = new Set<Promise<void>>();
  readonly #onError: (error: unknown) => void;

  /** `onError` hears of a handler that failed (the dispatcher answers errors itself; this is a last resort). */
  constructor(onError: (error: unknown) => void) {
    this.#onError = onError;
  }

  run(event: string, handle: () => Promise<unknown>): void {
    if (membershipEvents.has(event)) {
      this.last(handle);
      return;
    }
    const running = this.#barrier.then(handle).then(() => undefined, this.#onError);
    this.#running.add(running);
    void running.then(() => this.#running.delete(running));
  }

  /** Runs `handle` alone, once everything sent before has finished (also the disconnect clean-up). */
  last(handle: () => Promise<unknown>): void {
    this.#barrier = Promise.all([this.#barrier, ...this.#running])
      .then(handle)
      .then(() => undefined, this.#onError);
    this.#running.clear();
  }
}

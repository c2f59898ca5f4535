import { adviceFor } from '../api/http';
import type { QaController } from './qa-controller';

/** What one kind of session list (polls, chat) does with the store. */
export interface SessionListSpec<State, Heard> {
  /** The server's whole current list (`poll.list`, `chat.list`). */
  fetch(sessionId: string): Promise<State>;
  show(state: State): void;
  /** A change heard while the list was on its way, applied again over the (maybe older) answer. */
  replay(change: Heard): void;
  showError(message: string): void;
  /** Said when the list cannot be loaded and the server gives no advice. */
  failedMessage: string;
  /** Mount and unmount in the store. */
  opened(sessionId: string): void;
  closed(): void;
}

/**
 * A session list that loads each time the Q&A's `qa.join` answers (on open and after every
 * reconnect: the join puts the socket in the session's groups), so nothing heard or missed is lost.
 * Only the newest load reaches the store.
 */
export class SessionList<State, Heard> {
  readonly #qa: QaController;
  readonly #connected: () => boolean;
  readonly #spec: SessionListSpec<State, Heard>;
  #sessionId: string | null = null;
  #loadCount = 0;
  #heardDuringLoad: Heard[] | null = null;

  constructor(qa: QaController, connected: () => boolean, spec: SessionListSpec<State, Heard>) {
    this.#qa = qa;
    this.#connected = connected;
    this.#spec = spec;
    qa.onJoined((sessionId, error) => {
      if (sessionId !== this.#sessionId) return;
      if (error) spec.showError(error);
      else void this.load();
    });
  }

  get sessionId(): string | null {
    return this.#sessionId;
  }

  /** True for a notification of the open session; the change is remembered if a load is on its way. */
  hears(sessionId: string, change: Heard): boolean {
    if (sessionId !== this.#sessionId) return false;
    this.#heardDuringLoad?.push(change);
    return true;
  }

  /** The panel mounted: loads now if the session is joined, else when the join answers. */
  open(sessionId: string): void {
    this.#sessionId = sessionId;
    this.#spec.opened(sessionId);
    if (this.#qa.joinedSessionId === sessionId) void this.load();
  }

  close(sessionId: string): void {
    if (this.#sessionId !== sessionId) return;
    this.#sessionId = null;
    this.#loadCount++;
    this.#heardDuringLoad = null;
    this.#spec.closed();
  }

  /** Tries again after a failed load (or a failed join, which the Q&A retries). */
  retry(): void {
    if (!this.#sessionId) return;
    if (this.#qa.joinedSessionId === this.#sessionId) void this.load();
    else this.#qa.retry();
  }

  async load(): Promise<void> {
    const sessionId = this.#sessionId;
    if (!sessionId) return;
    const count = ++this.#loadCount;
    const heard: Heard[] = [];
    this.#heardDuringLoad = heard;
    try {
      const state = await this.#spec.fetch(sessionId);
      if (count !== this.#loadCount) return;
      this.#spec.show(state);
      for (const change of heard) this.#spec.replay(change);
    } catch (error) {
      // Without a connection the next join loads again; say nothing until then.
      if (count !== this.#loadCount || !this.#connected()) return;
      this.#spec.showError(adviceFor(error, this.#spec.failedMessage));
    } finally {
      if (count === this.#loadCount) this.#heardDuringLoad = null;
    }
  }
}

import type { Socket } from 'socket.io-client';
import type { ChatMessage, ClientToServerEvents, ServerToClientEvents } from '@rounds/shared';
import { ApiError, adviceFor } from '../api/http';
import type { StageRequest } from '../stage/stage-transport';
import { useRounds } from '../store';
import type { QaController } from './qa-controller';

type Heard = { kind: 'message'; message: ChatMessage } | { kind: 'deleted'; messageId: string };

/**
 * The session chat for this tab. Like the polls, it loads with `chat.list` each time the Q&A's
 * `qa.join` answers (on open and after every reconnect); `chat.message`, `chat.deleted` and
 * `chat.muteChanged` keep it live. Everyone sends; the crew delete messages and mute people.
 */
export class ChatController {
  readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly #request: StageRequest;
  readonly #qa: QaController;
  #sessionId: string | null = null;
  #loadCount = 0;
  /** Messages and removals heard while a `chat.list` is on its way, applied again over its answer. */
  #heardDuringLoad: Heard[] | null = null;

  constructor(socket: Socket<ServerToClientEvents, ClientToServerEvents>, request: StageRequest, qa: QaController) {
    this.#socket = socket;
    this.#request = request;
    this.#qa = qa;
    const store = () => useRounds.getState();
    qa.onJoined((sessionId, error) => {
      if (sessionId !== this.#sessionId) return;
      if (error) store().setChatError(error);
      else void this.#load(sessionId);
    });
    socket.on('chat.message', ({ sessionId, message }) => {
      if (sessionId !== this.#sessionId) return;
      this.#heardDuringLoad?.push({ kind: 'message', message });
      store().addChatMessage(message);
    });
    socket.on('chat.deleted', ({ sessionId, messageId }) => {
      if (sessionId !== this.#sessionId) return;
      this.#heardDuringLoad?.push({ kind: 'deleted', messageId });
      store().removeChatMessage(messageId);
    });
    socket.on('chat.muteChanged', ({ sessionId, userId, muted }) => {
      if (sessionId !== this.#sessionId) return;
      store().setAuthorMuted(userId, muted);
      if (userId === store().me?.userId) store().setChatMuted(muted);
    });
  }

  open(sessionId: string): void {
    this.#sessionId = sessionId;
    useRounds.getState().openChat(sessionId);
    if (this.#qa.joinedSessionId === sessionId) void this.#load(sessionId);
  }

  close(sessionId: string): void {
    if (this.#sessionId !== sessionId) return;
    this.#sessionId = null;
    this.#loadCount++;
    this.#heardDuringLoad = null;
    useRounds.getState().closeChat();
  }

  retry(): void {
    if (!this.#sessionId) return;
    if (this.#qa.joinedSessionId === this.#sessionId) void this.#load(this.#sessionId);
    else this.#qa.retry();
  }

  /** Posts a message. Refused as muted, the box turns into the notice (the page may have missed the news). */
  async send(text: string): Promise<void> {
    try {
      const { message } = await this.#request('chat.send', { sessionId: this.#open(), text });
      useRounds.getState().addChatMessage(message);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'chat.muted') useRounds.getState().setChatMuted(true);
      throw error;
    }
  }

  async remove(messageId: string): Promise<void> {
    await this.#request('chat.delete', { sessionId: this.#open(), messageId });
    useRounds.getState().removeChatMessage(messageId);
  }

  async mute(userId: string, muted: boolean): Promise<void> {
    await this.#request('chat.mute', { sessionId: this.#open(), userId, muted });
    useRounds.getState().setAuthorMuted(userId, muted);
  }

  async #load(sessionId: string): Promise<void> {
    const count = ++this.#loadCount;
    const heard: Heard[] = [];
    this.#heardDuringLoad = heard;
    try {
      const state = await this.#request('chat.list', { sessionId });
      if (count !== this.#loadCount) return;
      const store = useRounds.getState();
      store.setChatState(state);
      for (const change of heard) {
        if (change.kind === 'message') store.addChatMessage(change.message);
        else store.removeChatMessage(change.messageId);
      }
    } catch (error) {
      // Without a connection the next join loads again; say nothing until then.
      if (count !== this.#loadCount || !this.#socket.connected) return;
      useRounds.getState().setChatError(adviceFor(error, 'The chat could not be loaded.'));
    } finally {
      if (count === this.#loadCount) this.#heardDuringLoad = null;
    }
  }

  #open(): string {
    if (!this.#sessionId) throw new ApiError('chat.notFound', 'The chat is not open.');
    return this.#sessionId;
  }
}

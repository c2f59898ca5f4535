import type { Socket } from 'socket.io-client';
import type { ChatMessage, ClientToServerEvents, RequestResponse, ServerToClientEvents } from '@rounds/shared';
import { ApiError } from '../api/http';
import type { StageRequest } from '../stage/stage-transport';
import { useRounds } from '../store';
import type { QaController } from './qa-controller';
import { SessionList } from './session-list';

type Heard = { kind: 'message'; message: ChatMessage } | { kind: 'deleted'; messageId: string };

/**
 * The session chat for this tab. Like the polls, it loads with `chat.list` each time the Q&A's
 * `qa.join` answers (on open and after every reconnect); `chat.message`, `chat.deleted` and
 * `chat.muteChanged` keep it live. Everyone sends; the crew delete messages and mute people.
 */
export class ChatController {
  readonly #request: StageRequest;
  readonly #list: SessionList<RequestResponse<'chat.list'>, Heard>;

  constructor(socket: Socket<ServerToClientEvents, ClientToServerEvents>, request: StageRequest, qa: QaController) {
    this.#request = request;
    const store = () => useRounds.getState();
    this.#list = new SessionList(qa, () => socket.connected, {
      fetch: (sessionId) => request('chat.list', { sessionId }),
      show: (state) => store().setChatState(state),
      replay: (change) => (change.kind === 'message' ? store().addChatMessage(change.message) : store().removeChatMessage(change.messageId)),
      showError: (message) => store().setChatError(message),
      failedMessage: 'The chat could not be loaded.',
      opened: (sessionId) => store().openChat(sessionId),
      closed: () => store().closeChat(),
    });
    socket.on('chat.message', ({ sessionId, message }) => {
      if (this.#list.hears(sessionId, { kind: 'message', message })) store().addChatMessage(message);
    });
    socket.on('chat.deleted', ({ sessionId, messageId }) => {
      if (this.#list.hears(sessionId, { kind: 'deleted', messageId })) store().removeChatMessage(messageId);
    });
    socket.on('chat.muteChanged', ({ sessionId, userId, muted }) => {
      if (sessionId !== this.#list.sessionId) return;
      store().setAuthorMuted(userId, muted);
      if (userId === store().me?.userId) store().setChatMuted(muted);
    });
  }

  open(sessionId: string): void {
    this.#list.open(sessionId);
  }

  close(sessionId: string): void {
    this.#list.close(sessionId);
  }

  retry(): void {
    this.#list.retry();
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

  #open(): string {
    const { sessionId } = this.#list;
    if (!sessionId) throw new ApiError('chat.notFound', 'The chat is not open.');
    return sessionId;
  }
}

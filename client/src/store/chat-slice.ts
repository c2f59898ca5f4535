import type { ChatMessage, RequestResponse } from '@rounds/shared';
import type { StateCreator } from 'zustand';
import type { RoundsState } from './index';

/** Like the Q&A: `loading` until the first `chat.list` answer, `ready` after it, `error` if it failed. */
export type ChatStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface ChatSlice {
  chatSessionId: string | null;
  chatStatus: ChatStatus;
  chatError: string | null;
  /** The latest messages, oldest first. */
  chatMessages: ChatMessage[];
  /** A moderator paused my messages in this session. */
  chatMuted: boolean;
  /** The crew's view: who is muted (true) or was let back (false), from `chat.list` and then as heard live. */
  chatMutedAuthors: Record<string, boolean>;

  openChat(sessionId: string): void;
  setChatState(state: RequestResponse<'chat.list'>): void;
  setChatError(message: string): void;
  addChatMessage(message: ChatMessage): void;
  removeChatMessage(messageId: string): void;
  setChatMuted(muted: boolean): void;
  setAuthorMuted(userId: string, muted: boolean): void;
  closeChat(): void;
}

/** The list keeps what the server keeps: the latest 100. */
const kept = 100;

const closed = { chatSessionId: null, chatStatus: 'idle' as const, chatError: null, chatMessages: [], chatMuted: false, chatMutedAuthors: {} };

export const createChatSlice: StateCreator<RoundsState, [], [], ChatSlice> = (set) => ({
  ...closed,
  openChat: (chatSessionId) => set({ ...closed, chatSessionId, chatStatus: 'loading' }),
  setChatState: ({ messages, muted, mutedUserIds }) =>
    set({
      chatStatus: 'ready',
      chatError: null,
      chatMessages: messages,
      chatMuted: muted,
      chatMutedAuthors: Object.fromEntries(mutedUserIds.map((userId) => [userId, true])),
    }),
  setChatError: (chatError) => set({ chatStatus: 'error', chatError }),
  addChatMessage: (message) =>
    set((state) => {
      // My own message comes twice (the ack and the broadcast); a reload may also bring one heard live.
      if (state.chatMessages.some((m) => m.id === message.id)) return {};
      const messages = [...state.chatMessages, message].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      return { chatMessages: messages.slice(-kept) };
    }),
  removeChatMessage: (messageId) => set((state) => ({ chatMessages: state.chatMessages.filter((m) => m.id !== messageId) })),
  setChatMuted: (chatMuted) => set({ chatMuted }),
  setAuthorMuted: (userId, muted) => set((state) => ({ chatMutedAuthors: { ...state.chatMutedAuthors, [userId]: muted } })),
  closeChat: () => set(closed),
});

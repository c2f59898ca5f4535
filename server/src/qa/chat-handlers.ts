import type { HandlerMap } from '../signalling/dispatcher';
import type { ChatService } from './chat-service';
import { viewer } from './qa-handlers';

type ChatRequest = 'chat.list' | 'chat.send' | 'chat.delete' | 'chat.mute';

/** Socket handlers of a session's chat; the dispatcher has checked membership (crew rights to moderate). */
export function chatHandlers(chat: ChatService): Pick<HandlerMap, ChatRequest> {
  return {
    'chat.list': async ({ sessionId }, ctx) => chat.list(sessionId, viewer(ctx)),
    'chat.send': async ({ sessionId, text }, ctx) => ({ message: await chat.send(sessionId, viewer(ctx), text) }),
    'chat.delete': async ({ sessionId, messageId }, ctx) => {
      await chat.delete(sessionId, viewer(ctx), messageId);
      return {};
    },
    'chat.mute': async ({ sessionId, userId, muted }, ctx) => {
      await chat.mute(sessionId, viewer(ctx), userId, muted);
      return {};
    },
  };
}

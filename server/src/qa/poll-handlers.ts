import type { HandlerMap } from '../signalling/dispatcher';
import type { PollService } from './poll-service';
import { viewer } from './qa-handlers';

type PollRequest = 'poll.list' | 'poll.create' | 'poll.launch' | 'poll.close' | 'poll.reveal' | 'poll.vote';

/** Socket handlers of a session's polls; the dispatcher has checked membership (crew rights to run polls). */
export function pollHandlers(polls: PollService): Pick<HandlerMap, PollRequest> {
  return {
    'poll.list': async ({ sessionId }, ctx) => polls.list(sessionId, viewer(ctx)),
    'poll.create': async ({ sessionId, question, options, multiple }, ctx) => ({
      poll: await polls.create(sessionId, viewer(ctx), { question, options, multiple }),
    }),
    'poll.launch': async ({ sessionId, pollId }, ctx) => ({ poll: await polls.launch(sessionId, viewer(ctx), pollId) }),
    'poll.close': async ({ sessionId, pollId }, ctx) => ({ poll: await polls.close(sessionId, viewer(ctx), pollId) }),
    'poll.reveal': async ({ sessionId, pollId, revealed }, ctx) => ({ poll: await polls.reveal(sessionId, viewer(ctx), pollId, revealed) }),
    'poll.vote': async ({ sessionId, pollId, optionIds }, ctx) => polls.vote(sessionId, viewer(ctx), pollId, optionIds),
  };
}

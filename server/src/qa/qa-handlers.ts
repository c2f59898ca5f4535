import { permits } from '@rounds/shared';
import type { HandlerMap, RequestContext } from '../signalling/dispatcher';
import { qaCrewGroup, qaGroup, qaPersonGroup } from './qa-groups';
import type { QaService, Viewer } from './qa-service';

type QaRequest = 'qa.join' | 'qa.ask' | 'qa.edit' | 'qa.withdraw' | 'qa.vote' | 'qa.moderate';

/** The caller as the Q&A, poll and chat rules see them. */
export function viewer(ctx: RequestContext): Viewer {
  return { userId: ctx.identity.userId, canModerate: permits({ kind: 'stageCrew' }, { signedIn: true, ...ctx.access }) };
}

/** Socket handlers of a session's Q&A; the dispatcher has checked membership (and crew rights for moderation). */
export function qaHandlers(qa: QaService): Pick<HandlerMap, QaRequest> {
  return {
    'qa.join': async ({ sessionId }, ctx) => {
      const who = viewer(ctx);
      const state = await qa.open(sessionId, who);
      ctx.joinGroup(qaGroup(sessionId));
      ctx.joinGroup(qaPersonGroup(sessionId, who.userId));
      if (who.canModerate) ctx.joinGroup(qaCrewGroup(sessionId));
      else ctx.leaveGroup(qaCrewGroup(sessionId));
      return state;
    },
    'qa.ask': async ({ sessionId, text, anonymous }, ctx) => ({ question: await qa.ask(sessionId, viewer(ctx), text, anonymous) }),
    'qa.edit': async ({ sessionId, questionId, text }, ctx) => ({ question: await qa.edit(sessionId, viewer(ctx), questionId, text) }),
    'qa.withdraw': async ({ sessionId, questionId }, ctx) => {
      await qa.withdraw(sessionId, viewer(ctx), questionId);
      return {};
    },
    'qa.vote': async ({ sessionId, questionId, voted }, ctx) => qa.vote(sessionId, viewer(ctx), questionId, voted),
    'qa.moderate': async ({ sessionId, questionId, action }, ctx) => ({
      question: await qa.moderate(sessionId, viewer(ctx), questionId, action),
    }),
  };
}

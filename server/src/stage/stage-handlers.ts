import type { RequestName } from '@rounds/shared';
import type { HandlerMap } from '../signalling/dispatcher';
import { guestHandlers } from './guest-handlers';
import { mediaHandlers } from './media-handlers';
import { presenceHandlers } from './presence-handlers';
import { presenterHandlers } from './presenter-handlers';
import type { StageService } from './stage-service';

/** The handlers of some requests: each feature file of the stage answers its own. */
export type StageHandlers<N extends RequestName> = Pick<HandlerMap, N>;

/**
 * Socket handlers of the live stage, by feature. The dispatcher has validated the payload and
 * checked the declared permission; handlers re-check what depends on the stage itself (joined,
 * own transport/producer/consumer, allowed to present).
 */
export function stageHandlers(stages: StageService): StageHandlers<Extract<RequestName, `stage.${string}` | `media.${string}`>> {
  return {
    ...presenceHandlers(stages),
    ...mediaHandlers(stages),
    ...presenterHandlers(stages),
    ...guestHandlers(stages),
  };
}

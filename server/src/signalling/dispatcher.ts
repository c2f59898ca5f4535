import {
  RoundsError,
  isRequestName,
  maxRequestBytes,
  requests,
  type Ack,
  type ErrorBody,
  type RequestName,
  type RequestPayload,
  type RequestResponse,
  type RequestSpec,
} from '@rounds/shared';
import type { Access, Authorizer } from '../auth/access-policy';
import type { Identity } from '../auth/auth-service';
import type { Logger } from '../logger';
import type { RateLimits } from './rate-limiter';

/** What a handler knows about the connection it serves; the dispatcher has already checked permission. */
export interface RequestContext {
  identity: Identity;
  access: Access;
  connectionId: string;
  /** Adds the connection to a broadcast group (for example everyone on a stage). */
  joinGroup(group: string): void;
  leaveGroup(group: string): void;
  /**
   * Runs the task right after this request's success ack has been sent (never after a failure).
   * For notifications that must follow the answer, such as a join's catch-up.
   */
  afterAck(task: () => void): void;
  log: Logger;
}

export type Handler<N extends RequestName> = (payload: RequestPayload<N>, ctx: RequestContext) => Promise<RequestResponse<N>>;
export type HandlerMap = { [N in RequestName]: Handler<N> };

export interface Connection {
  id: string;
  identity: Identity | undefined;
  joinGroup(group: string): void;
  leaveGroup(group: string): void;
}

/**
 * Turns one inbound socket event into exactly one ack: known event → size limit → schema →
 * permission and rate limit → handler. Every failure becomes `{ ok: false, error }` and a log line;
 * nothing throws out.
 */
export class Dispatcher {
  readonly #handlers: HandlerMap;
  readonly #access: Authorizer;
  readonly #limits: RateLimits;
  readonly #logger: Logger;

  constructor(handlers: HandlerMap, access: Authorizer, limits: RateLimits, logger: Logger) {
    this.#handlers = handlers;
    this.#access = access;
    this.#limits = limits;
    this.#logger = logger;
  }

  /**
   * Answers the request: `reply` (the socket's ack callback) gets the ack, then the handler's
   * after-ack tasks run. The ack is also returned (for callers without a socket, such as tests).
   */
  async dispatch(event: string, rawPayload: unknown, connection: Connection, reply?: (ack: Ack<unknown>) => void): Promise<Ack<unknown>> {
    const log = this.#logger.child({ event, connectionId: connection.id, userId: connection.identity?.userId });
    const afterAck: (() => void)[] = [];
    let ack: Ack<unknown>;
    try {
      ack = { ok: true, data: await this.#run(event, rawPayload, connection, log, afterAck) };
    } catch (error) {
      const body = toErrorBody(error);
      if (body.code === 'server.internal') log.error({ err: error }, 'request failed');
      else log.warn({ code: body.code, reason: body.message }, 'request refused');
      ack = { ok: false, error: body };
      afterAck.length = 0;
    }
    reply?.(ack);
    for (const task of afterAck) {
      try {
        task();
      } catch (error) {
        log.error({ err: error }, 'after-ack task failed');
      }
    }
    return ack;
  }

  async #run(event: string, rawPayload: unknown, connection: Connection, log: Logger, afterAck: (() => void)[]): Promise<unknown> {
    if (!isRequestName(event)) throw new RoundsError('request.unknownEvent', `Unknown request "${event.slice(0, 64)}"`);
    const size = payloadSize(rawPayload);
    if (size === undefined) throw new RoundsError('request.invalid', 'The payload is not plain JSON');
    if (size > maxRequestBytes) {
      throw new RoundsError('request.tooLarge', `Payload of ${size} bytes exceeds ${maxRequestBytes}`);
    }
    const spec: RequestSpec = requests[event];
    const parsed = spec.payload.safeParse(rawPayload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new RoundsError('request.invalid', `${issue.path.join('.') || 'payload'}: ${issue.message}`);
    }
    const payload = parsed.data as { sessionId: string };
    const access = await this.#authorize(connection.identity, spec, payload.sessionId);
    const handler = this.#handlers[event] as Handler<RequestName>;
    return handler(parsed.data as RequestPayload<RequestName>, {
      identity: connection.identity!,
      access,
      connectionId: connection.id,
      joinGroup: (group) => connection.joinGroup(group),
      leaveGroup: (group) => connection.leaveGroup(group),
      afterAck: (task) => void afterAck.push(task),
      log,
    });
  }

  /**
   * The permission and the rate limit side by side (one round trip to the database and one to Redis
   * at once, not one after the other). A refusal of the permission wins: a request that may not be
   * made at all is not "too fast". A refused request still counts against the limit.
   */
  async #authorize(identity: Identity | undefined, spec: RequestSpec, sessionId: string): Promise<Access> {
    const limited = identity && spec.rateLimit ? this.#limits.take(identity.userId, spec.rateLimit) : undefined;
    const [access, limit] = await Promise.allSettled([this.#access.authorize(identity, spec.permission, { sessionId }), limited]);
    if (access.status === 'rejected') throw access.reason;
    if (limit.status === 'rejected') throw limit.reason;
    return access.value;
  }
}

/** Bytes of the payload as JSON, or undefined when it cannot be JSON (for example circular). */
function payloadSize(payload: unknown): number | undefined {
  try {
    return Buffer.byteLength(JSON.stringify(payload) ?? '');
  } catch {
    return undefined;
  }
}

/** RoundsErrors keep their code; mediasoup's TypeErrors mean the client sent bad parameters. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof RoundsError) return { code: error.code, message: error.message };
  if (error instanceof TypeError) return { code: 'request.invalid', message: error.message };
  return { code: 'server.internal', message: 'Something went wrong on the server.' };
}

import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RoundsError, isErrorCode, withTimeout } from '@rounds/shared';
import type { Logger } from '../logger';
import type { NodeMethod, NodeRequest, NodeResponse } from './node-methods';

type Handler<M extends NodeMethod> = (payload: NodeRequest<M>, from: string) => Promise<NodeResponse<M>>;

interface Envelope {
  from: string;
  /** Set on a request that expects an answer; echoed as `replyTo`. */
  id?: string;
  method?: NodeMethod;
  payload?: unknown;
  replyTo?: string;
  error?: { code: string; message: string };
}

/** A node is alive while its key exists; it refreshes the key well within the time to live. */
const heartbeatMs = 3_000;
const aliveTtlMs = 10_000;
const requestTimeoutMs = 5_000;

/**
 * Server nodes talking to each other over Redis pub/sub: each node listens on its own channel,
 * answers requests by method name, and keeps a heartbeat key so others can tell it is alive.
 * Used to pipe stage streams between nodes (`stage-exports.ts`, `stage-imports.ts`).
 */
export class NodeBus {
  readonly nodeId = randomUUID();
  readonly #redis: Redis;
  readonly #subscriber: Redis;
  readonly #prefix: string;
  readonly #logger: Logger;
  readonly #handlers = new Map<string, Handler<NodeMethod>>();
  readonly #pending = new Map<string, { resolve: (data: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  #heartbeat: NodeJS.Timeout | undefined;

  private constructor(redis: Redis, prefix: string, logger: Logger) {
    this.#redis = redis;
    this.#subscriber = redis.duplicate();
    this.#prefix = prefix;
    this.#logger = logger.child({ nodeId: this.nodeId });
  }

  /** Listens on this node's channel and starts the heartbeat. `redis` stays the caller's. */
  static async start(redis: Redis, prefix: string, logger: Logger): Promise<NodeBus> {
    const bus = new NodeBus(redis, prefix, logger);
    bus.#subscriber.on('message', (_channel: string, message: string) => bus.#receive(message));
    await bus.#subscriber.subscribe(bus.#channel(bus.nodeId));
    await bus.#beat();
    bus.#heartbeat = setInterval(() => {
      bus.#beat().catch((error: unknown) => bus.#logger.warn({ err: error }, 'node heartbeat failed'));
    }, heartbeatMs);
    return bus;
  }

  handle<M extends NodeMethod>(method: M, handler: Handler<M>): void {
    this.#handlers.set(method, handler as unknown as Handler<NodeMethod>);
  }

  /** Asks another node and waits for its answer; its RoundsErrors come back as RoundsErrors. */
  request<M extends NodeMethod>(nodeId: string, method: M, payload: NodeRequest<M>): Promise<NodeResponse<M>> {
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new RoundsError('server.unavailable', `Node ${nodeId} did not answer ${method}`));
      }, requestTimeoutMs);
      this.#pending.set(id, { resolve: resolve as (data: unknown) => void, reject, timer });
      this.#publish(nodeId, { from: this.nodeId, id, method, payload }).catch((error: unknown) => {
        clearTimeout(timer);
        this.#pending.delete(id);
        reject(error as Error);
      });
    });
  }

  /** Tells another node something without waiting for an answer. */
  tell<M extends NodeMethod>(nodeId: string, method: M, payload: NodeRequest<M>): void {
    this.#publish(nodeId, { from: this.nodeId, method, payload }).catch((error: unknown) =>
      this.#logger.warn({ err: error, to: nodeId, method }, 'node message not sent'),
    );
  }

  async isAlive(nodeId: string): Promise<boolean> {
    return nodeId === this.nodeId || (await this.#redis.exists(this.#aliveKey(nodeId))) === 1;
  }

  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    for (const { reject, timer } of this.#pending.values()) {
      clearTimeout(timer);
      reject(new RoundsError('server.unavailable', 'This node is shutting down'));
    }
    this.#pending.clear();
    this.#subscriber.disconnect();
    // Gone at once for the others, rather than when the key expires; not waited for long when Redis is down.
    await withTimeout(this.#redis.del(this.#aliveKey(this.nodeId)), 1_000).catch(() => 0);
  }

  #receive(message: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch {
      this.#logger.warn('unreadable node message dropped');
      return;
    }
    if (envelope.replyTo) this.#settle(envelope);
    else void this.#answer(envelope);
  }

  #settle(reply: Envelope): void {
    const pending = this.#pending.get(reply.replyTo!);
    if (!pending) return; // timed out already
    this.#pending.delete(reply.replyTo!);
    clearTimeout(pending.timer);
    if (!reply.error) pending.resolve(reply.payload);
    else if (isErrorCode(reply.error.code)) pending.reject(new RoundsError(reply.error.code, reply.error.message));
    else pending.reject(new Error(reply.error.message));
  }

  async #answer(request: Envelope): Promise<void> {
    const handler = request.method && this.#handlers.get(request.method);
    let reply: Envelope;
    try {
      if (!handler) throw new Error(`No handler for ${String(request.method)}`);
      reply = { from: this.nodeId, replyTo: request.id, payload: await handler(request.payload as never, request.from) };
    } catch (error) {
      const code = error instanceof RoundsError ? error.code : 'server.internal';
      if (!(error instanceof RoundsError)) this.#logger.error({ err: error, method: request.method }, 'node request failed');
      reply = { from: this.nodeId, replyTo: request.id, error: { code, message: (error as Error).message } };
    }
    if (request.id) await this.#publish(request.from, reply).catch(() => undefined);
  }

  async #publish(nodeId: string, envelope: Envelope): Promise<void> {
    await this.#redis.publish(this.#channel(nodeId), JSON.stringify(envelope));
  }

  async #beat(): Promise<void> {
    await this.#redis.set(this.#aliveKey(this.nodeId), '1', 'PX', aliveTtlMs);
  }

  #channel(nodeId: string): string {
    return `${this.#prefix}:node:${nodeId}:inbox`;
  }

  #aliveKey(nodeId: string): string {
    return `${this.#prefix}:node:${nodeId}:alive`;
  }
}

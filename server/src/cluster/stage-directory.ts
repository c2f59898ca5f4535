import type { Redis } from 'ioredis';
import type { StageProducer } from '@rounds/shared';
import type { NodeBus } from './node-bus';

/** A stage's stream as every node sees it: which node owns it, and whether it is paused. */
export interface DirectoryEntry extends StageProducer {
  nodeId: string;
  paused: boolean;
}

/** A stage's streams are forgotten a day after the last one was added, whatever happened to the nodes. */
const entryTtlSeconds = 24 * 60 * 60;

/**
 * The streams of every stage across nodes, in one Redis hash per session (producer id → entry).
 * The owning node writes its own producers; other nodes read it to list a stage's streams to their
 * viewers and to find whom to ask for a pipe. Entries of nodes whose heartbeat is gone are pruned.
 */
export class StageDirectory {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #bus: NodeBus;

  constructor(redis: Redis, prefix: string, bus: NodeBus) {
    this.#redis = redis;
    this.#prefix = prefix;
    this.#bus = bus;
  }

  async add(sessionId: string, producer: StageProducer, paused: boolean): Promise<void> {
    const entry: DirectoryEntry = { ...producer, nodeId: this.#bus.nodeId, paused };
    const key = this.#key(sessionId);
    await this.#redis.multi().hset(key, producer.producerId, JSON.stringify(entry)).expire(key, entryTtlSeconds).exec();
  }

  async setPaused(sessionId: string, producerId: string, paused: boolean): Promise<void> {
    const entry = await this.find(sessionId, producerId);
    if (entry) await this.#redis.hset(this.#key(sessionId), producerId, JSON.stringify({ ...entry, paused }));
  }

  /** True when this call removed the entry (so exactly one caller acts on a removal). */
  async remove(sessionId: string, producerId: string): Promise<boolean> {
    return (await this.#redis.hdel(this.#key(sessionId), producerId)) === 1;
  }

  async find(sessionId: string, producerId: string): Promise<DirectoryEntry | undefined> {
    const raw = await this.#redis.hget(this.#key(sessionId), producerId);
    return raw ? (JSON.parse(raw) as DirectoryEntry) : undefined;
  }

  /**
   * The stage's streams owned by other nodes that are alive. Streams of dead nodes are removed and
   * returned in `gone` only to the caller that removed them.
   */
  async remote(sessionId: string): Promise<{ live: DirectoryEntry[]; gone: DirectoryEntry[] }> {
    const entries = Object.values(await this.#redis.hgetall(this.#key(sessionId))).map((raw) => JSON.parse(raw) as DirectoryEntry);
    const others = entries.filter((entry) => entry.nodeId !== this.#bus.nodeId);
    const nodes = [...new Set(others.map((entry) => entry.nodeId))];
    const alive = new Set<string>();
    for (const nodeId of nodes) if (await this.#bus.isAlive(nodeId)) alive.add(nodeId);
    const live = others.filter((entry) => alive.has(entry.nodeId));
    const gone: DirectoryEntry[] = [];
    for (const entry of others.filter((e) => !alive.has(e.nodeId))) {
      if (await this.remove(sessionId, entry.producerId)) gone.push(entry);
    }
    return { live, gone };
  }

  #key(sessionId: string): string {
    return `${this.#prefix}:stage:${sessionId}:producers`;
  }
}

import type { Redis } from 'ioredis';
import { RoundsError } from '@rounds/shared';

export interface Limit {
  /** Actions allowed per window. */
  limit: number;
  windowMs: number;
}

/**
 * Per-user limits on what people send, counted in Redis so every server node counts together:
 * a fixed window per action and user. Over the limit: `qa.rateLimited`, saying how long to wait.
 */
export class RateLimiter {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  async take(action: string, userId: string, { limit, windowMs }: Limit): Promise<void> {
    const key = `${this.#prefix}:rate:${action}:${userId}`;
    const [[, count], [, ttl]] = (await this.#redis.multi().incr(key).pttl(key).exec()) as [[null, number], [null, number]];
    if (ttl < 0) await this.#redis.pexpire(key, windowMs);
    if (count > limit) {
      const waitSeconds = Math.ceil(Math.max(ttl, 0) / 1000) || Math.ceil(windowMs / 1000);
      throw new RoundsError('qa.rateLimited', `At most ${limit} per ${windowMs / 1000} s; wait ${waitSeconds} s`);
    }
  }
}

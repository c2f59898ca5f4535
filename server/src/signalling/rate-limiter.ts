import type { Redis } from 'ioredis';
import { RoundsError, type RateLimit } from '@rounds/shared';

/** Counts a person's requests against a limit; the dispatcher asks before a limited request's handler runs. */
export interface RateLimits {
  /** Counts one more; throws `qa.rateLimited` (saying how long to wait) when over the limit. */
  take(userId: string, limit: RateLimit): Promise<void>;
}

/**
 * Per-person limits on what people send, counted in Redis so every server node counts together:
 * a fixed window per bucket and person.
 */
export class RateLimiter implements RateLimits {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  /**
   * One round trip: the window starts (a counter at 0 that expires with it) unless it is open, then
   * counts this action. MULTI runs the three commands together, so no count outlives its window.
   */
  async take(userId: string, { bucket, limit, windowMs }: RateLimit): Promise<void> {
    const key = `${this.#prefix}:rate:${bucket}:${userId}`;
    const replies = await this.#redis.multi().set(key, 0, 'PX', windowMs, 'NX').incr(key).pttl(key).exec();
    const [, [, count], [, ttl]] = replies as [unknown, [null, number], [null, number]];
    if (count > limit) {
      const waitSeconds = Math.ceil(Math.max(ttl, 0) / 1000) || Math.ceil(windowMs / 1000);
      throw new RoundsError('qa.rateLimited', `At most ${limit} per ${windowMs / 1000} s; wait ${waitSeconds} s`);
    }
  }
}

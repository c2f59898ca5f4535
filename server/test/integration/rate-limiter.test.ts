import { Redis } from 'ioredis';
import { RateLimiter } from '../../src/signalling/rate-limiter';
import { testRedisUrl, uniqueName } from '../helpers/test-platform';

/** Per-user limits counted in a real Redis: the window, the refusal and its wait, and keys that expire. */
describe('rate limiter', () => {
  const prefix = uniqueName('rate');
  let redis: Redis;
  let limiter: RateLimiter;

  beforeAll(() => {
    redis = new Redis(testRedisUrl);
    limiter = new RateLimiter(redis, prefix);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  const limit = (bucket: string) => ({ bucket, limit: 3, windowMs: 30_000 });

  test('the limit is counted per bucket and person; over it, qa.rateLimited says how long to wait', async () => {
    for (let i = 0; i < 3; i++) await limiter.take('ana', limit('ask'));
    await expect(limiter.take('ana', limit('ask'))).rejects.toMatchObject({ code: 'qa.rateLimited', message: 'At most 3 per 30 s; wait 30 s' });
    await expect(limiter.take('ben', limit('ask'))).resolves.toBeUndefined();
    await expect(limiter.take('ana', limit('vote'))).resolves.toBeUndefined();
  });

  test('the first action of a window starts its expiry, and later ones keep it', async () => {
    await limiter.take('cleo', limit('edit'));
    const firstTtl = await redis.pttl(`${prefix}:rate:edit:cleo`);
    expect(firstTtl).toBeGreaterThan(25_000);
    expect(firstTtl).toBeLessThanOrEqual(30_000);
    await limiter.take('cleo', limit('edit'));
    expect(await redis.get(`${prefix}:rate:edit:cleo`)).toBe('2');
    expect(await redis.pttl(`${prefix}:rate:edit:cleo`)).toBeLessThanOrEqual(firstTtl);
  });
});

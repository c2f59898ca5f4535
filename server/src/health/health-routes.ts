import type { FastifyInstance } from 'fastify';
import { withTimeout } from '@rounds/shared';
import type { DatabaseHandle } from '../db/database';
import type { WorkerPool } from '../media/worker-pool';
import type { MediaQueue } from '../queue/media-queue';
import type { Redis } from 'ioredis';

interface PartReport {
  ok: boolean;
  error?: string;
  [detail: string]: unknown;
}

async function check(run: () => Promise<Record<string, unknown>>, timeoutMs: number): Promise<PartReport> {
  try {
    return { ok: true, ...(await withTimeout(run(), timeoutMs)) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** GET /api/health asks each part for real; 200 when all answer, 503 naming those that do not. */
export function healthRoutes(deps: { database: DatabaseHandle; redis: Redis; pool: WorkerPool; queue: MediaQueue }) {
  return async (app: FastifyInstance) => {
    app.get('/api/health', { config: { permission: { kind: 'public' } } }, async (_request, reply) => {
      const timeoutMs = 2000;
      const [database, redis, mediasoup, queue] = await Promise.all([
        check(async () => {
          await deps.database.ping();
          return { kind: deps.database.kind };
        }, timeoutMs),
        check(async () => ({ reply: await deps.redis.ping() }), timeoutMs),
        check(async () => {
          const workers = await deps.pool.status(timeoutMs);
          const dead = workers.filter((w) => !w.alive);
          if (dead.length > 0) throw new Error(`worker ${dead.map((w) => `${w.index} (pid ${w.pid})`).join(', ')} not answering`);
          return { workers };
        }, timeoutMs + 500),
        check(() => deps.queue.status(), timeoutMs),
      ]);
      const parts = { database, redis, mediasoup, queue };
      const down = Object.entries(parts)
        .filter(([, part]) => !part.ok)
        .map(([name]) => name);
      return reply.code(down.length ? 503 : 200).send({ status: down.length ? 'down' : 'up', down, parts });
    });
  };
}

import { EventEmitter, once } from 'node:events';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { RoundsError, withTimeout } from '@rounds/shared';
import type { Logger } from '../logger';

export interface WorkerPoolOptions {
  size: number;
  rtcMinPort: number;
  rtcMaxPort: number;
  logger: Logger;
}

export interface WorkerStatus {
  index: number;
  pid: number;
  alive: boolean;
  error?: string;
}

interface WorkerPoolEvents {
  /** A fresh worker took the dead one's slot. */
  workerReplaced: [index: number, pid: number];
}

const respawnDelaysMs = [0, 250, 1000, 5000];

/**
 * One mediasoup worker per slot (one per core by default). A worker that dies is replaced in its
 * slot. Its routers close with it, and the rooms on them tell their peers to rejoin (see StageRoom).
 */
export class WorkerPool extends EventEmitter<WorkerPoolEvents> {
  readonly #options: WorkerPoolOptions;
  readonly #slots: types.Worker[] = [];
  #next = 0;
  #closed = false;

  private constructor(options: WorkerPoolOptions) {
    super();
    this.#options = options;
  }

  static async create(options: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(options);
    for (let index = 0; index < options.size; index++) {
      pool.#slots.push(await pool.#spawn(index));
    }
    return pool;
  }

  get size(): number {
    return this.#slots.length;
  }

  /**
   * The next live worker, round robin, with its slot index. A slot whose worker died and is being
   * replaced is skipped; with none alive the platform is unavailable for new media.
   */
  next(): { worker: types.Worker; index: number } {
    for (let tries = 0; tries < this.#slots.length; tries++) {
      const index = this.#next++ % this.#slots.length;
      const worker = this.#slots[index]!;
      if (!worker.closed) return { worker, index };
    }
    throw new RoundsError('server.unavailable', 'No media worker is running; one is being restarted');
  }

  /** The next worker round robin, skipping slots in `avoid` while any other is left. */
  pick(avoid: readonly number[]): { worker: types.Worker; index: number } {
    for (let tries = 0; tries < this.#slots.length; tries++) {
      const candidate = this.next();
      if (!avoid.includes(candidate.index)) return candidate;
    }
    return this.next();
  }

  /**
   * Resolves at once while any worker is alive; else once a replacement is up, or after
   * `timeoutMs` if none comes (the caller goes on either way).
   */
  async untilAlive(timeoutMs: number): Promise<void> {
    if (this.#slots.some((worker) => !worker.closed)) return;
    await once(this, 'workerReplaced', { signal: AbortSignal.timeout(timeoutMs) }).catch(() => undefined);
  }

  worker(index: number): types.Worker {
    const worker = this.#slots[index];
    if (!worker) throw new RangeError(`No worker in slot ${index}`);
    return worker;
  }

  /** Asks each worker process for its resource usage: a real round trip, not a cached flag. */
  async status(timeoutMs = 2000): Promise<WorkerStatus[]> {
    return Promise.all(
      this.#slots.map(async (worker, index) => {
        try {
          await withTimeout(worker.getResourceUsage(), timeoutMs);
          return { index, pid: worker.pid, alive: !worker.closed };
        } catch (error) {
          return { index, pid: worker.pid, alive: false, error: (error as Error).message };
        }
      }),
    );
  }

  /**
   * Stops every worker and waits until their processes are gone (mediasoup 3.8's close() sends
   * SIGTERM without waiting), so "stopped" means nothing is left running. Stragglers get SIGKILL.
   */
  async close(timeoutMs = 3000): Promise<void> {
    this.#closed = true;
    const pids = this.#slots.map((worker) => worker.pid);
    for (const worker of this.#slots) worker.close();
    const deadline = Date.now() + timeoutMs;
    while (pids.some(isRunning) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const pid of pids.filter(isRunning)) process.kill(pid, 'SIGKILL');
  }

  async #spawn(index: number): Promise<types.Worker> {
    const { rtcMinPort, rtcMaxPort, logger } = this.#options;
    const worker = await mediasoup.createWorker({ logLevel: 'warn', rtcMinPort, rtcMaxPort });
    logger.info({ workerIndex: index, pid: worker.pid }, 'mediasoup worker started');
    worker.on('died', (error) => {
      logger.error({ workerIndex: index, pid: worker.pid, err: error }, 'mediasoup worker died');
      void this.#replace(index);
    });
    return worker;
  }

  async #replace(index: number): Promise<void> {
    for (const delay of respawnDelaysMs) {
      if (this.#closed) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      try {
        const worker = await this.#spawn(index);
        if (this.#closed) {
          worker.close();
          return;
        }
        this.#slots[index] = worker;
        this.emit('workerReplaced', index, worker.pid);
        return;
      } catch (error) {
        this.#options.logger.error({ workerIndex: index, err: error }, 'could not start a replacement mediasoup worker');
      }
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// The server nodes of qa-fanout: each a process of its own, started as production starts the server
// (server/src/main.ts under tsx, configured by its environment), as two hosts behind a load balancer
// would run. Node B shares node A's PostgreSQL schema and Redis prefix, so broadcasts cross between
// them through the socket.io Redis adapter, and its send loop runs beside A's, not after it.
import path from 'node:path';
import { loadConfig } from '../../server/src/config';
import { freePort } from '../../server/test/helpers/processes';
import { startServerProcess, type ServerProcess } from '../../server/test/helpers/server-process';
import { dropTestData, testDatabaseUrl, testRedisUrl, uniqueName } from '../../server/test/helpers/test-platform';
import { cpuMicros } from './proc';
import { gcKindName, type GcPause } from './qa-timing';

const probe = path.join(__dirname, 'qa-server-probe.mjs');

interface ProbeReply {
  qaProbe: 'gcPauses';
  id: number;
  pauses: { at: number; ms: number; kind?: number }[];
}

export class ServerNode {
  readonly #process: ServerProcess;
  readonly #pending = new Map<number, { resolve: (pauses: GcPause[]) => void; reject: (error: Error) => void }>();
  #nextId = 1;

  private constructor(
    process: ServerProcess,
    /** The environment it was started with: its schema and Redis prefix, for a second node and for clean-up. */
    readonly env: Record<string, string>,
  ) {
    this.#process = process;
    process.child.on('message', (message: Partial<ProbeReply>) => {
      if (message.qaProbe !== 'gcPauses' || message.id === undefined) return;
      this.#pending.get(message.id)?.resolve(message.pauses!.map((pause) => ({ at: pause.at, ms: pause.ms, kind: gcKindName(pause.kind) })));
      this.#pending.delete(message.id);
    });
    process.child.on('exit', (code, signal) => {
      for (const { reject } of this.#pending.values()) reject(new Error(`the server at ${process.url} exited (${code ?? signal})`));
      this.#pending.clear();
    });
  }

  /**
   * Starts a node on a port of its own. Without `shared`, it gets a new schema and Redis prefix and
   * seeds the demo conference; with them, it joins that node's data (the conference is seeded already).
   * Its media ports are its own range (`rtcPorts`), though Q&A creates no media transport.
   */
  static async start(rtcPorts: [number, number], shared?: ServerNode): Promise<ServerNode> {
    const env: Record<string, string> = {
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      LOG_LEVEL: process.env.DEBUG_SERVER ? 'debug' : 'warn',
      REDIS_URL: testRedisUrl,
      REDIS_PREFIX: shared?.env.REDIS_PREFIX ?? uniqueName('redis'),
      DATABASE_URL: testDatabaseUrl,
      DATABASE_SCHEMA: shared?.env.DATABASE_SCHEMA ?? uniqueName('schema'),
      MEDIASOUP_WORKERS: '1',
      SEED_DEMO: shared ? 'false' : 'true',
      RTC_MIN_PORT: String(rtcPorts[0]),
      RTC_MAX_PORT: String(rtcPorts[1]),
      // The probe notes the server's garbage collections (see qa-server-probe.mjs).
      NODE_OPTIONS: `--import "${probe}"`,
    };
    return new ServerNode(await startServerProcess(env), env);
  }

  get url(): string {
    return this.#process.url;
  }

  get pid(): number {
    return this.#process.child.pid!;
  }

  /** CPU time (user, system; all threads) the server's process has used so far, from /proc/<pid>/stat. */
  cpu(): { user: number; system: number } {
    return cpuMicros(this.pid);
  }

  /** The server's garbage collections between two clock readings. */
  gcPauses(from: number, to: number): Promise<GcPause[]> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#process.child.send({ qaProbe: 'gcPauses', id, from, to });
    });
  }

  /** Stops the process (SIGTERM; the server closes its connections and exits). */
  async stop(): Promise<void> {
    const code = await this.#process.stop();
    if (code !== 0) console.log(`[qa-fanout] the server at ${this.url} exited with ${code}`);
  }

  /** Drops the schema and the Redis keys the nodes shared (after every node has stopped). */
  async dropData(): Promise<void> {
    await dropTestData(loadConfig(this.env));
  }
}

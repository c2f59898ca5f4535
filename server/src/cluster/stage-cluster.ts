import type { Redis } from 'ioredis';
import type { types } from 'mediasoup';
import type { Logger } from '../logger';
import type { StageRoom } from '../media/stage-room';
import type { NodeBus } from './node-bus';
import { StageDirectory, type DirectoryEntry } from './stage-directory';
import { StageExports } from './stage-exports';
import { StageImports } from './stage-imports';

/**
 * One node's part in stages that span nodes: the directory of every node's streams, the pipes this
 * node sends to other nodes (exports) and, per stage room here, the pipes it receives (imports).
 */
export class StageCluster {
  readonly directory: StageDirectory;
  readonly #bus: NodeBus;
  readonly #exports: StageExports;
  readonly #listenIp: types.TransportListenIp;
  readonly #imports = new Map<string, StageImports>();

  constructor(deps: {
    bus: NodeBus;
    redis: Redis;
    prefix: string;
    listenIp: types.TransportListenIp;
    logger: Logger;
    findRoom: (sessionId: string) => Promise<StageRoom | undefined>;
  }) {
    this.#bus = deps.bus;
    this.#listenIp = deps.listenIp;
    this.directory = new StageDirectory(deps.redis, deps.prefix, deps.bus);
    this.#exports = new StageExports({ ...deps, logger: deps.logger.child({ part: 'stage-exports' }) });
    this.#bus.handle('pipe.producerEvent', async ({ sessionId, producerId, event }) => {
      await this.#imports.get(sessionId)?.apply(producerId, event);
      return {};
    });
  }

  get nodeId(): string {
    return this.#bus.nodeId;
  }

  /** Pipes this node sends to other nodes (for health and tests). */
  get exportCount(): number {
    return this.#exports.linkCount;
  }

  /** The imports of a stage room created on this node; they end when the room's router closes. */
  importsFor(sessionId: string, router: types.Router): StageImports {
    const imports = new StageImports({ sessionId, router, bus: this.#bus, directory: this.directory, listenIp: this.#listenIp });
    this.#imports.set(sessionId, imports);
    router.observer.once('close', () => {
      if (this.#imports.get(sessionId) === imports) this.#imports.delete(sessionId);
      void imports.close();
    });
    return imports;
  }

  /** Streams of the stage owned by live nodes other than this one, and those just found gone. */
  remoteStreams(sessionId: string): Promise<{ live: DirectoryEntry[]; gone: DirectoryEntry[] }> {
    return this.directory.remote(sessionId);
  }

  /**
   * Drops pipes to and from nodes whose heartbeat is gone, and returns, per stage with imports here,
   * the streams of dead nodes this call removed from the directory (to be announced as ended).
   */
  async sweep(): Promise<{ sessionId: string; gone: DirectoryEntry[] }[]> {
    await this.#exports.sweep();
    const result = [];
    for (const [sessionId, imports] of this.#imports) {
      for (const nodeId of await imports.linkedNodes()) {
        if (!(await this.#bus.isAlive(nodeId))) await imports.dropNode(nodeId);
      }
      const { gone } = await this.directory.remote(sessionId);
      if (gone.length) result.push({ sessionId, gone });
    }
    return result;
  }
}

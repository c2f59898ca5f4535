import { randomUUID } from 'node:crypto';
import type { types } from 'mediasoup';
import type { NodeBus } from './node-bus';
import { pipeTransportOptions } from './stage-exports';
import type { StageDirectory } from './stage-directory';

interface ImportLink {
  id: string;
  transport: types.PipeTransport;
  /** The owning node. */
  nodeId: string;
}

/**
 * The importer side of stage pipes, for one stage room on this node: streams produced on other
 * nodes are brought onto the room's origin router under their own ids, one PipeTransport per
 * owning node, the first time a viewer here asks for them. The owner tells us when they pause,
 * resume or end.
 */
export class StageImports {
  readonly #sessionId: string;
  readonly #router: types.Router;
  readonly #bus: NodeBus;
  readonly #directory: StageDirectory;
  readonly #listenIp: types.TransportListenIp;
  readonly #links = new Map<string, Promise<ImportLink>>();
  readonly #producers = new Map<string, Promise<types.Producer | undefined>>();

  constructor(deps: { sessionId: string; router: types.Router; bus: NodeBus; directory: StageDirectory; listenIp: types.TransportListenIp }) {
    this.#sessionId = deps.sessionId;
    this.#router = deps.router;
    this.#bus = deps.bus;
    this.#directory = deps.directory;
    this.#listenIp = deps.listenIp;
  }

  /** Owning nodes this room has links to. */
  async linkedNodes(): Promise<string[]> {
    const links = await Promise.allSettled(this.#links.values());
    return links.flatMap((link) => (link.status === 'fulfilled' ? [link.value.nodeId] : []));
  }

  /** The stream on this room's origin router, piped in once; undefined when no other node owns it. */
  import(producerId: string): Promise<types.Producer | undefined> {
    let pending = this.#producers.get(producerId);
    if (!pending) {
      pending = this.#pipe(producerId);
      pending.then(
        (producer) => (producer ? producer.observer.once('close', () => this.#producers.delete(producerId)) : this.#producers.delete(producerId)),
        () => this.#producers.delete(producerId),
      );
      this.#producers.set(producerId, pending);
    }
    return pending;
  }

  /** What the owner told us about a piped stream. */
  async apply(producerId: string, event: 'pause' | 'resume' | 'close'): Promise<void> {
    const producer = await this.#producers.get(producerId)?.catch(() => undefined);
    if (!producer || producer.closed) return;
    if (event === 'close') producer.close();
    else if (event === 'pause') await producer.pause();
    else await producer.resume();
  }

  /** Closes the links to a node that is gone, with the streams that came through them. */
  async dropNode(nodeId: string): Promise<void> {
    for (const [owner, pending] of this.#links) {
      if (owner !== nodeId) continue;
      this.#links.delete(owner);
      const link = await pending.catch(() => undefined);
      link?.transport.close();
    }
  }

  /** Tells the owners to drop their side; the router closing closes ours. */
  async close(): Promise<void> {
    const links = await Promise.allSettled(this.#links.values());
    this.#links.clear();
    for (const link of links) {
      if (link.status === 'fulfilled') this.#bus.tell(link.value.nodeId, 'pipe.close', { linkId: link.value.id });
    }
  }

  async #pipe(producerId: string): Promise<types.Producer | undefined> {
    const entry = await this.#directory.find(this.#sessionId, producerId);
    if (!entry || entry.nodeId === this.#bus.nodeId) return undefined;
    const link = await this.#link(entry.nodeId);
    const { kind, rtpParameters, paused, appData } = await this.#bus.request(entry.nodeId, 'pipe.consume', { linkId: link.id, producerId });
    return link.transport.produce({ id: producerId, kind, rtpParameters, paused, appData });
  }

  #link(nodeId: string): Promise<ImportLink> {
    let pending = this.#links.get(nodeId);
    if (!pending) {
      pending = this.#openLink(nodeId);
      pending.catch(() => this.#links.delete(nodeId));
      this.#links.set(nodeId, pending);
    }
    return pending;
  }

  async #openLink(nodeId: string): Promise<ImportLink> {
    const transport = await this.#router.createPipeTransport({ listenIp: this.#listenIp, ...pipeTransportOptions });
    const id = randomUUID();
    try {
      const owner = await this.#bus.request(nodeId, 'pipe.open', {
        sessionId: this.#sessionId,
        linkId: id,
        ip: transport.tuple.localIp,
        port: transport.tuple.localPort,
        srtpParameters: transport.srtpParameters!,
      });
      await transport.connect(owner);
    } catch (error) {
      transport.close();
      throw error;
    }
    transport.observer.once('close', () => {
      if (this.#links.get(nodeId) && !this.#router.closed) this.#links.delete(nodeId);
    });
    return { id, transport, nodeId };
  }
}

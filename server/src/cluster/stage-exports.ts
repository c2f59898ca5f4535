import type { types } from 'mediasoup';
import { RoundsError } from '@rounds/shared';
import type { Logger } from '../logger';
import type { StageRoom } from '../media/stage-room';
import type { NodeBus } from './node-bus';

interface ExportLink {
  transport: types.PipeTransport;
  sessionId: string;
  /** The importing node. */
  nodeId: string;
}

/** Options every pipe between nodes uses: retransmission over a real network, encrypted. */
export const pipeTransportOptions = { enableRtx: true, enableSrtp: true } as const;

/**
 * The owner side of stage pipes: PipeTransports on this node's origin routers, each connected to a
 * PipeTransport of another node that has viewers of the same stage, and the streams sent through
 * them. A link closes when its room closes, when the importer drops it, or when the importer's
 * heartbeat is gone.
 */
export class StageExports {
  readonly #bus: NodeBus;
  readonly #findRoom: (sessionId: string) => Promise<StageRoom | undefined>;
  readonly #listenIp: types.TransportListenIp;
  readonly #logger: Logger;
  readonly #links = new Map<string, ExportLink>();

  constructor(deps: {
    bus: NodeBus;
    findRoom: (sessionId: string) => Promise<StageRoom | undefined>;
    listenIp: types.TransportListenIp;
    logger: Logger;
  }) {
    this.#bus = deps.bus;
    this.#findRoom = deps.findRoom;
    this.#listenIp = deps.listenIp;
    this.#logger = deps.logger;
    this.#bus.handle('pipe.open', (request, from) => this.#open(request, from));
    this.#bus.handle('pipe.consume', (request) => this.#consume(request));
    this.#bus.handle('pipe.close', async ({ linkId }) => {
      this.#links.get(linkId)?.transport.close();
      return {};
    });
  }

  get linkCount(): number {
    return this.#links.size;
  }

  /** Closes the links of importers whose heartbeat is gone. */
  async sweep(): Promise<void> {
    for (const [linkId, link] of this.#links) {
      if (await this.#bus.isAlive(link.nodeId)) continue;
      this.#logger.info({ linkId, nodeId: link.nodeId }, 'importing node gone; pipe link closed');
      link.transport.close();
    }
  }

  async #open(
    request: { sessionId: string; linkId: string; ip: string; port: number; srtpParameters: types.SrtpParameters },
    from: string,
  ): Promise<{ ip: string; port: number; srtpParameters: types.SrtpParameters }> {
    const room = await this.#findRoom(request.sessionId);
    if (!room) throw new RoundsError('stage.notLive', `No stage ${request.sessionId} on this node`);
    const transport = await room.router.createPipeTransport({ listenIp: this.#listenIp, ...pipeTransportOptions });
    try {
      await transport.connect({ ip: request.ip, port: request.port, srtpParameters: request.srtpParameters });
    } catch (error) {
      transport.close();
      throw error;
    }
    this.#links.set(request.linkId, { transport, sessionId: request.sessionId, nodeId: from });
    transport.observer.once('close', () => this.#links.delete(request.linkId));
    return { ip: transport.tuple.localIp, port: transport.tuple.localPort, srtpParameters: transport.srtpParameters! };
  }

  async #consume(request: { linkId: string; producerId: string }) {
    const link = this.#links.get(request.linkId);
    if (!link) throw new RoundsError('media.transportNotFound', `No pipe link ${request.linkId}`);
    const room = await this.#findRoom(link.sessionId);
    const producer = room?.findProducer(request.producerId);
    if (!producer) throw new RoundsError('media.producerNotFound', `No stream ${request.producerId} on this node`);
    const consumer = await link.transport.consume({ producerId: producer.id });
    const tell = (event: 'pause' | 'resume' | 'close') =>
      this.#bus.tell(link.nodeId, 'pipe.producerEvent', { sessionId: link.sessionId, producerId: producer.id, event });
    consumer.on('producerpause', () => tell('pause'));
    consumer.on('producerresume', () => tell('resume'));
    consumer.observer.once('close', () => tell('close'));
    return { kind: consumer.kind, rtpParameters: consumer.rtpParameters, paused: consumer.producerPaused, appData: {} };
  }
}

import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { RoundsError, type MediaSource, type StageProducer } from '@rounds/shared';
import type { MediaStorage } from '@rounds/shared/src/storage';
import type { NodeBus } from '../cluster/node-bus';
import type { StageCluster } from '../cluster/stage-cluster';
import type { Logger } from '../logger';
import { ProducerRecorder, type RecorderTools } from '../media/producer-recorder';
import type { StageRoom } from '../media/stage-room';
import type { CaptureNodes, RecordingService } from './recording-service';
import type { PartRole, RecordingStore } from './recording-store';

export interface StageRecorderDeps {
  store: RecordingStore;
  service: RecordingService;
  storage: MediaStorage;
  bus: NodeBus;
  cluster: StageCluster;
  logger: Logger;
}

export interface StageRecorderSettings {
  /** Record every stage from its first stream. */
  autoRecord: boolean;
  /** A stage silent this long ends its recording; a speaker back sooner continues it. */
  graceMs: number;
  tools: RecorderTools;
}

interface Part {
  partId: string;
  recorder: Promise<ProducerRecorder>;
}

/** What this node captures of one session. */
interface Capture {
  recordingId: string;
  /** By producer id. */
  parts: Map<string, Part>;
}

const roleOf: Record<MediaSource, PartRole> = { camera: 'camera', screen: 'screen', microphone: 'microphone' };

/**
 * Captures the stages of this node: every producer presented here while its session is being
 * recorded becomes a part (ProducerRecorder → file → storage). Each node records its own
 * presenters; the recording is queued once no part is open on any node (RecordingService.complete).
 * A stage that falls silent ends its recording after the grace period, so a speaker who reconnects
 * in time continues the same recording.
 */
export class StageRecorder {
  readonly #captures = new Map<string, Capture>();
  /** Sessions whose recording an organizer stopped: not restarted automatically until the stage ends. */
  readonly #heldOff = new Set<string>();
  readonly #graceTimers = new Map<string, NodeJS.Timeout>();
  readonly #rooms = new Map<string, StageRoom>();
  readonly #deps: StageRecorderDeps;
  readonly #settings: StageRecorderSettings;
  #closed = false;
  /** Part work (start, stop, store) in order per session, so a stop never overtakes a start. */
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(deps: StageRecorderDeps, settings: StageRecorderSettings) {
    this.#deps = deps;
    this.#settings = settings;
    // Another node stopped the recording: close this node's parts, then finish it if they were the last.
    deps.bus.handle('recording.stopParts', async ({ recordingId }) => {
      const sessionId = [...this.#captures].find(([, capture]) => capture.recordingId === recordingId)?.[0];
      if (sessionId) await this.#stopCapture(sessionId);
      await deps.service.complete(recordingId, this.nodes);
      return {};
    });
  }

  /** The nodes view RecordingService needs to finish a recording. */
  get nodes(): CaptureNodes {
    const { bus } = this.#deps;
    return {
      stopParts: async (recordingId, nodeIds) => {
        for (const nodeId of nodeIds) bus.tell(nodeId, 'recording.stopParts', { recordingId });
      },
      isAlive: (nodeId) => bus.isAlive(nodeId),
    };
  }

  /** Follows a new room of this node. */
  watch(room: StageRoom): void {
    const { sessionId } = room;
    if (this.#closed) return;
    this.#rooms.set(sessionId, room);
    room.on('producerAdded', (producer) => {
      this.#cancelGrace(sessionId);
      void this.#inOrder(sessionId, () => this.#onProducer(room, producer));
    });
    room.on('producerClosed', (producerId) => void this.#inOrder(sessionId, () => this.#endPart(sessionId, producerId)));
    room.on('ended', () => this.#startGrace(sessionId));
    room.once('closed', () => {
      if (this.#rooms.get(sessionId) === room) this.#rooms.delete(sessionId);
      void this.#inOrder(sessionId, () => this.#endParts(sessionId));
      this.#startGrace(sessionId);
    });
  }

  /** An organizer's command: record the live stage now. */
  async start(sessionId: string, by: string): Promise<string> {
    const room = this.#rooms.get(sessionId);
    const remote = await this.#deps.cluster.remoteStreams(sessionId);
    if ((!room || room.producers().length === 0) && remote.live.length === 0) throw new RoundsError('stage.notLive', 'Nobody is presenting on this stage');
    if (await this.#deps.store.capturingOf(sessionId)) throw new RoundsError('recording.alreadyCapturing');
    this.#heldOff.delete(sessionId);
    const { id } = await this.#deps.store.capturing(sessionId, by);
    if (room) for (const producer of room.producers()) await this.#inOrder(sessionId, () => this.#onProducer(room, producer));
    // Presenters on other nodes are captured there when they next present (documented limit).
    return id;
  }

  /** An organizer's command: stop now and transcode what was recorded. */
  async stop(sessionId: string): Promise<string> {
    const recordingId = this.#captures.get(sessionId)?.recordingId ?? (await this.#deps.store.capturingOf(sessionId));
    if (!recordingId) throw new RoundsError('recording.notFound', 'This session is not being recorded');
    this.#heldOff.add(sessionId);
    this.#cancelGrace(sessionId);
    await this.#stopCapture(sessionId);
    await this.#deps.service.complete(recordingId, this.nodes);
    return recordingId;
  }

  /**
   * After a restart: recordings left capturing get the grace period to see their speakers back,
   * then end (their parts from before the restart are kept).
   */
  async resume(capturingSessionIds: string[]): Promise<void> {
    for (const sessionId of capturingSessionIds) this.#startGrace(sessionId);
  }

  /** Shutdown: closes this node's parts (the files are kept); the recording continues when speakers come back. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#graceTimers.values()) clearTimeout(timer);
    this.#graceTimers.clear();
    await Promise.allSettled([...this.#captures.keys()].map((sessionId) => this.#inOrder(sessionId, () => this.#endParts(sessionId))));
  }

  async #onProducer(room: StageRoom, producer: StageProducer): Promise<void> {
    const { sessionId } = room;
    let capture = this.#captures.get(sessionId);
    if (!capture) {
      const existing = await this.#deps.store.capturingOf(sessionId);
      if (!existing && (!this.#settings.autoRecord || this.#heldOff.has(sessionId))) return;
      const recordingId = existing ?? (await this.#deps.store.capturing(sessionId, null)).id;
      capture = { recordingId, parts: new Map() };
      this.#captures.set(sessionId, capture);
    }
    if (capture.parts.has(producer.producerId)) return;
    const source = room.findProducer(producer.producerId);
    if (!source || source.closed) return;
    const partId = randomUUID();
    const recorder = ProducerRecorder.start(room.router, source, `${capture.recordingId}-${partId}`, this.#settings.tools);
    capture.parts.set(producer.producerId, { partId, recorder });
    try {
      const started = await recorder;
      await this.#deps.store.addPart({
        id: partId,
        recordingId: capture.recordingId,
        role: roleOf[producer.source],
        storageKey: partKey(capture.recordingId, partId),
        presenterId: room.peer(producer.peerId).userId,
        nodeId: this.#deps.bus.nodeId,
        startedAt: started.startedAt,
      });
    } catch (error) {
      capture.parts.delete(producer.producerId);
      void recorder.then((r) => r.stop()).catch(() => undefined);
      this.#deps.logger.error({ err: error, sessionId, producerId: producer.producerId }, 'recording of a stream could not start');
    }
  }

  async #endPart(sessionId: string, producerId: string): Promise<void> {
    const capture = this.#captures.get(sessionId);
    const part = capture?.parts.get(producerId);
    if (!capture || !part) return;
    capture.parts.delete(producerId);
    const recorder = await part.recorder;
    const { bytes } = await recorder.stop();
    if (bytes > 0) await this.#deps.storage.putFile(partKey(capture.recordingId, part.partId), recorder.filePath);
    await fs.rm(recorder.filePath, { force: true });
    await fs.rm(recorder.filePath.replace(/\.mkv$/, '.sdp'), { force: true });
    await this.#deps.store.endPart(part.partId, bytes);
  }

  async #endParts(sessionId: string): Promise<void> {
    const capture = this.#captures.get(sessionId);
    if (!capture) return;
    await Promise.allSettled([...capture.parts.keys()].map((producerId) => this.#endPart(sessionId, producerId)));
  }

  /** Ends this node's parts and forgets the capture (the recording row is the service's). */
  async #stopCapture(sessionId: string): Promise<void> {
    await this.#inOrder(sessionId, () => this.#endParts(sessionId));
    this.#captures.delete(sessionId);
  }

  #startGrace(sessionId: string): void {
    this.#cancelGrace(sessionId);
    if (this.#closed) return;
    const timer = setTimeout(() => {
      this.#graceTimers.delete(sessionId);
      void this.#endIfSilent(sessionId).catch((error: unknown) => this.#deps.logger.error({ err: error, sessionId }, 'recording not finished'));
    }, this.#settings.graceMs);
    this.#graceTimers.set(sessionId, timer);
  }

  #cancelGrace(sessionId: string): void {
    clearTimeout(this.#graceTimers.get(sessionId));
    this.#graceTimers.delete(sessionId);
  }

  /** The grace period is over: unless someone presents again (here or on another node), the recording ends. */
  async #endIfSilent(sessionId: string): Promise<void> {
    const room = this.#rooms.get(sessionId);
    if (room && room.producers().length > 0) return;
    if ((await this.#deps.cluster.remoteStreams(sessionId)).live.length > 0) return;
    this.#heldOff.delete(sessionId);
    const recordingId = this.#captures.get(sessionId)?.recordingId ?? (await this.#deps.store.capturingOf(sessionId));
    await this.#stopCapture(sessionId);
    if (recordingId) await this.#deps.service.complete(recordingId, this.nodes);
  }

  #inOrder<T>(sessionId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(sessionId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.#queues.set(sessionId, settled);
    void settled.then(() => this.#queues.get(sessionId) === settled && this.#queues.delete(sessionId));
    return next;
  }
}

export function partKey(recordingId: string, partId: string): string {
  return `recordings/${recordingId}/parts/${partId}.mkv`;
}

import type { Device, types } from 'mediasoup-client';
import type { MediaSource, RequestResponse, StageProducer } from '@rounds/shared';
import { useRounds } from '../store';
import { LinkGovernor, highestLayer, layerBitrates, layerForWidth, lossBetween, type SpatialLayer } from './layer-policy';
import { openTransport, type CreatedTransport, type StageRequest } from './stage-transport';

/** How often the link is measured for the layer choice. */
const monitorEveryMs = 2_000;

interface Received {
  consumer: types.Consumer;
  producer: StageProducer;
  /** The layer asked of the server, once asked. */
  layer?: SpatialLayer;
  /** The widest player of this stream on screen asks for a layer that fits it. */
  sizeLayer: SpatialLayer;
  counters?: { received: number; lost: number };
}

export interface StreamStats {
  producerId: string;
  peerId: string;
  userName: string;
  source: MediaSource;
  kind: 'audio' | 'video';
  paused: boolean;
  layer: number | null;
  framesDecoded: number;
  frameWidth: number;
  packetsReceived: number;
  packetsLost: number;
}

/**
 * What this browser receives from the stage: one receive transport and a consumer per stream. Chooses
 * each camera's simulcast layer from its player's width and the link's health, and pauses video on
 * the server in audio-only mode. Streams reach the store only once they flow.
 */
export class StageReceiver {
  readonly #transport: types.Transport;
  readonly #device: Device;
  readonly #request: StageRequest;
  readonly #sessionId: string;
  readonly #received = new Map<string, Received>();
  /** Producers being consumed now, so a notification and the join answer do not consume one twice. */
  readonly #starting = new Set<string>();
  readonly #governor = new LinkGovernor();
  readonly #monitor: number;
  #closed = false;

  private constructor(device: Device, transport: types.Transport, request: StageRequest, sessionId: string) {
    this.#device = device;
    this.#transport = transport;
    this.#request = request;
    this.#sessionId = sessionId;
    this.#monitor = window.setInterval(() => void this.#watchLink(), monitorEveryMs);
  }

  /** `created`: the receive transport, when already asked of the server. */
  static async open(device: Device, request: StageRequest, sessionId: string, onFailed: () => void, created?: CreatedTransport): Promise<StageReceiver> {
    return new StageReceiver(device, await openTransport(device, request, sessionId, 'recv', onFailed, created), request, sessionId);
  }

  /**
   * Creates a consumer per stream (paused on the server), then resumes each unless the viewer wants
   * audio only. The local consumers are created in one go, so the browser negotiates them in one
   * offer/answer rather than one after another (a join saves a negotiation per stream). Every stream
   * that can be played is played; the first failure is thrown after.
   */
  async consume(...producers: StageProducer[]): Promise<void> {
    const fresh = producers.filter((p) => !this.#closed && !this.#received.has(p.producerId) && !this.#starting.has(p.producerId));
    for (const producer of fresh) this.#starting.add(producer.producerId);
    try {
      const answers = await Promise.all(fresh.map((producer) => settle(this.#request('media.consume', this.#consumeRequest(producer)))));
      // #open calls transport.consume before its first await: all in this tick, so mediasoup-client batches them.
      const started = await Promise.all(answers.map((answer, i) => (answer.ok ? settle(this.#open(fresh[i]!, answer.value)) : answer)));
      const failed = started.find((result) => !result.ok);
      if (failed) throw failed.error;
    } finally {
      for (const producer of fresh) this.#starting.delete(producer.producerId);
    }
  }

  #consumeRequest(producer: StageProducer) {
    return { sessionId: this.#sessionId, transportId: this.#transport.id, producerId: producer.producerId, rtpCapabilities: { ...this.#device.rtpCapabilities } };
  }

  /**
   * Creates the local twin of a server consumer, then keeps it and resumes it on the server (where it
   * was created paused), or closes it if the visit or the stream ended meanwhile.
   */
  async #open(producer: StageProducer, answer: RequestResponse<'media.consume'>): Promise<void> {
    const consumer = await this.#transport.consume({
      id: answer.consumerId,
      producerId: answer.producerId,
      kind: answer.kind,
      rtpParameters: answer.rtpParameters as unknown as types.RtpParameters,
    });
    if (this.#closed || !this.#starting.has(producer.producerId)) {
      consumer.close();
      return;
    }
    this.#received.set(producer.producerId, { consumer, producer, sizeLayer: highestLayer });
    if (consumer.kind === 'video' && useRounds.getState().audioOnly) {
      // Stays paused on the server: no video bytes reach an audio-only viewer.
      consumer.pause();
    } else {
      await this.#request('media.resumeConsumer', { sessionId: this.#sessionId, consumerId: consumer.id });
    }
    useRounds.getState().addRemoteStream({ ...producer, track: consumer.track });
  }

  /** The stream closed on the server: its consumer is gone there too. */
  drop(producerId: string): void {
    this.#starting.delete(producerId);
    const entry = this.#received.get(producerId);
    this.#received.delete(producerId);
    entry?.consumer.close();
    useRounds.getState().removeRemoteStream(producerId);
  }

  /** Pauses (or resumes) every video consumer on the server; audio keeps flowing. */
  async setAudioOnly(audioOnly: boolean): Promise<void> {
    const videos = [...this.#received.values()].filter((r) => r.consumer.kind === 'video');
    await Promise.all(
      videos.map(async ({ consumer }) => {
        if (audioOnly) {
          consumer.pause();
          await this.#request('media.pauseConsumer', { sessionId: this.#sessionId, consumerId: consumer.id });
        } else {
          await this.#request('media.resumeConsumer', { sessionId: this.#sessionId, consumerId: consumer.id });
          consumer.resume();
        }
      }),
    );
  }

  /** A player of this camera stream is now this many CSS pixels wide. */
  setPlayerWidth(producerId: string, width: number): void {
    const entry = this.#received.get(producerId);
    if (!entry || entry.producer.source !== 'camera') return;
    entry.sizeLayer = layerForWidth(width);
    void this.#applyLayers();
  }

  close(): void {
    this.#closed = true;
    window.clearInterval(this.#monitor);
    this.#received.clear();
    this.#starting.clear();
    this.#transport.close();
  }

  /** Per-stream counters for the connection panel and the end-to-end tests. */
  async stats(): Promise<StreamStats[]> {
    const paused = new Set(useRounds.getState().pausedProducerIds);
    return Promise.all(
      [...this.#received.values()].map(async ({ consumer, producer, layer }) => {
        const inbound = inboundRtp(await consumer.getStats());
        return {
          producerId: producer.producerId,
          peerId: producer.peerId,
          userName: producer.userName,
          source: producer.source,
          kind: consumer.kind,
          paused: consumer.paused || paused.has(producer.producerId),
          layer: layer ?? null,
          framesDecoded: inbound?.framesDecoded ?? 0,
          frameWidth: inbound?.frameWidth ?? 0,
          packetsReceived: inbound?.packetsReceived ?? 0,
          packetsLost: inbound?.packetsLost ?? 0,
        };
      }),
    );
  }

  /** How media reaches this browser: `udp`, or `tcp` when a firewall (or a misconfigured server) blocks UDP; null before ICE connects. */
  async protocol(): Promise<'udp' | 'tcp' | null> {
    return selectedProtocol(await this.#transport.getStats());
  }

  /** Asks the server for the layer each camera stream should get: its player's, capped by the link. */
  async #applyLayers(): Promise<void> {
    for (const entry of this.#received.values()) {
      if (entry.producer.source !== 'camera' || entry.consumer.kind !== 'video') continue;
      const layer = Math.min(entry.sizeLayer, this.#governor.cap) as SpatialLayer;
      if (entry.layer === layer) continue;
      entry.layer = layer;
      try {
        await this.#request('media.setPreferredLayers', { sessionId: this.#sessionId, consumerId: entry.consumer.id, spatialLayer: layer });
      } catch {
        // Asked again at the next change; the server keeps sending the previous layer meanwhile.
        entry.layer = undefined;
      }
    }
  }

  /** Samples packet loss on the camera streams (and the transport's bandwidth estimate) and adjusts the cap. */
  async #watchLink(): Promise<void> {
    const cameras = [...this.#received.values()].filter((r) => r.producer.source === 'camera' && r.consumer.kind === 'video' && !r.consumer.paused);
    if (this.#closed || cameras.length === 0) return;
    let before = { received: 0, lost: 0 };
    let after = { received: 0, lost: 0 };
    for (const entry of cameras) {
      const inbound = inboundRtp(await entry.consumer.getStats());
      const now = { received: inbound?.packetsReceived ?? 0, lost: inbound?.packetsLost ?? 0 };
      const previous = entry.counters ?? now;
      entry.counters = now;
      before = { received: before.received + previous.received, lost: before.lost + previous.lost };
      after = { received: after.received + now.received, lost: after.lost + now.lost };
    }
    const neededBitrate = cameras.reduce((sum, r) => sum + layerBitrates[r.layer ?? highestLayer], 0);
    const cap = this.#governor.cap;
    this.#governor.sample({ at: Date.now(), lossFraction: lossBetween(before, after), availableBitrate: availableIncoming(await this.#transport.getStats()), neededBitrate });
    if (this.#governor.cap !== cap) await this.#applyLayers();
  }
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise's outcome as a value, so one failed stream does not stop the others. */
function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

interface InboundRtp {
  framesDecoded?: number;
  frameWidth?: number;
  packetsReceived?: number;
  packetsLost?: number;
}

function inboundRtp(report: RTCStatsReport): InboundRtp | undefined {
  let found: InboundRtp | undefined;
  report.forEach((stat: { type: string } & InboundRtp) => {
    if (stat.type === 'inbound-rtp') found = stat;
  });
  return found;
}

/** The local candidate of the transport's selected candidate pair, by its protocol. */
function selectedProtocol(report: RTCStatsReport): 'udp' | 'tcp' | null {
  let pairId: string | undefined;
  report.forEach((stat: { type: string; selectedCandidatePairId?: string }) => {
    if (stat.type === 'transport' && stat.selectedCandidatePairId) pairId = stat.selectedCandidatePairId;
  });
  const pair = pairId ? (report.get(pairId) as { localCandidateId?: string } | undefined) : undefined;
  const local = pair?.localCandidateId ? (report.get(pair.localCandidateId) as { protocol?: string } | undefined) : undefined;
  return local?.protocol === 'udp' || local?.protocol === 'tcp' ? local.protocol : null;
}

/** The selected candidate pair's incoming estimate, when the browser reports one (not every browser does). */
function availableIncoming(report: RTCStatsReport): number | undefined {
  let bitrate: number | undefined;
  report.forEach((stat: { type: string; nominated?: boolean; state?: string; availableIncomingBitrate?: number }) => {
    if (stat.type === 'candidate-pair' && stat.nominated && stat.state === 'succeeded' && stat.availableIncomingBitrate) {
      bitrate = stat.availableIncomingBitrate;
    }
  });
  return bitrate;
}

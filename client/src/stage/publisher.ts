import type { Device, types } from 'mediasoup-client';
import type { MediaSource } from '@rounds/shared';
import { openTransport, type StageRequest } from './stage-transport';

/**
 * The camera goes out in three simulcast layers (320, 640 and 1280 pixels wide for a 720p camera),
 * so each viewer receives the one that fits its player and its link (`layer-policy.ts`).
 */
export const cameraEncodings: types.RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
];
/** Slides: one layer, sharp text rather than motion. */
const screenEncodings: types.RtpEncodingParameters[] = [{ maxBitrate: 1_500_000 }];

/**
 * What one presenter (or invited guest) sends: a send transport and at most one producer per source.
 * Tracks belong to the caller (`LocalMedia`): producers never stop them, so the preview outlives a
 * producer and a track can be sent again after a reconnection.
 */
export class Publisher {
  readonly #transport: types.Transport;
  readonly #request: StageRequest;
  readonly #sessionId: string;
  readonly #producers = new Map<MediaSource, types.Producer>();

  private constructor(transport: types.Transport, request: StageRequest, sessionId: string) {
    this.#transport = transport;
    this.#request = request;
    this.#sessionId = sessionId;
  }

  static async open(device: Device, request: StageRequest, sessionId: string, onFailed: () => void): Promise<Publisher> {
    return new Publisher(await openTransport(device, request, sessionId, 'send', onFailed), request, sessionId);
  }

  get sources(): MediaSource[] {
    return [...this.#producers.keys()];
  }

  producerId(source: MediaSource): string | undefined {
    return this.#producers.get(source)?.id;
  }

  /** Sends a track; starts it paused (muted, camera off) when asked, so viewers never get a glimpse. */
  async publish(source: MediaSource, track: MediaStreamTrack, paused = false): Promise<void> {
    if (this.#producers.has(source)) await this.unpublish(source);
    if (paused) track.enabled = false;
    const producer = await this.#transport.produce({
      track,
      stopTracks: false,
      appData: { source },
      ...(source === 'camera' ? { encodings: cameraEncodings, codecOptions: { videoGoogleStartBitrate: 1000 } } : {}),
      ...(source === 'screen' ? { encodings: screenEncodings } : {}),
    });
    this.#producers.set(source, producer);
    if (paused) await this.setPaused(source, true);
  }

  /** Mute / camera off: stops sending at once here, then tells the server so viewers see it. */
  async setPaused(source: MediaSource, paused: boolean): Promise<void> {
    const producer = this.#producers.get(source);
    if (!producer) return;
    if (paused) producer.pause();
    else producer.resume();
    try {
      await this.#request('media.setProducerPaused', { sessionId: this.#sessionId, producerId: producer.id, paused });
    } catch (error) {
      // Unmuting failed: stay muted rather than send what viewers are told is off.
      if (!paused) producer.pause();
      throw error;
    }
  }

  /** Another camera or microphone, on the same producer: viewers keep their consumers. */
  async replaceTrack(source: MediaSource, track: MediaStreamTrack): Promise<void> {
    await this.#producers.get(source)?.replaceTrack({ track });
  }

  /** Stops one stream (the screen share): viewers get `stage.producerClosed`. */
  async unpublish(source: MediaSource): Promise<void> {
    const producer = this.#producers.get(source);
    if (!producer) return;
    this.#producers.delete(source);
    producer.close();
    await this.#request('media.closeProducer', { sessionId: this.#sessionId, producerId: producer.id });
  }

  /** Closes the transport locally (its producers with it); the server closed or will close its side. */
  close(): void {
    this.#producers.clear();
    this.#transport.close();
  }

  async stats(): Promise<{ source: MediaSource; report: RTCStatsReport }[]> {
    return Promise.all([...this.#producers].map(async ([source, producer]) => ({ source, report: await producer.getStats() })));
  }
}

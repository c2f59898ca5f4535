import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';

export interface SpeakerDetectorOptions {
  /** How often the router reports the loudest producer (AudioLevelObserver interval). */
  intervalMs: number;
  /** Loudness (dBov, -127 to 0) below which a producer counts as silent: room noise stays under it. */
  thresholdDbov: number;
  /** At most one change per this many ms reaches the stage; a later change waits for the gap, only the last one counts. */
  minGapMs: number;
  /** Silence must last this long before the stage hears "nobody": pauses between sentences do not blink. */
  silenceMs: number;
}

export const defaultSpeakerDetectorOptions: SpeakerDetectorOptions = { intervalMs: 500, thresholdDbov: -60, minGapMs: 1000, silenceMs: 1500 };

/**
 * Who is speaking on one router: the peer whose audio producer is loudest, or null when everyone is quiet.
 *
 * mediasoup 3.8.4 has both an ActiveSpeakerObserver and an AudioLevelObserver. The former only ever
 * names a dominant speaker and never reports silence, so "nobody speaks" could not be told; the
 * AudioLevelObserver reports the loudest producer per interval and silence, and this class smooths it.
 */
export class SpeakerDetector extends EventEmitter<{ change: [peerId: string | null] }> {
  readonly #observer: types.AudioLevelObserver;
  readonly #options: SpeakerDetectorOptions;
  /** Producer id → the peer that sends it. */
  readonly #peers = new Map<string, string>();
  #current: string | null = null;
  #latest: string | null = null;
  #lastChangeAt = 0;
  #gapTimer: NodeJS.Timeout | undefined;
  #silenceTimer: NodeJS.Timeout | undefined;

  private constructor(observer: types.AudioLevelObserver, options: SpeakerDetectorOptions) {
    super();
    this.#observer = observer;
    this.#options = options;
    observer.on('volumes', (volumes: types.AudioLevelObserverVolume[]) => this.#heard(volumes[0]?.producer.id));
    observer.on('silence', () => this.#quiet());
    // The router closes its observers with it.
    observer.observer.once('close', () => this.#stopTimers());
  }

  static async create(router: types.Router, options = defaultSpeakerDetectorOptions): Promise<SpeakerDetector> {
    const observer = await router.createAudioLevelObserver({
      maxEntries: 1,
      threshold: options.thresholdDbov,
      interval: options.intervalMs,
    });
    return new SpeakerDetector(observer, options);
  }

  /** The speaking peer as last told to the stage. */
  get current(): string | null {
    return this.#current;
  }

  /** Listens to an audio producer; it leaves the observer by itself when it closes (mediasoup does that). */
  async add(producer: types.Producer, peerId: string): Promise<void> {
    this.#peers.set(producer.id, peerId);
    producer.observer.once('close', () => this.#peers.delete(producer.id));
    await this.#observer.addProducer({ producerId: producer.id });
  }

  close(): void {
    this.#stopTimers();
    this.#observer.close();
  }

  #heard(producerId: string | undefined): void {
    const peerId = producerId === undefined ? undefined : this.#peers.get(producerId);
    if (peerId === undefined) return;
    clearTimeout(this.#silenceTimer);
    this.#silenceTimer = undefined;
    this.#propose(peerId);
  }

  #quiet(): void {
    if (this.#silenceTimer) return;
    this.#silenceTimer = setTimeout(() => {
      this.#silenceTimer = undefined;
      this.#propose(null);
    }, this.#options.silenceMs);
    this.#silenceTimer.unref();
  }

  /** Only changes are told, at most one per `minGapMs`; a change inside the gap is told when it ends, if it still holds. */
  #propose(peerId: string | null): void {
    this.#latest = peerId;
    if (this.#gapTimer || peerId === this.#current) return;
    const wait = this.#lastChangeAt + this.#options.minGapMs - Date.now();
    if (wait <= 0) {
      this.#tell();
      return;
    }
    this.#gapTimer = setTimeout(() => {
      this.#gapTimer = undefined;
      if (this.#latest !== this.#current) this.#tell();
    }, wait);
    this.#gapTimer.unref();
  }

  #tell(): void {
    if (this.#observer.closed) return;
    this.#current = this.#latest;
    this.#lastChangeAt = Date.now();
    this.emit('change', this.#current);
  }

  #stopTimers(): void {
    clearTimeout(this.#gapTimer);
    clearTimeout(this.#silenceTimer);
    this.#gapTimer = this.#silenceTimer = undefined;
  }
}

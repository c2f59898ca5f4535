/**
 * Which simulcast layer a viewer asks for. Pure, so it can be tested without a browser.
 * The camera is sent in three layers (scaled down 4x, 2x, 1x); a viewer receives one of them.
 */

export type SpatialLayer = 0 | 1 | 2;
export const highestLayer: SpatialLayer = 2;

/** What each layer needs, as sent by the publisher (`cameraEncodings`). */
export const layerBitrates: Record<SpatialLayer, number> = { 0: 150_000, 1: 500_000, 2: 1_200_000 };

/** The layer that fills a player of this width without wasting bandwidth: 320, 640 or 1280 pixels wide. */
export function layerForWidth(width: number): SpatialLayer {
  if (width < 360) return 0;
  if (width < 800) return 1;
  return 2;
}

export interface LinkSample {
  /** When the sample was taken, in milliseconds. */
  at: number;
  /** Packets lost / packets expected since the previous sample, 0 to 1. */
  lossFraction: number;
  /** The receive transport's estimate of what the link carries, when the browser reports it. */
  availableBitrate?: number;
  /** What the layers asked for now need. */
  neededBitrate: number;
}

export interface LinkGovernorOptions {
  /** Loss above this fraction is trouble. */
  lossThreshold: number;
  /** Trouble this long steps down one layer. */
  troubleForMs: number;
  /** A calm link this long steps up one layer again. */
  calmForMs: number;
}

export const defaultLinkGovernorOptions: LinkGovernorOptions = { lossThreshold: 0.05, troubleForMs: 3_000, calmForMs: 15_000 };

/**
 * Caps the layer by what the link carries: steps down after a few seconds of packet loss (or an
 * estimate below what the layer needs), and back up one layer at a time after a calm period, so a
 * short burst of loss does not make the picture flap.
 */
export class LinkGovernor {
  readonly #options: LinkGovernorOptions;
  #cap: SpatialLayer = highestLayer;
  #troubleSince: number | null = null;
  #calmSince: number | null = null;

  constructor(options: Partial<LinkGovernorOptions> = {}) {
    this.#options = { ...defaultLinkGovernorOptions, ...options };
  }

  /** The highest layer the link allows now. */
  get cap(): SpatialLayer {
    return this.#cap;
  }

  sample(sample: LinkSample): SpatialLayer {
    const short = sample.availableBitrate !== undefined && sample.availableBitrate < sample.neededBitrate;
    if (sample.lossFraction > this.#options.lossThreshold || short) {
      this.#calmSince = null;
      this.#troubleSince ??= sample.at;
      if (sample.at - this.#troubleSince >= this.#options.troubleForMs && this.#cap > 0) {
        this.#cap = (this.#cap - 1) as SpatialLayer;
        // Another step down needs another period of trouble at the new layer.
        this.#troubleSince = sample.at;
      }
    } else {
      this.#troubleSince = null;
      this.#calmSince ??= sample.at;
      if (sample.at - this.#calmSince >= this.#options.calmForMs && this.#cap < highestLayer) {
        this.#cap = (this.#cap + 1) as SpatialLayer;
        this.#calmSince = sample.at;
      }
    }
    return this.#cap;
  }
}

/** Loss over an interval from two readings of cumulative counters (lost may go down when late packets arrive). */
export function lossBetween(before: { received: number; lost: number }, after: { received: number; lost: number }): number {
  const received = Math.max(0, after.received - before.received);
  const lost = Math.max(0, after.lost - before.lost);
  return received + lost === 0 ? 0 : lost / (received + lost);
}

/** How often the level is read; ten times a second is smooth enough for a bar and cheap. */
const intervalMs = 100;
/** Levels below this many dBFS read as silence; 0 dBFS is full scale. */
const floorDb = -60;

/**
 * Measures a microphone track's loudness with a Web Audio AnalyserNode and reports it as 0 to 100
 * (a dB scale, so speech sits in the middle rather than at the bottom). Nothing is played back.
 */
export class MicLevelMeter {
  readonly #context: AudioContext;
  readonly #timer: number;
  #last = -1;

  constructor(track: MediaStreamTrack, onLevel: (level: number) => void) {
    this.#context = new AudioContext();
    const analyser = this.#context.createAnalyser();
    analyser.fftSize = 1024;
    this.#context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    this.#timer = window.setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const rms = Math.sqrt(sum / samples.length);
      const db = rms > 0 ? 20 * Math.log10(rms) : floorDb;
      const level = Math.round(Math.min(100, Math.max(0, ((db - floorDb) / -floorDb) * 100)));
      // Only real changes reach the store (and re-render the meter).
      if (Math.abs(level - this.#last) >= 2 || (level === 0 && this.#last !== 0)) {
        this.#last = level;
        onLevel(level);
      }
    }, intervalMs);
    // A context created without a recent click may start suspended; the studio opens from a click.
    void this.#context.resume().catch(() => undefined /* the meter then reads 0: harmless */);
  }

  close(): void {
    window.clearInterval(this.#timer);
    void this.#context.close().catch(() => undefined /* already closed */);
  }
}

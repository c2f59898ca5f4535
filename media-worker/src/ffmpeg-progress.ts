/**
 * Reads ffmpeg's `-progress pipe:1` output: blocks of `key=value` lines, each block ending with
 * `progress=continue` (or `progress=end` once). `out_time_us` is how far the output has got, in
 * microseconds of media time; ffmpeg 5.1 also prints `out_time_ms` with the same value (its name
 * is a historical mistake), so only `out_time_us` is read.
 */
export class FfmpegProgressReader {
  #pending = '';
  #outTimeSec = 0;

  /** @param onProgress called with the media seconds written so far, at the end of each block. */
  constructor(private readonly onProgress: (outTimeSec: number, ended: boolean) => void) {}

  /** Feeds a chunk of stdout; chunks may split lines anywhere. */
  push(chunk: string): void {
    const lines = (this.#pending + chunk).split('\n');
    this.#pending = lines.pop() ?? '';
    for (const line of lines) this.#line(line.trim());
  }

  #line(line: string): void {
    const at = line.indexOf('=');
    if (at === -1) return;
    const key = line.slice(0, at);
    const value = line.slice(at + 1);
    if (key === 'out_time_us') {
      // "N/A" before the first packet is written.
      const us = Number(value);
      if (Number.isFinite(us) && us >= 0) this.#outTimeSec = us / 1e6;
    } else if (key === 'progress') {
      this.onProgress(this.#outTimeSec, value === 'end');
    }
  }
}

/**
 * Maps a step's own progress onto a slice of the job's percent (for example the ladder is 40 to
 * 95 % of a composed recording's job), never going backwards and never reaching the slice's end
 * before the step has ended: 100 % must mean done.
 */
export function progressSlice(from: number, to: number, report: (percent: number) => void): (fraction: number) => void {
  return (fraction) => {
    const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
    report(Math.floor(from + (to - from) * clamped));
  };
}

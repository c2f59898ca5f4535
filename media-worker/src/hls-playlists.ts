/** Reading back what ffmpeg's HLS muxer wrote, to check it and to describe the asset. */

export interface MasterEntry {
  uri: string;
  bandwidth: number;
  width: number;
  height: number;
}

/** The `#EXT-X-STREAM-INF` entries of a master playlist, in order. */
export function parseMasterPlaylist(text: string): MasterEntry[] {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const entries: MasterEntry[] = [];
  lines.forEach((line, i) => {
    if (!line.startsWith('#EXT-X-STREAM-INF:')) return;
    const uri = lines.slice(i + 1).find((next) => next !== '' && !next.startsWith('#'));
    const bandwidth = Number(/(?:^|[:,])BANDWIDTH=(\d+)/.exec(line)?.[1]);
    const resolution = /RESOLUTION=(\d+)x(\d+)/.exec(line);
    if (!uri || !Number.isFinite(bandwidth)) return;
    entries.push({ uri, bandwidth, width: Number(resolution?.[1] ?? 0), height: Number(resolution?.[2] ?? 0) });
  });
  return entries;
}

/** Segment URIs and total duration (sum of `#EXTINF`) of a media playlist; `ended` once it has `#EXT-X-ENDLIST`. */
export function parseMediaPlaylist(text: string): { segments: string[]; durationSec: number; ended: boolean } {
  let durationSec = 0;
  const segments: string[] = [];
  let ended = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#EXTINF:')) durationSec += Number.parseFloat(line.slice('#EXTINF:'.length)) || 0;
    else if (line === '#EXT-X-ENDLIST') ended = true;
    else if (line !== '' && !line.startsWith('#')) segments.push(line);
  }
  return { segments, durationSec, ended };
}

import type { Track } from '@rounds/shared';

/** A track's name with its colour dot; the colour is decoration, the name carries the meaning. */
export function TrackChip({ track }: { track: Track }) {
  return (
    <span className="track-chip">
      <span className="track-dot" style={{ background: track.color }} aria-hidden="true" />
      {track.name}
    </span>
  );
}

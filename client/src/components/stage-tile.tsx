import { useEffect, useRef } from 'react';
import { conferenceClient } from '../conference-client';
import { initials } from '../format';
import { MediaView } from './media-view';

export interface TileProps {
  name: string;
  /** What the caption says, when not the name ("You" in one's own preview). */
  caption?: string;
  /** The camera track to show, or null when there is no picture (camera off, audio only, no camera). */
  track: MediaStreamTrack | null;
  /** Why there is no picture, shown under the initials. */
  offReason?: string;
  micMuted?: boolean;
  speaking?: boolean;
  /** The received camera stream: the tile's width picks its simulcast layer. */
  producerId?: string;
  fit?: 'contain' | 'cover';
  mirror?: boolean;
  testId?: string;
}

/** One person on the stage: their camera (or initials), their name underneath, and who is speaking. */
export function StageTile({ name, caption, track, offReason, micMuted, speaking: loudest, producerId, fit = 'cover', mirror, testId }: TileProps) {
  const ref = useRef<HTMLElement>(null);
  // The server's speaker detection lags a mute by a second or so: a muted microphone never "speaks".
  const speaking = loudest && !micMuted;

  useEffect(() => {
    const tile = ref.current;
    if (!tile || !producerId || !track) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) conferenceClient.stage.setPlayerWidth(producerId, entry.contentRect.width);
    });
    observer.observe(tile);
    return () => observer.disconnect();
  }, [producerId, track]);

  const label = [caption ?? name, speaking ? 'speaking now' : null, micMuted ? 'microphone muted' : null].filter(Boolean).join(', ');
  return (
    <figure ref={ref} className={`stage-tile${speaking ? ' is-speaking' : ''}`} aria-label={label}>
      {track ? (
        <MediaView track={track} label={caption ? `${caption}: camera preview` : `Camera of ${name}`} fit={fit} mirror={mirror} testId={testId} />
      ) : (
        <div className="tile-off">
          <span className="avatar tile-avatar" aria-hidden="true">
            {initials(name)}
          </span>
          {offReason && <span className="tile-off-reason">{offReason}</span>}
        </div>
      )}
      <figcaption className="tile-caption">
        <span className="tile-name">{caption ?? name}</span>
        {micMuted && <span className="tile-flag">Muted</span>}
        {speaking && (
          <span className="tile-flag tile-flag-speaking" aria-hidden="true">
            Speaking
          </span>
        )}
      </figcaption>
    </figure>
  );
}

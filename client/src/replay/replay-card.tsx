import { useState } from 'react';
import type { ReplayItem, Track } from '@rounds/shared';
import { TrackChip } from '../components/track-chip';
import { formatClock } from '../recordings/clock';

/** One talk in the library: poster with its length, track, title and speakers; the whole card opens the player. */
export function ReplayCard({ item, track, href }: { item: ReplayItem; track: Track | undefined; href: string }) {
  const [posterFailed, setPosterFailed] = useState(false);
  const speakers = item.speakers.map((s) => s.name).join(', ');
  return (
    <li className="card replay-card">
      <div className="replay-poster">
        {item.posterUrl && !posterFailed ? (
          <img src={item.posterUrl} alt="" loading="lazy" onError={() => setPosterFailed(true)} />
        ) : (
          <span className="replay-poster-placeholder" aria-hidden="true">
            ▶
          </span>
        )}
        <span className="replay-duration">
          <span className="visually-hidden">Length </span>
          {formatClock(item.durationSec)}
        </span>
      </div>
      <div className="replay-card-body">
        {track ? <TrackChip track={track} /> : item.trackName && <span className="track-chip">{item.trackName}</span>}
        <h2 className="replay-title">
          {/* The link covers the card (see .replay-card a::after), so the poster opens it too. */}
          <a href={href}>{item.title}</a>
        </h2>
        {speakers && <p className="replay-speakers">{speakers}</p>}
      </div>
    </li>
  );
}

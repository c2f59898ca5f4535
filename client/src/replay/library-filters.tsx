import type { Track } from '@rounds/shared';

export interface LibraryFilter {
  q: string;
  trackId: string;
  speakerId: string;
}

/** Search by words, and narrow by track and by speaker (native controls: keyboard and phone pickers for free). */
export function LibraryFilters({
  filter,
  tracks,
  speakers,
  onChange,
}: {
  filter: LibraryFilter;
  tracks: readonly Track[];
  speakers: readonly { userId: string; name: string }[];
  onChange(filter: LibraryFilter): void;
}) {
  return (
    <div className="library-filters" role="search" aria-label="Find a recording">
      <div className="form-field library-search">
        <label htmlFor="library-q">Search</label>
        <input
          id="library-q"
          type="search"
          value={filter.q}
          placeholder="Title, topic or speaker"
          maxLength={200}
          onChange={(event) => onChange({ ...filter, q: event.target.value })}
        />
      </div>
      {tracks.length > 0 && (
        <div className="form-field">
          <label htmlFor="library-track">Track</label>
          <select id="library-track" value={filter.trackId} onChange={(event) => onChange({ ...filter, trackId: event.target.value })}>
            <option value="">All tracks</option>
            {tracks.map((track) => (
              <option key={track.id} value={track.id}>
                {track.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {speakers.length > 0 && (
        <div className="form-field">
          <label htmlFor="library-speaker">Speaker</label>
          <select id="library-speaker" value={filter.speakerId} onChange={(event) => onChange({ ...filter, speakerId: event.target.value })}>
            <option value="">All speakers</option>
            {speakers.map((speaker) => (
              <option key={speaker.userId} value={speaker.userId}>
                {speaker.name}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}

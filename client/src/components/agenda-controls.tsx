import { useRef, type KeyboardEvent } from 'react';
import type { Track } from '@rounds/shared';
import { formatDayKey } from '../format';

/**
 * The conference days as tabs (WAI-ARIA tabs pattern: one tab stop, arrow keys move between days).
 * `panelId` is the element the selected tab controls.
 */
export function DayTabs({
  days,
  selected,
  counts,
  panelId,
  onSelect,
}: {
  days: string[];
  selected: string;
  counts: Record<string, number>;
  panelId: string;
  onSelect(day: string): void;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(event: KeyboardEvent, index: number) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const to = event.key === 'Home' ? 0 : event.key === 'End' ? days.length - 1 : (index + step + days.length) % days.length;
    if (step === 0 && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    onSelect(days[to]!);
    refs.current[to]?.focus();
  }

  return (
    <div className="day-tabs" role="tablist" aria-label="Conference days">
      {days.map((day, index) => (
        <button
          key={day}
          ref={(element) => {
            refs.current[index] = element;
          }}
          type="button"
          role="tab"
          id={`day-tab-${day}`}
          aria-selected={day === selected}
          aria-controls={panelId}
          tabIndex={day === selected ? 0 : -1}
          className="day-tab"
          onClick={() => onSelect(day)}
          onKeyDown={(event) => onKeyDown(event, index)}
        >
          <span className="day-tab-label">Day {index + 1}</span>
          <span>{formatDayKey(day, 'short')}</span>
          <span className="day-tab-count">
            {counts[day] ?? 0} {counts[day] === 1 ? 'session' : 'sessions'}
          </span>
        </button>
      ))}
    </div>
  );
}

/** Show every track, or one: toggle buttons that say which is on. */
export function TrackFilter({ tracks, selected, onSelect }: { tracks: Track[]; selected: string | null; onSelect(trackId: string | null): void }) {
  if (tracks.length === 0) return null;
  return (
    <div className="track-filter" role="group" aria-label="Show track">
      <button type="button" className="filter-chip" aria-pressed={selected === null} onClick={() => onSelect(null)}>
        All tracks
      </button>
      {tracks.map((track) => (
        <button key={track.id} type="button" className="filter-chip" aria-pressed={selected === track.id} onClick={() => onSelect(track.id)}>
          <span className="track-dot" style={{ background: track.color }} aria-hidden="true" />
          {track.name}
        </button>
      ))}
    </div>
  );
}

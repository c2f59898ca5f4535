import { useState } from 'react';
import type { Program } from '@rounds/shared';
import { Notice } from '../components/notice';
import { ProgramGate } from '../components/program-gate';
import { LibraryFilters, type LibraryFilter } from '../replay/library-filters';
import { ReplayCard } from '../replay/replay-card';
import { useReplays } from '../replay/use-replays';
import '../replay/replay.css';
import { hrefFor } from '../routes';

/** The on-demand library: every published recording of the conference, searchable and filtered by track and speaker. */
export function LibraryPage({ conferenceId }: { conferenceId: string }) {
  return <ProgramGate conferenceId={conferenceId}>{(program) => <Library program={program} />}</ProgramGate>;
}

const noFilter: LibraryFilter = { q: '', trackId: '', speakerId: '' };

/** Sorted by family name: "Dr. Sara Speaker, MD" sorts under S. */
function sortKey(name: string): string {
  const words = (name.split(',')[0] ?? name).trim().split(/\s+/);
  return `${words[words.length - 1] ?? ''} ${name}`.toLowerCase();
}

function Library({ program }: { program: Program }) {
  const conferenceId = program.conference.id;
  const [filter, setFilter] = useState<LibraryFilter>(noFilter);
  const replays = useReplays(conferenceId, { q: filter.q, trackId: filter.trackId || undefined, speakerId: filter.speakerId || undefined });
  const speakers = [
    ...new Map(program.sessions.flatMap((s) => s.people.filter((p) => p.role === 'speaker')).map((p) => [p.userId, { userId: p.userId, name: p.name }])).values(),
  ].sort((a, b) => sortKey(a.name).localeCompare(sortKey(b.name)));
  const filtered = filter.q.trim() !== '' || filter.trackId !== '' || filter.speakerId !== '';
  const items = replays.items ?? [];
  const organizer = program.myRoles.includes('organizer');

  return (
    <section className="library">
      <header className="page-header">
        <p className="eyebrow">{program.conference.name}</p>
        <h1>On demand</h1>
        <p className="muted library-intro">Recorded talks to watch at your own pace, at the speed you like; each one resumes where you stopped.</p>
      </header>

      {replays.status === 'loading' && <Notice title="Loading recordings…" />}
      {replays.status === 'error' && (
        <Notice tone="error" title="The recordings could not be loaded">
          {replays.error}{' '}
          <button type="button" className="link-inline" onClick={replays.retry}>
            Try again
          </button>
        </Notice>
      )}
      {replays.items && !filtered && items.length === 0 ? (
        <Notice title="No recordings published yet">
          <p>Sessions appear here once the organizers publish their recordings, usually shortly after they end.</p>
          {organizer && (
            <a className="button primary" href={hrefFor.organize(conferenceId, 'recordings')}>
              Open the recordings
            </a>
          )}
        </Notice>
      ) : (
        replays.items && (
          <>
            <LibraryFilters filter={filter} tracks={program.tracks} speakers={speakers} onChange={setFilter} />
            <p className="library-count muted" role="status">
              {replays.searching ? 'Searching…' : items.length > 0 && `${items.length} ${items.length === 1 ? 'recording' : 'recordings'}${filtered ? ' match' : ''}`}
            </p>
            {items.length === 0 ? (
              <Notice title="No recordings match">
                Try other words, or another track or speaker.{' '}
                <button type="button" className="link-inline" onClick={() => setFilter(noFilter)}>
                  Clear the filters
                </button>
              </Notice>
            ) : (
              <ul className={`replay-grid${replays.searching ? ' is-stale' : ''}`}>
                {items.map((item) => (
                  <ReplayCard
                    key={item.recordingId}
                    item={item}
                    track={program.tracks.find((t) => t.id === item.trackId)}
                    href={hrefFor.replay(conferenceId, item.recordingId)}
                  />
                ))}
              </ul>
            )}
          </>
        )
      )}
    </section>
  );
}

import type { Program } from '@rounds/shared';
import { TalkUpload } from '../../recordings/talk-upload';
import { RecordNowSection } from './record-now-section';
import { RecordingItem } from './recording-item';
import { inFlightStatuses, useRecordings } from './use-recordings';

/** Where the dashboard of transcode jobs is served (bull-board, behind organizer sign-in). */
const jobDashboardHref = '/admin/jobs';

/** The Recordings tab: every recording with its status and progress, publishing, cuts, captions and uploads. */
export function RecordingsTab({ program }: { program: Program }) {
  const conference = program.conference;
  const recordings = useRecordings(conference.id);
  const list = recordings.data ?? [];
  const sessions = [...program.sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title));
  const inFlight = list.filter((r) => inFlightStatuses.has(r.status)).length;
  const published = list.filter((r) => r.publishedAt !== null).length;

  return (
    <div className="recordings-layout">
      <section className="card console-card" aria-labelledby="recordings-title">
        <div className="section-heading">
          <div>
            <h2 id="recordings-title">Recordings</h2>
            <p className="muted section-intro">
              {list.length > 0
                ? `${list.length} recording${list.length === 1 ? '' : 's'} · ${published} published${inFlight ? ` · ${inFlight} in progress, updated every 2 seconds` : ''}`
                : 'Live sessions are recorded as they happen; publish them to the on-demand library.'}
            </p>
          </div>
          <a className="quiet-button button" href={jobDashboardHref} target="_blank" rel="noopener">
            Job dashboard<span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        </div>
        {recordings.status === 'loading' && <p className="loading-line">Loading recordings…</p>}
        {recordings.status === 'error' && (
          <div className="inline-alert" role="alert">
            {recordings.error}{' '}
            <button type="button" onClick={() => void recordings.reload()}>
              Try again
            </button>
          </div>
        )}
        {recordings.data && list.length === 0 && (
          <div className="empty-state">
            <strong>No recordings yet.</strong>
            <p>A session is recorded when its speakers go live; it shows here while it is captured and processed. You can also upload a pre-recorded talk.</p>
          </div>
        )}
        {list.length > 0 && (
          <ul className="recording-list">
            {list.map((recording) => (
              <RecordingItem key={recording.id} recording={recording} conferenceId={conference.id} timeZone={conference.timeZone} onChanged={recordings.reload} />
            ))}
          </ul>
        )}
      </section>
      <aside className="recordings-side" aria-label="Add recordings">
        <section className="card side-card" aria-labelledby="upload-talk-title">
          <div>
            <h2 id="upload-talk-title">Upload a talk</h2>
            <p className="muted section-intro">A pre-recorded talk for a session. It is processed like a live recording, then you publish it.</p>
          </div>
          {sessions.length === 0 ? (
            <p className="empty-state">Add sessions first: a talk belongs to a session.</p>
          ) : (
            <TalkUpload sessions={sessions} afterUpload="It is being processed; follow its progress in the list." onUploaded={() => void recordings.reload()} />
          )}
        </section>
        {sessions.length > 0 && <RecordNowSection sessions={sessions} onStarted={recordings.reload} />}
      </aside>
    </div>
  );
}

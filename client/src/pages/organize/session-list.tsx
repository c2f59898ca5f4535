import { useState } from 'react';
import { sessionFormatLabels, type Program, type ProgramSession } from '@rounds/shared';
import { adviceFor, organizeApi } from '../../api/organize';
import { TrackChip } from '../../components/track-chip';
import { ConfirmButton } from './confirm-button';
import { formatCredits } from './session-draft';
import { formatDayKey, formatZonedRange, zonedDay } from './zoned-time';

function byDay(sessions: readonly ProgramSession[], timeZone: string): [string, ProgramSession[]][] {
  const days = new Map<string, ProgramSession[]>();
  const sorted = [...sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.stageName.localeCompare(b.stageName));
  for (const session of sorted) {
    const day = zonedDay(session.startsAt, timeZone);
    days.set(day, [...(days.get(day) ?? []), session]);
  }
  return [...days.entries()];
}

function names(session: ProgramSession, role: 'speaker' | 'moderator'): string {
  return session.people
    .filter((p) => p.role === role)
    .map((p) => p.name)
    .join(', ');
}

function SessionItem({ program, session, onEdit, onDeleted, highlighted }: { program: Program; session: ProgramSession; onEdit(): void; onDeleted(): void; highlighted: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const track = program.tracks.find((t) => t.id === session.trackId);
  const speakers = names(session, 'speaker');
  const moderators = names(session, 'moderator');
  const when = formatZonedRange(session.startsAt, session.endsAt, program.conference.timeZone);
  return (
    <li className={`console-session${highlighted ? ' just-saved' : ''}`} aria-label={session.title}>
      <p className="console-session-when">
        <span className="console-session-range">{when.range}</span> <span className="console-session-zone">{when.zone}</span>
      </p>
      <div className="console-session-what">
        <h4>{session.title}</h4>
        <p className="console-session-meta">
          <span>
            {sessionFormatLabels[session.format]} · {session.stageName}
          </span>
          {track ? (
            <TrackChip track={track} />
          ) : (
            <span className="muted">No track</span>
          )}
        </p>
        <p className="console-session-people">{speakers ? `Speakers: ${speakers}` : <span className="muted">No speakers yet</span>}</p>
        <p className="console-session-people">{moderators ? `Moderators: ${moderators}` : <span className="muted">No moderator yet</span>}</p>
        <p className="console-session-credit">
          {session.accredited && session.maxCredits !== null ? (
            <span className="badge badge-credit">Accredited · up to {formatCredits(session.maxCredits)}</span>
          ) : (
            <span className="muted">Not accredited</span>
          )}
        </p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="console-session-actions">
        <button type="button" onClick={onEdit} aria-label={`Edit ${session.title}`}>
          Edit
        </button>
        <ConfirmButton
          label="Delete"
          accessibleName={`Delete ${session.title}`}
          question="Delete this session for everyone?"
          confirmLabel="Yes, delete"
          onConfirm={async () => {
            try {
              setError(null);
              await organizeApi.deleteSession(program.conference.id, session.id);
              onDeleted();
            } catch (caught) {
              setError(adviceFor(caught, 'The session could not be deleted. Try again.'));
            }
          }}
        />
      </div>
    </li>
  );
}

/** The program by day, in the conference time zone, with edit and delete on every session. */
export function SessionList({
  program,
  onEdit,
  onDeleted,
  highlightId,
}: {
  program: Program;
  onEdit(session: ProgramSession): void;
  onDeleted(): void;
  highlightId: string | null;
}) {
  const days = byDay(program.sessions, program.conference.timeZone);
  if (days.length === 0) {
    return (
      <div className="empty-state">
        <strong>No sessions yet.</strong>
        <p className="muted">
          {program.stages.length === 0 ? 'Add a stage first (under Stages), then create the first session.' : 'Create the first session; it appears here and on the attendee agenda at once.'}
        </p>
      </div>
    );
  }
  return (
    <div className="console-days">
      {days.map(([day, sessions]) => (
        <section key={day} aria-labelledby={`day-${day}`} className="console-day">
          <h3 id={`day-${day}`}>
            {formatDayKey(day)} <span className="muted day-count">· {sessions.length} session{sessions.length === 1 ? '' : 's'}</span>
          </h3>
          <ul className="console-session-list">
            {sessions.map((session) => (
              <SessionItem
                key={session.id}
                program={program}
                session={session}
                highlighted={session.id === highlightId}
                onEdit={() => onEdit(session)}
                onDeleted={onDeleted}
              />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

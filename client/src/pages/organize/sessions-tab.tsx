import { useState } from 'react';
import type { Member, Program, ProgramSession } from '@rounds/shared';
import { SessionForm } from './session-form';
import { SessionList } from './session-list';
import { StagesSection } from './stages-section';
import { TracksSection } from './tracks-section';
import { zoneName } from './zoned-time';

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; session: ProgramSession };

/** The Sessions tab: the program by day, the session form, and the tracks and stages it uses. */
export function SessionsTab({ program, members, onChanged }: { program: Program; members: readonly Member[] | null; onChanged(): Promise<void> }) {
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [notice, setNotice] = useState<{ id: string | null; text: string } | null>(null);
  const timeZone = program.conference.timeZone;
  const zone = zoneName(new Date().toISOString(), timeZone);

  async function saved(session: ProgramSession, created: boolean) {
    await onChanged();
    setEditing({ kind: 'none' });
    setNotice({ id: session.id, text: `${created ? 'Created' : 'Saved'} “${session.title}”. It is on the attendee agenda now.` });
  }

  return (
    <div className="sessions-layout">
      <div className="sessions-main">
        <div className="section-heading">
          <div>
            <h2>Sessions</h2>
            <p className="muted section-intro">
              {program.sessions.length} session{program.sessions.length === 1 ? '' : 's'} · times in {timeZone} ({zone})
            </p>
          </div>
          {editing.kind === 'none' && (
            <button type="button" className="primary" disabled={program.stages.length === 0} onClick={() => {
                setNotice(null);
                setEditing({ kind: 'new' });
              }}>
              Add session
            </button>
          )}
        </div>
        {notice && editing.kind === 'none' && (
          <p className="save-banner" role="status">
            {notice.text}
          </p>
        )}
        {editing.kind !== 'none' && (
          <SessionForm
            key={editing.kind === 'edit' ? editing.session.id : 'new'}
            program={program}
            members={members}
            session={editing.kind === 'edit' ? editing.session : null}
            onCancel={() => setEditing({ kind: 'none' })}
            onSaved={(session) => void saved(session, editing.kind === 'new')}
          />
        )}
        <SessionList
          program={program}
          highlightId={notice?.id ?? null}
          onEdit={(session) => {
            setNotice(null);
            setEditing({ kind: 'edit', session });
          }}
          onDeleted={() => {
            // Said once the program has been loaded again, so the banner never sits above the deleted session.
            void onChanged().then(() => setNotice({ id: null, text: 'The session was deleted.' }));
          }}
        />
      </div>
      <aside className="sessions-side" aria-label="Tracks and stages">
        <TracksSection program={program} onChanged={onChanged} />
        <StagesSection program={program} onChanged={onChanged} />
      </aside>
    </div>
  );
}

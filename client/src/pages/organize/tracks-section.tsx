import { useState, type FormEvent } from 'react';
import { trackBody, type Program, type Track } from '@rounds/shared';
import { adviceFor, organizeApi, type TrackBody } from '../../api/organize';
import { TextField } from '../../components/forms/text-field';
import { ConfirmButton } from './confirm-button';
import { failureOf, validate, type FormFailure } from './form-state';

const palette = ['#0f4c5c', '#6a4c93', '#b5651d', '#2e7d32', '#1565c0', '#ad1457'];

/** Name and colour of a track, for adding a new one or editing one in place. */
function TrackForm({ idPrefix, initial, submitLabel, onSubmit, onCancel }: { idPrefix: string; initial: TrackBody; submitLabel: string; onSubmit(body: TrackBody): Promise<void>; onCancel?(): void }) {
  const [draft, setDraft] = useState(initial);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validate(trackBody, draft);
    if (!checked.ok) return setFailure(checked.failure);
    setBusy(true);
    try {
      await onSubmit(checked.data);
      setFailure(null);
      if (!onCancel) setDraft({ name: '', color: palette[Math.floor(Math.random() * palette.length)]! });
    } catch (error) {
      setFailure(failureOf(error));
    } finally {
      setBusy(false);
    }
  }

  const fields = failure?.fields ?? {};
  const formError = failure && Object.keys(fields).length === 0 ? failure.title : null;
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <TextField id={`${idPrefix}-name`} label="Track name" value={draft.name} onChange={(name) => setDraft((d) => ({ ...d, name }))} error={fields.name} maxLength={80} />
      <TextField id={`${idPrefix}-color`} label="Colour" type="color" value={draft.color} onChange={(color) => setDraft((d) => ({ ...d, color }))} error={fields.color} className="color-field" />
      <div className="inline-form-actions">
        <button type="submit" className={onCancel ? 'primary' : ''} disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {formError && (
        <p className="field-error" role="alert">
          {formError}
        </p>
      )}
    </form>
  );
}

function TrackItem({ conferenceId, track, sessionCount, onChanged }: { conferenceId: string; track: Track; sessionCount: number; onChanged(): Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (editing) {
    return (
      <li className="side-item editing">
        <TrackForm
          idPrefix={`track-${track.id}`}
          initial={{ name: track.name, color: track.color }}
          submitLabel="Save track"
          onCancel={() => setEditing(false)}
          onSubmit={async (body) => {
            await organizeApi.updateTrack(conferenceId, track.id, body);
            await onChanged();
            setEditing(false);
          }}
        />
      </li>
    );
  }
  return (
    <li className="side-item">
      <span className="track-swatch large" style={{ background: track.color }} aria-hidden="true" />
      <span className="side-item-name">
        {track.name}
        <span className="muted side-item-detail">
          {sessionCount} session{sessionCount === 1 ? '' : 's'}
        </span>
      </span>
      <span className="side-item-actions">
        <button type="button" className="quiet-button" onClick={() => setEditing(true)} aria-label={`Edit track ${track.name}`}>
          Edit
        </button>
        <ConfirmButton
          label="Delete"
          accessibleName={`Delete track ${track.name}`}
          question={sessionCount ? `Delete? Its ${sessionCount} session${sessionCount === 1 ? '' : 's'} will have no track.` : 'Delete this track?'}
          confirmLabel="Yes, delete"
          onConfirm={async () => {
            try {
              setError(null);
              await organizeApi.deleteTrack(conferenceId, track.id);
              await onChanged();
            } catch (caught) {
              setError(adviceFor(caught, 'The track could not be deleted.'));
            }
          }}
        />
      </span>
      {error && (
        <p className="field-error side-item-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/** Tracks: the coloured threads of the agenda (Cardiology, Infectious disease, ...). */
export function TracksSection({ program, onChanged }: { program: Program; onChanged(): Promise<void> }) {
  const conferenceId = program.conference.id;
  return (
    <section className="card side-card" aria-labelledby="tracks-title">
      <h2 id="tracks-title">Tracks</h2>
      {program.tracks.length === 0 ? (
        <p className="muted">No tracks yet. Tracks group sessions by theme on the agenda; they are optional.</p>
      ) : (
        <ul className="side-list">
          {program.tracks.map((track) => (
            <TrackItem key={track.id} conferenceId={conferenceId} track={track} sessionCount={program.sessions.filter((s) => s.trackId === track.id).length} onChanged={onChanged} />
          ))}
        </ul>
      )}
      <h3 className="side-subtitle">Add a track</h3>
      <TrackForm
        idPrefix="new-track"
        initial={{ name: '', color: palette[program.tracks.length % palette.length]! }}
        submitLabel="Add track"
        onSubmit={async (body) => {
          await organizeApi.createTrack(conferenceId, body);
          await onChanged();
        }}
      />
    </section>
  );
}

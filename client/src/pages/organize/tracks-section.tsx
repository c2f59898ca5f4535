import { useState } from 'react';
import { trackBody, type Program, type Track } from '@rounds/shared';
import { organizeApi, type TrackBody } from '../../api/organize';
import { TextField } from '../../components/forms/text-field';
import { InlineForm } from './inline-form';
import { SideItem, SideSection, sessionCountLabel } from './side-list';

const palette = ['#0f4c5c', '#6a4c93', '#b5651d', '#2e7d32', '#1565c0', '#ad1457'];

/** Name and colour of a track, for adding a new one or editing one in place. */
function TrackForm({ idPrefix, initial, submitLabel, onSubmit, onCancel }: { idPrefix: string; initial: TrackBody; submitLabel: string; onSubmit(body: TrackBody): Promise<void>; onCancel?(): void }) {
  const [draft, setDraft] = useState(initial);
  return (
    <InlineForm
      schema={trackBody}
      draft={draft}
      submitLabel={submitLabel}
      onSubmit={onSubmit}
      onCancel={onCancel}
      onAdded={() => setDraft({ name: '', color: palette[Math.floor(Math.random() * palette.length)]! })}
    >
      {(fields) => (
        <>
          <TextField id={`${idPrefix}-name`} label="Track name" value={draft.name} onChange={(name) => setDraft((d) => ({ ...d, name }))} error={fields.name} maxLength={80} />
          <TextField id={`${idPrefix}-color`} label="Colour" type="color" value={draft.color} onChange={(color) => setDraft((d) => ({ ...d, color }))} error={fields.color} className="color-field" />
        </>
      )}
    </InlineForm>
  );
}

function TrackItem({ conferenceId, track, sessionCount, onChanged }: { conferenceId: string; track: Track; sessionCount: number; onChanged(): Promise<void> }) {
  return (
    <SideItem
      kind="track"
      name={track.name}
      swatch={<span className="track-swatch large" style={{ background: track.color }} aria-hidden="true" />}
      sessionCount={sessionCount}
      editLabel="Edit"
      deleteQuestion={sessionCount ? `Delete? Its ${sessionCountLabel(sessionCount)} will have no track.` : 'Delete this track?'}
      onDelete={async () => {
        await organizeApi.deleteTrack(conferenceId, track.id);
        await onChanged();
      }}
      editForm={(close) => (
        <TrackForm
          idPrefix={`track-${track.id}`}
          initial={{ name: track.name, color: track.color }}
          submitLabel="Save track"
          onCancel={close}
          onSubmit={async (body) => {
            await organizeApi.updateTrack(conferenceId, track.id, body);
            await onChanged();
            close();
          }}
        />
      )}
    />
  );
}

/** Tracks: the coloured threads of the agenda (Cardiology, Infectious disease, ...). */
export function TracksSection({ program, onChanged }: { program: Program; onChanged(): Promise<void> }) {
  const conferenceId = program.conference.id;
  return (
    <SideSection
      id="tracks-title"
      title="Tracks"
      empty="No tracks yet. Tracks group sessions by theme on the agenda; they are optional."
      addTitle="Add a track"
      items={program.tracks.map((track) => (
        <TrackItem key={track.id} conferenceId={conferenceId} track={track} sessionCount={program.sessions.filter((s) => s.trackId === track.id).length} onChanged={onChanged} />
      ))}
      addForm={
        <TrackForm
          idPrefix="new-track"
          initial={{ name: '', color: palette[program.tracks.length % palette.length]! }}
          submitLabel="Add track"
          onSubmit={async (body) => {
            await organizeApi.createTrack(conferenceId, body);
            await onChanged();
          }}
        />
      }
    />
  );
}

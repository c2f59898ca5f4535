import { useEffect, useRef, useState, type FormEvent } from 'react';
import { sessionBody, sessionFormatLabels, sessionFormats, type Member, type Program, type ProgramSession } from '@rounds/shared';
import { organizeApi } from '../../api/organize';
import { DateTimeField } from '../../components/forms/date-time-field';
import { ErrorSummary } from '../../components/forms/error-summary';
import { MultiSelectField } from '../../components/forms/multi-select-field';
import { SelectField } from '../../components/forms/select-field';
import { TextField } from '../../components/forms/text-field';
import { failureOf, validate, type FormFailure } from './form-state';
import { ObjectivesField } from './objectives-field';
import { bodyOf, draftOf, newSessionDraft, type SessionDraft } from './session-draft';
import { zoneName } from './zoned-time';

const targets: Record<string, readonly [string, string]> = {
  title: ['session-title', 'Title'],
  format: ['session-format', 'Format'],
  trackId: ['session-trackId', 'Track'],
  stageId: ['session-stageId', 'Stage'],
  startsAt: ['session-startsAt', 'Starts'],
  endsAt: ['session-endsAt', 'Ends'],
  abstract: ['session-abstract', 'Abstract'],
  learningObjectives: ['session-objective-0', 'Learning objectives'],
  speakerIds: ['session-speakerIds', 'Speakers'],
  moderatorIds: ['session-moderatorIds', 'Moderators'],
  maxCredits: ['session-maxCredits', 'Maximum CME credits'],
  accredited: ['session-accredited', 'Accredited'],
};

/** Plainer words for the few schema messages written for developers (an unset id, a non-number). */
function friendlier(fields: Record<string, string>, draft: SessionDraft): Record<string, string> {
  const out = { ...fields };
  if (out.stageId && !draft.stageId) out.stageId = 'Choose a stage.';
  if (out.maxCredits && draft.accredited && Number.isNaN(Number(draft.maxCredits.replace(',', '.')))) out.maxCredits = 'Enter the credits as a number, such as 1.5.';
  return out;
}

function peopleOptions(members: readonly Member[], role: 'speaker' | 'moderator', session: ProgramSession | null) {
  const options = members.filter((m) => m.roles.includes(role)).map((m) => ({ value: m.userId, label: m.name, detail: m.email }));
  // Someone already on the session stays pickable even if their role changed since.
  for (const person of session?.people ?? []) {
    if (person.role === role && !options.some((o) => o.value === person.userId)) options.push({ value: person.userId, label: person.name, detail: '' });
  }
  return options.sort((a, b) => a.label.localeCompare(b.label));
}

export interface SessionFormProps {
  program: Program;
  members: readonly Member[] | null;
  /** The session being edited, or null for a new one. */
  session: ProgramSession | null;
  onSaved(session: ProgramSession): void;
  onCancel(): void;
}

/** Create or edit one session; messages from the shared schema and from the server sit next to their fields. */
export function SessionForm({ program, members, session, onSaved, onCancel }: SessionFormProps) {
  const timeZone = program.conference.timeZone;
  const [draft, setDraft] = useState<SessionDraft>(() => (session ? draftOf(session, timeZone) : newSessionDraft(program)));
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLDivElement>(null);
  const set = (patch: Partial<SessionDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const fields = failure?.fields ?? {};
  const zone = `${timeZone} · ${zoneName(new Date(`${draft.startsLocal.slice(0, 10) || program.conference.startsOn}T12:00:00Z`).toISOString(), timeZone)}`;

  useEffect(() => {
    titleRef.current?.scrollIntoView({ block: 'start' });
    titleRef.current?.querySelector('input')?.focus();
  }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    const checked = validate(sessionBody, bodyOf(draft, timeZone));
    if (!checked.ok) return setFailure({ ...checked.failure, fields: friendlier(checked.failure.fields, draft) });
    setBusy(true);
    try {
      const saved = session
        ? await organizeApi.updateSession(program.conference.id, session.id, checked.data)
        : await organizeApi.createSession(program.conference.id, checked.data);
      onSaved(saved);
    } catch (error) {
      setFailure(failureOf(error));
      setBusy(false);
    }
  }

  const dayMin = program.conference.startsOn ? `${program.conference.startsOn}T00:00` : undefined;
  const dayMax = program.conference.endsOn ? `${program.conference.endsOn}T23:59` : undefined;
  const noPeople = 'Invite people on the People tab; they appear here once they accept.';

  return (
    <form className="card console-card session-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby="session-form-title">
      <h2 id="session-form-title">{session ? `Edit “${session.title}”` : 'New session'}</h2>
      {failure && <ErrorSummary title={failure.title} fields={failure.fields} targets={targets} />}
      <div ref={titleRef}>
        <TextField id="session-title" label="Title" value={draft.title} onChange={(title) => set({ title })} error={fields.title} maxLength={200} />
      </div>
      <div className="field-row">
        <SelectField
          id="session-format"
          label="Format"
          value={draft.format}
          onChange={(format) => set({ format: sessionFormats.find((f) => f === format) ?? 'lecture' })}
          options={sessionFormats.map((f) => ({ value: f, label: sessionFormatLabels[f] }))}
          error={fields.format}
        />
        <SelectField
          id="session-trackId"
          label="Track"
          value={draft.trackId}
          onChange={(trackId) => set({ trackId })}
          options={[{ value: '', label: 'No track' }, ...program.tracks.map((t) => ({ value: t.id, label: t.name }))]}
          error={fields.trackId}
        />
        <SelectField
          id="session-stageId"
          label="Stage"
          value={draft.stageId}
          onChange={(stageId) => set({ stageId })}
          options={[...(draft.stageId ? [] : [{ value: '', label: 'Choose a stage' }]), ...program.stages.map((s) => ({ value: s.id, label: s.name }))]}
          error={fields.stageId}
        />
      </div>
      <p className="zone-note" id="session-zone-note">
        Enter times in the conference time zone, <strong>{timeZone}</strong>, whatever your computer’s zone.
      </p>
      <div className="field-row">
        <DateTimeField id="session-startsAt" label="Starts" value={draft.startsLocal} onChange={(startsLocal) => set({ startsLocal })} min={dayMin} max={dayMax} zoneLabel={zone} error={fields.startsAt} />
        <DateTimeField id="session-endsAt" label="Ends" value={draft.endsLocal} onChange={(endsLocal) => set({ endsLocal })} min={dayMin} max={dayMax} zoneLabel={zone} error={fields.endsAt} />
      </div>
      <TextField id="session-abstract" label="Abstract" optional multiline rows={4} value={draft.abstract} onChange={(abstract) => set({ abstract })} error={fields.abstract} maxLength={4000} />
      <ObjectivesField idPrefix="session-objective" lines={draft.learningObjectives} onChange={(learningObjectives) => set({ learningObjectives })} error={fields.learningObjectives} />
      <div className="field-row field-row-wide">
        <MultiSelectField
          id="session-speakerIds"
          legend="Speakers"
          options={members ? peopleOptions(members, 'speaker', session) : []}
          selected={draft.speakerIds}
          onChange={(speakerIds) => set({ speakerIds })}
          error={fields.speakerIds}
          emptyText={members ? `No speakers yet. ${noPeople}` : 'Loading people…'}
        />
        <MultiSelectField
          id="session-moderatorIds"
          legend="Moderators"
          options={members ? peopleOptions(members, 'moderator', session) : []}
          selected={draft.moderatorIds}
          onChange={(moderatorIds) => set({ moderatorIds })}
          error={fields.moderatorIds}
          emptyText={members ? `No moderators yet. ${noPeople}` : 'Loading people…'}
        />
      </div>
      <fieldset className="accreditation">
        <legend>Accreditation</legend>
        <div className="checkbox-line">
          <input id="session-accredited" type="checkbox" checked={draft.accredited} onChange={(e) => set({ accredited: e.target.checked })} />
          <label htmlFor="session-accredited">This session is accredited for CME credit</label>
        </div>
        {draft.accredited && (
          <TextField
            id="session-maxCredits"
            label="Maximum CME credits"
            hint="In quarter credits, such as 0.75 or 1.5 (AMA PRA Category 1 Credits™ or your provider’s unit)."
            type="number"
            inputMode="decimal"
            step="0.25"
            min="0.25"
            max="50"
            value={draft.maxCredits}
            onChange={(maxCredits) => set({ maxCredits })}
            error={fields.maxCredits}
            className="credits-field"
          />
        )}
      </fieldset>
      <div className="form-actions">
        <button className="primary" type="submit" disabled={busy}>
          {busy ? 'Saving…' : session ? 'Save changes' : 'Create session'}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { stageBody, type Program, type Stage } from '@rounds/shared';
import { ApiError } from '../../api/http';
import { adviceFor, organizeApi, type StageBody } from '../../api/organize';
import { TextField } from '../../components/forms/text-field';
import { ConfirmButton } from './confirm-button';
import { failureOf, validate, type FormFailure } from './form-state';

function StageForm({ idPrefix, initial, submitLabel, onSubmit, onCancel }: { idPrefix: string; initial: string; submitLabel: string; onSubmit(body: StageBody): Promise<void>; onCancel?(): void }) {
  const [name, setName] = useState(initial);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validate(stageBody, { name });
    if (!checked.ok) return setFailure(checked.failure);
    setBusy(true);
    try {
      await onSubmit(checked.data);
      setFailure(null);
      if (!onCancel) setName('');
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
      <TextField id={`${idPrefix}-name`} label="Stage name" value={name} onChange={setName} error={fields.name} maxLength={80} />
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

function StageItem({ conferenceId, stage, sessionCount, onChanged }: { conferenceId: string; stage: Stage; sessionCount: number; onChanged(): Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (editing) {
    return (
      <li className="side-item editing">
        <StageForm
          idPrefix={`stage-${stage.id}`}
          initial={stage.name}
          submitLabel="Save stage"
          onCancel={() => setEditing(false)}
          onSubmit={async (body) => {
            await organizeApi.updateStage(conferenceId, stage.id, body);
            await onChanged();
            setEditing(false);
          }}
        />
      </li>
    );
  }
  return (
    <li className="side-item">
      <span className="side-item-name">
        {stage.name}
        <span className="muted side-item-detail">
          {sessionCount} session{sessionCount === 1 ? '' : 's'}
        </span>
      </span>
      <span className="side-item-actions">
        <button type="button" className="quiet-button" onClick={() => setEditing(true)} aria-label={`Rename stage ${stage.name}`}>
          Rename
        </button>
        <ConfirmButton
          label="Delete"
          accessibleName={`Delete stage ${stage.name}`}
          question="Delete this stage?"
          confirmLabel="Yes, delete"
          onConfirm={async () => {
            try {
              setError(null);
              await organizeApi.deleteStage(conferenceId, stage.id);
              await onChanged();
            } catch (caught) {
              setError(
                caught instanceof ApiError && caught.code === 'program.conflict'
                  ? `This stage still has ${sessionCount} session${sessionCount === 1 ? '' : 's'}. Move or delete them first.`
                  : adviceFor(caught, 'The stage could not be deleted.'),
              );
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

/** Stages: the virtual rooms sessions happen in; two sessions cannot share a stage at the same time. */
export function StagesSection({ program, onChanged }: { program: Program; onChanged(): Promise<void> }) {
  const conferenceId = program.conference.id;
  return (
    <section className="card side-card" aria-labelledby="stages-title">
      <h2 id="stages-title">Stages</h2>
      {program.stages.length === 0 ? (
        <p className="muted">No stages yet. Every session happens on a stage; add one to start scheduling.</p>
      ) : (
        <ul className="side-list">
          {program.stages.map((stage) => (
            <StageItem key={stage.id} conferenceId={conferenceId} stage={stage} sessionCount={program.sessions.filter((s) => s.stageId === stage.id).length} onChanged={onChanged} />
          ))}
        </ul>
      )}
      <h3 className="side-subtitle">Add a stage</h3>
      <StageForm
        idPrefix="new-stage"
        initial=""
        submitLabel="Add stage"
        onSubmit={async (body) => {
          await organizeApi.createStage(conferenceId, body);
          await onChanged();
        }}
      />
    </section>
  );
}

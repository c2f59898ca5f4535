import { useState } from 'react';
import { stageBody, type Program, type Stage } from '@rounds/shared';
import { organizeApi, type StageBody } from '../../api/organize';
import { TextField } from '../../components/forms/text-field';
import { InlineForm } from './inline-form';
import { SideItem, SideSection, sessionCountLabel } from './side-list';

function StageForm({ idPrefix, initial, submitLabel, onSubmit, onCancel }: { idPrefix: string; initial: string; submitLabel: string; onSubmit(body: StageBody): Promise<void>; onCancel?(): void }) {
  const [name, setName] = useState(initial);
  return (
    <InlineForm schema={stageBody} draft={{ name }} submitLabel={submitLabel} onSubmit={onSubmit} onCancel={onCancel} onAdded={() => setName('')}>
      {(fields) => <TextField id={`${idPrefix}-name`} label="Stage name" value={name} onChange={setName} error={fields.name} maxLength={80} />}
    </InlineForm>
  );
}

function StageItem({ conferenceId, stage, sessionCount, onChanged }: { conferenceId: string; stage: Stage; sessionCount: number; onChanged(): Promise<void> }) {
  return (
    <SideItem
      kind="stage"
      name={stage.name}
      sessionCount={sessionCount}
      editLabel="Rename"
      deleteQuestion="Delete this stage?"
      deleteConflict={`This stage still has ${sessionCountLabel(sessionCount)}. Move or delete them first.`}
      onDelete={async () => {
        await organizeApi.deleteStage(conferenceId, stage.id);
        await onChanged();
      }}
      editForm={(close) => (
        <StageForm
          idPrefix={`stage-${stage.id}`}
          initial={stage.name}
          submitLabel="Save stage"
          onCancel={close}
          onSubmit={async (body) => {
            await organizeApi.updateStage(conferenceId, stage.id, body);
            await onChanged();
            close();
          }}
        />
      )}
    />
  );
}

/** Stages: the virtual rooms sessions happen in; two sessions cannot share a stage at the same time. */
export function StagesSection({ program, onChanged }: { program: Program; onChanged(): Promise<void> }) {
  const conferenceId = program.conference.id;
  return (
    <SideSection
      id="stages-title"
      title="Stages"
      empty="No stages yet. Every session happens on a stage; add one to start scheduling."
      addTitle="Add a stage"
      items={program.stages.map((stage) => (
        <StageItem key={stage.id} conferenceId={conferenceId} stage={stage} sessionCount={program.sessions.filter((s) => s.stageId === stage.id).length} onChanged={onChanged} />
      ))}
      addForm={
        <StageForm
          idPrefix="new-stage"
          initial=""
          submitLabel="Add stage"
          onSubmit={async (body) => {
            await organizeApi.createStage(conferenceId, body);
            await onChanged();
          }}
        />
      }
    />
  );
}

import { useState, type FormEvent } from 'react';
import { conferenceBody } from '@rounds/shared';
import { organizeApi } from '../../api/organize';
import { ErrorSummary } from '../../components/forms/error-summary';
import { conferenceClient } from '../../conference-client';
import { hrefFor } from '../../routes';
import { navigate } from '../../router';
import { ConferenceFields, conferenceTargets, emptyConference, slugFrom } from './conference-fields';
import { failureOf, validate, type FormFailure } from './form-state';
import './organize.css';

function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * Creates a conference (the creator becomes its organizer) and opens its console.
 * Used on the home page of someone who has no conference yet.
 */
export function CreateConferenceForm({ onCancel }: { onCancel?(): void }) {
  const [draft, setDraft] = useState(() => emptyConference(viewerZone()));
  const [slugTouched, setSlugTouched] = useState(false);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(event: FormEvent) {
    event.preventDefault();
    const checked = validate(conferenceBody, draft);
    if (!checked.ok) return setFailure(checked.failure);
    setBusy(true);
    try {
      const created = await organizeApi.createConference(checked.data);
      // The new organizer membership must be in `me` before the console checks it.
      await conferenceClient.loadMe();
      navigate(hrefFor.organize(created.id, 'sessions'));
    } catch (error) {
      setFailure(failureOf(error));
      setBusy(false);
    }
  }

  return (
    <form className="console-form create-conference" onSubmit={(e) => void create(e)} noValidate aria-labelledby="create-conference-title">
      <h2 id="create-conference-title">Create a conference</h2>
      <p className="muted section-intro">You become its organizer. Tracks, stages, sessions and invitations come next.</p>
      {failure && <ErrorSummary title={failure.title} fields={failure.fields} targets={conferenceTargets('new-conference')} />}
      <ConferenceFields
        idPrefix="new-conference"
        draft={draft}
        onChange={(patch) => {
          if (patch.slug !== undefined) setSlugTouched(true);
          setDraft((d) => {
            const next = { ...d, ...patch };
            return patch.name !== undefined && !slugTouched ? { ...next, slug: slugFrom(patch.name) } : next;
          });
        }}
        fields={failure?.fields ?? {}}
      />
      <div className="form-actions">
        <button className="primary" type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create conference'}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

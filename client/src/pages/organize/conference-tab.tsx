import { useState, type FormEvent } from 'react';
import { conferenceBody, type ConferenceBody, type ConferenceSummary } from '@rounds/shared';
import { organizeApi } from '../../api/organize';
import { ErrorSummary } from '../../components/forms/error-summary';
import { ConferenceFields, conferenceTargets } from './conference-fields';
import { failureOf, validate, type FormFailure } from './form-state';

function bodyOf(conference: ConferenceSummary): ConferenceBody {
  const { name, slug, timeZone, startsOn, endsOn, accreditingProvider, description } = conference;
  return { name, slug, timeZone, startsOn, endsOn, accreditingProvider, description };
}

/** The Conference tab: name, address, dates, time zone, accrediting provider and description. */
export function ConferenceTab({ conference, onSaved }: { conference: ConferenceSummary; onSaved(conference: ConferenceSummary): void }) {
  const [draft, setDraft] = useState(() => bodyOf(conference));
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const dirty = JSON.stringify(draft) !== JSON.stringify(bodyOf(conference));

  async function save(event: FormEvent) {
    event.preventDefault();
    setSavedAt(null);
    const checked = validate(conferenceBody, draft);
    if (!checked.ok) return setFailure(checked.failure);
    setBusy(true);
    try {
      const saved = await organizeApi.updateConference(conference.id, checked.data);
      setFailure(null);
      setDraft(bodyOf(saved));
      setSavedAt(new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(new Date()));
      onSaved(saved);
    } catch (error) {
      setFailure(failureOf(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card console-card conference-details-card" aria-labelledby="conference-tab-title">
      <h2 id="conference-tab-title">Conference details</h2>
      <p className="muted section-intro">What attendees see on the conference page and what certificates will print.</p>
      <form className="console-form" onSubmit={(e) => void save(e)} noValidate>
        {failure && <ErrorSummary title={failure.title} fields={failure.fields} targets={conferenceTargets('conference')} />}
        <ConferenceFields
          idPrefix="conference"
          draft={draft}
          onChange={(patch) => {
            setSavedAt(null);
            setDraft((d) => ({ ...d, ...patch }));
          }}
          fields={failure?.fields ?? {}}
        />
        <div className="form-actions">
          <button className="primary" type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Save conference'}
          </button>
          {dirty && !busy && (
            <button
              type="button"
              onClick={() => {
                setDraft(bodyOf(conference));
                setFailure(null);
              }}
            >
              Discard changes
            </button>
          )}
          <span role="status" className="save-status">
            {savedAt && !dirty ? `Saved at ${savedAt}.` : ''}
          </span>
        </div>
      </form>
    </section>
  );
}

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { trimBody, type RecordingSummary, type Trim } from '@rounds/shared';
import { adviceFor } from '../../api/http';
import { recordingsApi } from '../../api/recordings';
import { TextField } from '../../components/forms/text-field';
import { formatClock, parseClock } from '../../recordings/clock';
import { validate } from './form-state';

/**
 * Cut the start and the end of a recording, times as mm:ss from the start of the original.
 * Checked with the shared trimBody before sending; saving transcodes the recording again.
 */
export function TrimForm({ recording, onSaved, onCancel }: { recording: RecordingSummary; onSaved(): void; onCancel(): void }) {
  const [start, setStart] = useState(formatClock(recording.trim?.startSec ?? 0));
  const [end, setEnd] = useState(recording.trim?.endSec != null ? formatClock(recording.trim.endSec) : '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `trim-${recording.id}`;
  const form = useRef<HTMLFormElement>(null);

  // Opened from the Trim button: the keyboard goes on in the form's first field.
  useEffect(() => form.current?.querySelector('input')?.focus(), []);
  // Until a first cut, the duration is the original's: the end can be checked against it here.
  const fullLength = recording.trim === null ? recording.durationSec : null;

  function check(): Trim | null {
    const startSec = parseClock(start);
    const endSec = end.trim() === '' ? null : parseClock(end);
    const found: Record<string, string> = {};
    if (startSec === null) found.startSec = 'Enter the start as minutes and seconds, like 1:30.';
    if (end.trim() !== '' && endSec === null) found.endSec = 'Enter the end as minutes and seconds, like 42:10, or leave it empty.';
    if (Object.keys(found).length === 0) {
      const result = validate(trimBody, { startSec, endSec });
      if (!result.ok) Object.assign(found, result.failure.fields);
      else if (fullLength !== null && result.data.startSec >= fullLength) found.startSec = `The recording is ${formatClock(fullLength)} long.`;
      else if (fullLength !== null && (result.data.endSec ?? 0) > fullLength)
        found.endSec = `The recording is ${formatClock(fullLength)} long: end at ${formatClock(fullLength)} or earlier.`;
      else {
        setErrors({});
        return result.data;
      }
    }
    setErrors(found);
    return null;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const trim = check();
    if (!trim) return;
    setBusy(true);
    try {
      await recordingsApi.trim(recording.id, trim);
      onSaved();
    } catch (error) {
      setFailure(adviceFor(error, 'The cut could not be saved. Try again.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={form} className="trim-form" onSubmit={(event) => void submit(event)} noValidate aria-label={`Trim ${recording.sessionTitle}`}>
      <div className="trim-fields">
        <TextField id={`${id}-start`} label="Start at" hint="mm:ss" value={start} onChange={setStart} error={errors.startSec} inputMode="numeric" />
        <TextField
          id={`${id}-end`}
          label="End at"
          hint={fullLength !== null ? `mm:ss; empty for the end (${formatClock(fullLength)})` : 'mm:ss; empty for the end'}
          value={end}
          onChange={setEnd}
          error={errors.endSec}
          optional
          inputMode="numeric"
        />
      </div>
      <p className="field-hint">Times count from the start of the original recording. Saving processes the recording again, which takes a few minutes.</p>
      {failure && (
        <p className="inline-alert" role="alert">
          {failure}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save cut'}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

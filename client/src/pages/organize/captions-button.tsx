import { useId, useState } from 'react';
import type { RecordingSummary } from '@rounds/shared';
import { adviceFor } from '../../api/http';
import { recordingsApi } from '../../api/recordings';
import { captionsFileProblem } from '../../recordings/file-checks';

/**
 * Attach (or replace) WebVTT captions: a file input styled as a button; the chosen file is checked
 * (extension, size, the WEBVTT header) and sent at once. Errors show under the recording.
 */
export function CaptionsButton({ recording, onSaved, onError }: { recording: RecordingSummary; onSaved(): void; onError(message: string | null): void }) {
  const id = useId();
  const [busy, setBusy] = useState(false);

  async function attach(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    onError(null);
    const problem = captionsFileProblem(file) ?? (await headerProblem(file));
    if (problem) return onError(problem);
    setBusy(true);
    try {
      await recordingsApi.captions(recording.id, file);
      onSaved();
    } catch (error) {
      onError(adviceFor(error, 'The captions could not be attached. Try again.'));
    } finally {
      setBusy(false);
    }
  }

  const label = busy ? 'Attaching captions…' : recording.hasCaptions ? 'Replace captions (.vtt)' : 'Add captions (.vtt)';
  return (
    <label htmlFor={id} className={`quiet-button file-button${busy ? ' is-busy' : ''}`}>
      {label}
      <input id={id} type="file" className="visually-hidden" accept=".vtt,text/vtt" disabled={busy} onChange={(event) => void attach(event.target)} />
    </label>
  );
}

/** A WebVTT file starts with "WEBVTT" (after an optional byte order mark). */
async function headerProblem(file: File): Promise<string | null> {
  const head = await file.slice(0, 16).text();
  return /^\uFEFF?WEBVTT/.test(head) ? null : `“${file.name}” does not start with WEBVTT: it is not a WebVTT file.`;
}

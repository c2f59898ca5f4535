import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { defaultUploadMaxBytes, type RecordingSummary } from '@rounds/shared';
import { ApiError, adviceFor } from '../api/http';
import { UploadCancelled, uploadTalk, type UploadHandle } from '../api/upload-talk';
import { describedBy } from '../components/forms/field-error';
import { FieldFrame } from '../components/forms/field-frame';
import { SelectField } from '../components/forms/select-field';
import { formatBytes, talkContentType, talkFileAccept, talkFileProblem } from './file-checks';
import { ProgressBar } from './progress-bar';
import './recordings.css';

type State =
  | { kind: 'idle' }
  | { kind: 'uploading'; fileName: string; fraction: number }
  | { kind: 'done'; fileName: string; sessionTitle: string }
  /** `retry`: the same file may go through another time (a dropped connection), unlike a refused one. */
  | { kind: 'failed'; message: string; retry: boolean };

/** What a failed upload says, and whether sending the same file again can help. */
function failureOf(error: unknown, fileName: string): State {
  if (error instanceof ApiError && error.code === 'upload.unsupportedType') {
    // The name and type passed the check here, so it is the contents the server refused.
    return { kind: 'failed', message: `“${fileName}” is not a video inside, whatever its name says. ${error.advice}`, retry: false };
  }
  if (error instanceof ApiError && error.code === 'upload.tooLarge') {
    return { kind: 'failed', message: `“${fileName}” is larger than this server accepts. Export a shorter or more compressed video and upload that.`, retry: false };
  }
  return { kind: 'failed', message: adviceFor(error, 'The upload did not finish. Try again.'), retry: true };
}

/**
 * Upload a pre-recorded talk for a session: pick the session (when there is a choice) and a video
 * file; type and size are checked here first with the shared limits, then by the server.
 * Used in the organizer console and in the speaker studio.
 */
export function TalkUpload({
  sessions,
  onUploaded,
  afterUpload,
}: {
  sessions: readonly { id: string; title: string }[];
  onUploaded?(recording: RecordingSummary): void;
  /** What happens next, said once the upload is done. */
  afterUpload: string;
}) {
  const ids = useId();
  const [sessionId, setSessionId] = useState(sessions.length === 1 ? sessions[0]!.id : '');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [sessionError, setSessionError] = useState<string | null>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const upload = useRef<UploadHandle | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  // Leaving the page cancels an upload in flight rather than leaving it running unseen.
  useEffect(() => () => upload.current?.cancel(), []);

  function pick(picked: File | null) {
    setFile(picked);
    setFileError(picked ? talkFileProblem(picked) : null);
    if (state.kind !== 'uploading') setState({ kind: 'idle' });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = file ? talkFileProblem(file) : 'Choose a video file.';
    setSessionError(sessionId ? null : 'Choose the session this talk belongs to.');
    setFileError(problem);
    const contentType = file && talkContentType(file);
    if (!sessionId || problem || !file || !contentType) return;
    const title = sessions.find((s) => s.id === sessionId)?.title ?? '';
    setState({ kind: 'uploading', fileName: file.name, fraction: 0 });
    const handle = uploadTalk(sessionId, file, contentType, (fraction) => setState({ kind: 'uploading', fileName: file.name, fraction }));
    upload.current = handle;
    try {
      const recording = await handle.done;
      setState({ kind: 'done', fileName: file.name, sessionTitle: title });
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      onUploaded?.(recording);
    } catch (error) {
      setState(error instanceof UploadCancelled ? { kind: 'idle' } : failureOf(error, file.name));
    } finally {
      upload.current = null;
    }
  }

  const uploading = state.kind === 'uploading';
  const hint = `MP4, MOV, WebM or MKV, up to ${formatBytes(defaultUploadMaxBytes)}.${file && !fileError ? ` Selected: ${file.name} (${formatBytes(file.size)}).` : ''}`;
  return (
    <form className="talk-upload" onSubmit={(event) => void submit(event)} noValidate aria-label="Upload a pre-recorded talk">
      {sessions.length > 1 && (
        <SelectField
          id={`${ids}-session`}
          label="Session"
          value={sessionId}
          disabled={uploading}
          error={sessionError}
          options={[{ value: '', label: 'Choose a session…' }, ...sessions.map((s) => ({ value: s.id, label: s.title }))]}
          onChange={(value) => {
            setSessionId(value);
            setSessionError(null);
          }}
        />
      )}
      <FieldFrame id={`${ids}-file`} label="Video file" hint={hint} error={fileError}>
        <input
          ref={fileInput}
          id={`${ids}-file`}
          type="file"
          accept={talkFileAccept}
          disabled={uploading}
          {...describedBy(`${ids}-file`, hint, fileError)}
          onChange={(event) => pick(event.target.files?.[0] ?? null)}
        />
      </FieldFrame>
      {state.kind === 'uploading' && (
        <div className="upload-progress" role="status">
          <span>Uploading {state.fileName}… keep this page open.</span>
          <ProgressBar percent={state.fraction * 100} label={`Uploading ${state.fileName}`} />
        </div>
      )}
      {state.kind === 'done' && (
        <p className="save-banner" role="status">
          Uploaded {state.fileName} for “{state.sessionTitle}”. {afterUpload}
        </p>
      )}
      {state.kind === 'failed' && (
        <p className="inline-alert" role="alert">
          {state.message}
        </p>
      )}
      <div className="form-actions">
        {uploading ? (
          <button type="button" onClick={() => upload.current?.cancel()}>
            Cancel upload
          </button>
        ) : (
          <button type="submit" className="primary">
            {state.kind === 'failed' && state.retry ? 'Try the upload again' : 'Upload talk'}
          </button>
        )}
      </div>
    </form>
  );
}

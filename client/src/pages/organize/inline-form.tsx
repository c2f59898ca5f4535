import { useState, type FormEvent, type ReactNode } from 'react';
import { failureOf, validate, type BodySchema, type FormFailure } from './form-state';

/**
 * A one-line form of the side cards (a stage, a track), for adding one or editing one in place.
 * Checks the draft against the shared schema, saves, and shows field messages or one sentence.
 */
export function InlineForm<T>({
  schema,
  draft,
  submitLabel,
  onSubmit,
  onCancel,
  onAdded,
  children,
}: {
  schema: BodySchema<T>;
  draft: unknown;
  submitLabel: string;
  onSubmit(body: T): Promise<void>;
  /** Editing in place: a Cancel button, and the draft stays as saved. */
  onCancel?(): void;
  /** Adding: called after a save, to empty the draft for the next one. */
  onAdded(): void;
  /** The fields, given the messages of the last failure by field name. */
  children(fields: Record<string, string>): ReactNode;
}) {
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validate(schema, draft);
    if (!checked.ok) return setFailure(checked.failure);
    setBusy(true);
    try {
      await onSubmit(checked.data);
      setFailure(null);
      if (!onCancel) onAdded();
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
      {children(fields)}
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

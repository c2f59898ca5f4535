import { useState, type ReactNode } from 'react';
import { ApiError } from '../../api/http';
import { adviceFor } from '../../api/organize';
import { ConfirmButton } from './confirm-button';

/** `1 session`, `3 sessions`. */
export function sessionCountLabel(n: number): string {
  return `${n} session${n === 1 ? '' : 's'}`;
}

/**
 * One stage or track of a side card: its name and number of sessions, an edit button that
 * swaps in the form, and a delete that asks first and shows why it failed.
 */
export function SideItem({
  kind,
  name,
  swatch,
  sessionCount,
  editLabel,
  deleteQuestion,
  deleteConflict,
  onDelete,
  editForm,
}: {
  /** `stage`, `track`: names the buttons (`Delete stage Hall A`) and the failure. */
  kind: string;
  name: string;
  swatch?: ReactNode;
  sessionCount: number;
  /** `Rename`, `Edit`. */
  editLabel: string;
  deleteQuestion: string;
  /** What to say when the server refuses the delete with program.conflict (the default: its advice). */
  deleteConflict?: string;
  onDelete(): Promise<void>;
  /** The form that edits it in place; `close` ends the editing. */
  editForm(close: () => void): ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (editing) return <li className="side-item editing">{editForm(() => setEditing(false))}</li>;
  return (
    <li className="side-item">
      {swatch}
      <span className="side-item-name">
        {name}
        <span className="muted side-item-detail">{sessionCountLabel(sessionCount)}</span>
      </span>
      <span className="side-item-actions">
        <button type="button" className="quiet-button" onClick={() => setEditing(true)} aria-label={`${editLabel} ${kind} ${name}`}>
          {editLabel}
        </button>
        <ConfirmButton
          label="Delete"
          accessibleName={`Delete ${kind} ${name}`}
          question={deleteQuestion}
          confirmLabel="Yes, delete"
          onConfirm={async () => {
            try {
              setError(null);
              await onDelete();
            } catch (caught) {
              setError(
                deleteConflict !== undefined && caught instanceof ApiError && caught.code === 'program.conflict'
                  ? deleteConflict
                  : adviceFor(caught, `The ${kind} could not be deleted.`),
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

/** A side card of the console (stages, tracks): its items, or a word when there are none, then the add form. */
export function SideSection({ id, title, empty, addTitle, items, addForm }: { id: string; title: string; empty: string; addTitle: string; items: ReactNode[]; addForm: ReactNode }) {
  return (
    <section className="card side-card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {items.length === 0 ? <p className="muted">{empty}</p> : <ul className="side-list">{items}</ul>}
      <h3 className="side-subtitle">{addTitle}</h3>
      {addForm}
    </section>
  );
}

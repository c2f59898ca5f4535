import { useEffect, useRef, useState } from 'react';

/**
 * A destructive action that asks first, in place: "Delete" becomes a question with
 * "Yes, delete" and "Keep it". The first click never deletes anything.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  accessibleName,
  busyLabel = 'Deleting…',
}: {
  label: string;
  question: string;
  confirmLabel: string;
  /** Shows its own failure; it should not reject. */
  onConfirm(): Promise<void>;
  busyLabel?: string;
  /** A longer name for screen readers and tests: "Delete Opening keynote". */
  accessibleName?: string;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) triggerRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button ref={triggerRef} type="button" className="quiet-button danger-text" aria-label={accessibleName} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>
      <button
        ref={confirmRef}
        type="button"
        className="danger"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          const done = () => {
            setBusy(false);
            setAsking(false);
          };
          onConfirm().then(done, done);
        }}
      >
        {busy ? busyLabel : confirmLabel}
      </button>
      <button type="button" disabled={busy} onClick={() => setAsking(false)}>
        Keep it
      </button>
    </span>
  );
}

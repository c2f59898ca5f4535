/** The message under a field that says what is wrong with it; the field points to it with aria-describedby. */
export function FieldError({ id, message }: { id: string; message?: string | null }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      <span aria-hidden="true" className="field-error-mark">
        !
      </span>
      {message}
    </p>
  );
}

/** ids for a field's hint and error, and the aria attributes that tie them to the input. */
export function describedBy(id: string, hint: unknown, error: string | null | undefined) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return { 'aria-describedby': ids || undefined, 'aria-invalid': error ? true : undefined };
}

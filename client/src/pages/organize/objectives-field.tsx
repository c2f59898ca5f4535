import { useEffect, useRef } from 'react';
import { FieldError } from '../../components/forms/field-error';

/** Learning objectives, one per line, added and removed one at a time (at most ten). */
export function ObjectivesField({ idPrefix, lines, onChange, error }: { idPrefix: string; lines: string[]; onChange(lines: string[]): void; error?: string }) {
  // After "Add objective", the new empty line gets the focus, so typing can go on without the mouse.
  const focusLine = useRef<number | null>(null);
  useEffect(() => {
    if (focusLine.current === null) return;
    document.getElementById(`${idPrefix}-${focusLine.current}`)?.focus();
    focusLine.current = null;
  }, [lines.length, idPrefix]);
  const update = (index: number, value: string) => onChange(lines.map((line, i) => (i === index ? value : line)));
  const remove = (index: number) => onChange(lines.length === 1 ? [''] : lines.filter((_, i) => i !== index));
  return (
    <div
      role="group"
      aria-labelledby={`${idPrefix}-legend`}
      aria-describedby={[`${idPrefix}-hint`, error ? `${idPrefix}-error` : ''].join(' ').trim()}
      className={`form-field objectives${error ? ' has-error' : ''}`}
    >
      <p id={`${idPrefix}-legend`} className="group-label">
        Learning objectives <span className="field-optional">(optional)</span>
      </p>
      <p id={`${idPrefix}-hint`} className="field-hint">What a clinician will be able to do afterwards, one per line: “Recognise…”, “Choose…”.</p>
      <ol className="objective-lines">
        {lines.map((line, index) => (
          <li key={index}>
            <div className="objective-line">
              <label htmlFor={`${idPrefix}-${index}`} className="visually-hidden">
                Objective {index + 1}
              </label>
              <input id={`${idPrefix}-${index}`} value={line} maxLength={300} onChange={(e) => update(index, e.target.value)} />
              <button type="button" className="quiet-button" onClick={() => remove(index)} aria-label={`Remove objective ${index + 1}`}>
                Remove
              </button>
            </div>
          </li>
        ))}
      </ol>
      {lines.length < 10 && (
        <button type="button" className="quiet-button add-line" onClick={() => {
            focusLine.current = lines.length;
            onChange([...lines, '']);
          }}>
          + Add objective
        </button>
      )}
      <FieldError id={`${idPrefix}-error`} message={error} />
    </div>
  );
}

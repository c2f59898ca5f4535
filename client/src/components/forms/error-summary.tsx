import { useEffect, useRef } from 'react';
import './forms.css';

export interface ErrorSummaryProps {
  /** What went wrong overall, in a sentence. */
  title: string;
  /** Per-field messages, keyed by field name. */
  fields?: Record<string, string>;
  /** field name → [element id, label] so each message links to its field. */
  targets?: Record<string, readonly [string, string]>;
}

/**
 * The summary at the top of a form after a failed save: announced (role="alert"), focused so the page
 * scrolls to it, and linking each message to the field it is about.
 */
export function ErrorSummary({ title, fields = {}, targets = {} }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const signature = title + JSON.stringify(fields);
  useEffect(() => {
    ref.current?.focus();
  }, [signature]);
  const entries = Object.entries(fields);
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1}>
      <strong>{title}</strong>
      {entries.length > 0 && (
        <ul>
          {entries.map(([name, message]) => {
            const target = targets[name];
            return (
              <li key={name}>
                {target ? (
                  <a
                    href={`#${target[0]}`}
                    onClick={(event) => {
                      event.preventDefault();
                      document.getElementById(target[0])?.focus();
                    }}
                  >
                    {target[1]}: {message}
                  </a>
                ) : (
                  message
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

import type { ReactNode } from 'react';
import { FieldError } from './field-error';
import './forms.css';

export interface FieldFrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** Shows "(optional)" after the label; fields are required unless they say so. */
  optional?: boolean;
  className?: string;
}

/** Label, hint, control and error in one column, the same for every kind of field. */
export function FieldFrame({ id, label, hint, error, optional, className, children }: FieldFrameProps & { children: ReactNode }) {
  return (
    <div className={['form-field', error ? 'has-error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="field-optional"> (optional)</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {children}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

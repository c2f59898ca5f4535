import type { ReactNode } from 'react';
import { FieldError } from './field-error';
import './forms.css';

export interface MultiSelectOption {
  value: string;
  label: string;
  detail?: string;
}

export interface MultiSelectFieldProps {
  id: string;
  legend: string;
  options: readonly MultiSelectOption[];
  selected: readonly string[];
  onChange(selected: string[]): void;
  hint?: ReactNode;
  error?: string | null;
  /** What to say when there is nobody to pick. */
  emptyText?: ReactNode;
}

/** A group of labelled checkboxes: picks several people or things, each readable and reachable by keyboard. */
export function MultiSelectField({ id, legend, options, selected, onChange, hint, error, emptyText }: MultiSelectFieldProps) {
  const toggle = (value: string, on: boolean) => onChange(on ? [...selected.filter((v) => v !== value), value] : selected.filter((v) => v !== value));
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset id={id} className={`form-field multi-select${error ? ' has-error' : ''}`} aria-describedby={described} tabIndex={-1}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {options.length === 0 ? (
        <p className="field-hint multi-select-empty">{emptyText ?? 'Nothing to choose from yet.'}</p>
      ) : (
        <ul className="multi-select-options">
          {options.map((option) => {
            const optionId = `${id}-${option.value}`;
            return (
              <li key={option.value}>
                <input id={optionId} type="checkbox" checked={selected.includes(option.value)} onChange={(e) => toggle(option.value, e.target.checked)} />
                <label htmlFor={optionId}>
                  {option.label}
                  {option.detail && <span className="multi-select-detail"> {option.detail}</span>}
                </label>
              </li>
            );
          })}
        </ul>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}

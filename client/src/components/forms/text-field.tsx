import type { HTMLInputTypeAttribute } from 'react';
import { describedBy } from './field-error';
import { FieldFrame, type FieldFrameProps } from './field-frame';

export interface TextFieldProps extends FieldFrameProps {
  value: string;
  onChange(value: string): void;
  type?: HTMLInputTypeAttribute;
  /** A textarea instead of a one-line input. */
  multiline?: boolean;
  rows?: number;
  autoComplete?: string;
  placeholder?: string;
  inputMode?: 'text' | 'decimal' | 'numeric' | 'email' | 'url';
  step?: number | string;
  min?: number | string;
  max?: number | string;
  maxLength?: number;
  disabled?: boolean;
  readOnly?: boolean;
}

/** A labelled text input (or textarea) with its hint and error message. */
export function TextField(props: TextFieldProps) {
  const { id, hint, error, value, onChange, type = 'text', multiline, rows = 4, ...rest } = props;
  const aria = describedBy(id, hint, error);
  const common = {
    id,
    value,
    placeholder: rest.placeholder,
    maxLength: rest.maxLength,
    disabled: rest.disabled,
    readOnly: rest.readOnly,
    required: !props.optional,
    ...aria,
  };
  return (
    <FieldFrame {...props}>
      {multiline ? (
        <textarea {...common} rows={rows} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type={type}
          autoComplete={rest.autoComplete}
          inputMode={rest.inputMode}
          step={rest.step}
          min={rest.min}
          max={rest.max}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FieldFrame>
  );
}

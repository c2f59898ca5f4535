import { describedBy } from './field-error';
import { FieldFrame, type FieldFrameProps } from './field-frame';

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps extends FieldFrameProps {
  value: string;
  onChange(value: string): void;
  options: readonly SelectOption[];
  /** Option groups shown after the plain options (`Americas`, `Europe`, ...). */
  groups?: readonly { label: string; options: readonly SelectOption[] }[];
  disabled?: boolean;
}

/** A labelled native select: keyboard, screen reader and phone pickers come for free. */
export function SelectField(props: SelectFieldProps) {
  const { id, hint, error, value, onChange, options, groups, disabled } = props;
  return (
    <FieldFrame {...props}>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} {...describedBy(id, hint, error)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {groups?.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </FieldFrame>
  );
}

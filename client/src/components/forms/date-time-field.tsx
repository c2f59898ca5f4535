import { describedBy } from './field-error';
import { FieldFrame, type FieldFrameProps } from './field-frame';

export interface DateTimeFieldProps extends FieldFrameProps {
  /** `YYYY-MM-DDTHH:mm` (or `YYYY-MM-DD` with `dateOnly`), as the native input reads and writes it. */
  value: string;
  onChange(value: string): void;
  dateOnly?: boolean;
  min?: string;
  max?: string;
  /** The time zone the value is in, shown next to the input so nobody guesses. */
  zoneLabel?: string;
}

/** A native date or date-and-time input, with the zone it is typed in beside it. */
export function DateTimeField(props: DateTimeFieldProps) {
  const { id, hint, error, value, onChange, dateOnly, min, max, zoneLabel } = props;
  return (
    <FieldFrame {...props}>
      <div className="date-time-row">
        <input
          id={id}
          type={dateOnly ? 'date' : 'datetime-local'}
          value={value}
          min={min}
          max={max}
          required={!props.optional}
          onChange={(e) => onChange(e.target.value)}
          {...describedBy(id, hint, error)}
        />
        {zoneLabel && <span className="date-time-zone">{zoneLabel}</span>}
      </div>
    </FieldFrame>
  );
}

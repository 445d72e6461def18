import { TextInput } from 'hds-react';
import type { ReactNode } from 'react';

interface DateRangeProps {
  /** The inputs are `${id}-from` and `${id}-to`. */
  id: string;
  legend: string;
  fromLabel: string;
  toLabel: string;
  /** YYYY-MM-DD, or null for no bound. */
  from: string | null;
  to: string | null;
  /** A cleared input gives null. */
  onFromChange: (date: string | null) => void;
  onToChange: (date: string | null) => void;
  /** Below the dates, e.g. preset spans. */
  children?: ReactNode;
}

/** A time filter of two native date inputs (the browser's own keyboard-usable picker) under one legend. */
export function DateRange({ id, legend, fromLabel, toLabel, from, to, onFromChange, onToChange, children }: DateRangeProps) {
  return (
    <fieldset className="kk-fieldset">
      <legend>{legend}</legend>
      <div className="kk-date-range">
        <TextInput
          id={`${id}-from`}
          type="date"
          label={fromLabel}
          value={from ?? ''}
          onChange={(e) => onFromChange(e.target.value || null)}
        />
        <TextInput
          id={`${id}-to`}
          type="date"
          label={toLabel}
          value={to ?? ''}
          min={from ?? undefined}
          onChange={(e) => onToChange(e.target.value || null)}
        />
      </div>
      {children}
    </fieldset>
  );
}

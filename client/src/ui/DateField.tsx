import { DateInput } from 'hds-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@/i18n/languages';
import { errorProps } from './error-props';

/** ISO 2030-06-01 → Finnish 1.6.2030 (the convention in all three languages); '' stays ''. */
export const isoToFinnishDate = (iso: string): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[3])}.${Number(m[2])}.${m[1]}` : iso;
};
/** Finnish 1.6.2030 → ISO 2030-06-01; anything else is returned as typed, for the form's validation to name. */
export const finnishToIsoDate = (text: string): string => {
  const m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(text);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : text.trim();
};

interface DateFieldProps {
  id: string;
  label: string;
  /** ISO date (yyyy-mm-dd) or ''. */
  value: string;
  onChange: (iso: string) => void;
  error?: string;
}

/** HDS's DateInput (typed d.m.yyyy or picked from its calendar) over an ISO date value. */
export function DateField({ id, label, value, onChange, error }: DateFieldProps) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(() => isoToFinnishDate(value));
  // A value set from outside (a reset, an item loaded for editing) replaces what was typed.
  useEffect(() => {
    setText((typed) => (finnishToIsoDate(typed) === value ? typed : isoToFinnishDate(value)));
  }, [value]);
  return (
    <DateInput
      id={id}
      label={label}
      language={i18n.language as Language}
      value={text}
      helperText={t('dateField.format')}
      openButtonAriaLabel={t('dateField.open')}
      onChange={(typed) => {
        setText(typed);
        onChange(finnishToIsoDate(typed));
      }}
      disableConfirmation
      {...errorProps(error)}
    />
  );
}

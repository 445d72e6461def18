import { useQuery } from '@tanstack/react-query';
import { Checkbox, SelectionGroup } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { themeName } from '@/ui/format';
import { themesQuery } from '@/layers/ideas/query';

interface ThemeCheckboxesProps {
  /** Prefix of the checkboxes' ids, unique on the page (`${idPrefix}-theme-${slug}`). */
  idPrefix: string;
  label: string;
  value: string[];
  onChange: (themes: string[]) => void;
  errorText?: string;
  helperText?: string;
  required?: boolean;
}

/** The city's themes as a checkbox group, in the reader's language. */
export function ThemeCheckboxes({ idPrefix, label, value, onChange, errorText, helperText, required }: ThemeCheckboxesProps) {
  const { i18n } = useTranslation();
  const themes = useQuery(themesQuery());
  return (
    <SelectionGroup label={label} errorText={errorText} helperText={helperText} required={required}>
      {themes.data?.map((th) => (
        <Checkbox
          key={th.slug}
          id={`${idPrefix}-theme-${th.slug}`}
          label={themeName(th, i18n.language)}
          checked={value.includes(th.slug)}
          onChange={(e) => onChange(e.target.checked ? [...value, th.slug] : value.filter((s) => s !== th.slug))}
        />
      ))}
    </SelectionGroup>
  );
}

import { Select, type Option } from 'hds-react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@/i18n/languages';

/** One choice of a short list, as HDS's Select (the same props as the native select it replaces). */
interface ChoiceSelectProps<V extends string> {
  id: string;
  label: string;
  value: V | '';
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  /** The text shown while nothing is chosen (e.g. "choose a theme"). */
  placeholder?: string;
  error?: string;
  required?: boolean;
}

export function ChoiceSelect<V extends string>({
  id,
  label,
  value,
  options,
  onChange,
  placeholder,
  error,
  required,
}: ChoiceSelectProps<V>) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  // HDS Select re-initialises whenever options, value, texts or onChange change identity: the
  // options are memoised by their content (callers build them inline) and onChange goes by a ref.
  const optionsKey = JSON.stringify(options.map((o) => [o.value, o.label]));
  const hdsOptions = useMemo(
    () => (JSON.parse(optionsKey) as [string, string][]).map(([v, l]) => ({ value: v, label: l })),
    [optionsKey],
  );
  const latestOnChange = useRef(onChange);
  useEffect(() => {
    latestOnChange.current = onChange;
  });
  const texts = useMemo(
    () => ({ label, placeholder: placeholder ?? t('picker.placeholder'), error: error ?? '', language }),
    [label, placeholder, t, error, language],
  );
  const selected = useMemo(() => (value ? [value] : []), [value]);
  const handleChange = useCallback((chosen: Option[]) => {
    const v = chosen[0]?.value as V | undefined;
    // After HDS has closed its list: a prop change while open re-initialises it as open.
    if (v) setTimeout(() => latestOnChange.current(v), 0);
  }, []);
  return (
    <div className="kk-field">
      <Select
        // Remount when the language changes: HDS keeps its texts from the first render.
        key={language}
        id={id}
        texts={texts}
        options={hdsOptions}
        value={selected}
        onChange={handleChange}
        invalid={!!error}
        required={required}
        visibleOptions={8}
      />
    </div>
  );
}

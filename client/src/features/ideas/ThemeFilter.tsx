import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { themesQuery } from '@/layers/ideas/query';
import { useSearchParam } from '@/state/url-state';
import { NativeSelect } from '@/ui/NativeSelect';
import { themeName } from '@/ui/format';

/** The `theme` filter of a map view, kept in the URL so that a shared link shows the same. */
export function ThemeFilter({ id, label, allLabel }: { id: string; label: string; allLabel: string }) {
  const { i18n } = useTranslation();
  const themes = useQuery(themesQuery());
  const [theme, setTheme] = useSearchParam('theme');
  return (
    <NativeSelect
      id={id}
      label={label}
      value={theme ?? ''}
      placeholder={allLabel}
      options={(themes.data ?? []).map((th) => ({ value: th.slug, label: themeName(th, i18n.language) }))}
      onChange={(slug) => setTheme(slug || null)}
    />
  );
}

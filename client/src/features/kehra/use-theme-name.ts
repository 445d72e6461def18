import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { themeName } from '@/ui/format';
import { themesQuery } from '@/layers/ideas/query';

/** A theme slug in the reader's language (the slug itself until the themes load). */
export function useThemeName(): (slug: string) => string {
  const { i18n } = useTranslation();
  const themes = useQuery(themesQuery());
  return (slug) => {
    const th = themes.data?.find((x) => x.slug === slug);
    return th ? themeName(th, i18n.language) : slug;
  };
}

import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { localName } from './names';
import { departmentsQuery } from './query';

/**
 * A department's name in the reader's language from its slug. A code such as "kymp" means
 * nothing to a resident, so an unknown slug (or one before the list has loaded) shows as nothing.
 */
export function useDepartmentName(): (slug: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const departments = useQuery(departmentsQuery());
  const data = departments.data;
  return useCallback(
    (slug) => {
      const d = slug ? data?.find((x) => x.slug === slug) : undefined;
      return d ? localName(d, i18n.language) : '';
    },
    [data, i18n.language],
  );
}

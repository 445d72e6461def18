import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The document title of the page: "<page> – <app name>" in the reader's language (WCAG 2.4.2).
 * Every route's page calls it once; a detail page passes its item's title once it has loaded.
 */
export function usePageTitle(page: string | undefined): void {
  const { t } = useTranslation();
  const app = t('app.title');
  useEffect(() => {
    document.title = page ? `${page} – ${app}` : app;
  }, [page, app]);
}

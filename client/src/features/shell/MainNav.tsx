import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useAccount } from '@/features/account';
import { NAV_ENTRIES } from './nav';

/** The sections of the service; the current one is marked for assistive technology too. */
export function MainNav() {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const { hasRole } = useAccount();
  const current = (to: string, matches: string[] = []) =>
    to === '/' ? pathname === '/' : pathname === to || [to, ...matches].some((p) => pathname.startsWith(`${p}/`));
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul>
        {NAV_ENTRIES.filter((e) => !e.roles || e.roles.some(hasRole)).map((e) => (
          <li key={e.to}>
            {/* Keep the query (area, filters) so switching sections keeps the place. */}
            <Link to={{ pathname: e.to, search }} aria-current={current(e.to, e.matches) ? 'page' : undefined}>
              {t(e.labelKey)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

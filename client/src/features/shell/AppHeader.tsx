import { Header, Logo, LogoSize } from 'hds-react';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { AccountAction, useAccount } from '@/features/account';
import { SERVICE_PROFILE, serviceLogo } from '@/features/statements';
import { LANGUAGES } from '@/i18n/languages';
import { NAV_ENTRIES } from './nav';

interface AppHeaderProps {
  /** A search field for the action bar (address and place search); the header keeps a place for it. */
  headerSearch?: ReactNode;
}

/**
 * The City's header: the municipality's logo and the service name, the language selector, the
 * account action and the main sections. Below 992 px HDS folds the sections behind its menu button.
 */
export function AppHeader({ headerSearch }: AppHeaderProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const { hasRole } = useAccount();
  const language = i18n.language;
  const changedHere = useRef(false);

  // HDS keeps the active language in its own state, set once from defaultLanguage: the header is
  // keyed by the language so a change made elsewhere (a link, the URL) shows. Focus returns to the
  // chosen language's button when the change came from it, instead of falling to the page.
  useEffect(() => {
    if (!changedHere.current) return;
    changedHere.current = false;
    document.querySelector<HTMLButtonElement>(`.app-header button[lang="${language}"]`)?.focus();
  }, [language]);

  const current = (to: string, matches: string[] = []) =>
    to === '/' ? pathname === '/' : pathname === to || [to, ...matches].some((p) => pathname.startsWith(`${p}/`));

  return (
    <Header
      key={language}
      className="app-header"
      theme={SERVICE_PROFILE.headerTheme}
      defaultLanguage={language}
      languages={LANGUAGES.map((lng) => ({ value: lng, label: t(`lang.${lng}`) }))}
      onDidChangeLanguage={(lng) => {
        changedHere.current = true;
        void i18n.changeLanguage(lng);
      }}
    >
      <Header.SkipLink skipTo="#sidebar-content" label={t('app.skipToContent')} />
      <Header.ActionBar
        title={t('app.title')}
        titleHref="/"
        onTitleClick={(e) => {
          e.preventDefault();
          void navigate({ pathname: '/', search });
        }}
        logo={<Logo src={serviceLogo(language)} size={LogoSize.Medium} alt={t('header.logo')} />}
        logoHref={SERVICE_PROFILE.homepageUrl}
        logoAriaLabel={t('header.logo')}
        frontPageLabel={t('nav.areas')}
        menuButtonLabel={t('header.menu')}
      >
        <Header.LanguageSelector aria-label={t('lang.label')} />
        {headerSearch}
        <AccountAction />
      </Header.ActionBar>
      <Header.NavigationMenu aria-label={t('nav.label')}>
        {NAV_ENTRIES.filter((e) => !e.roles || e.roles.some(hasRole)).map((e) => (
          <Header.Link
            key={e.to}
            as={Link}
            // Keep the query (area, filters) so switching sections keeps the place.
            to={{ pathname: e.to, search }}
            href={`${e.to}${search}`}
            label={t(e.labelKey)}
            active={current(e.to, e.matches)}
            aria-current={current(e.to, e.matches) ? 'page' : undefined}
          />
        ))}
      </Header.NavigationMenu>
    </Header>
  );
}

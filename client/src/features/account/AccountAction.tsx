import { Header, IconSignin, IconUser } from 'hds-react';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { accountName, useAccount } from './account-query';
import { useMediaQuery } from '@/ui/use-media-query';
import { useSignOut } from './use-sign-out';

/**
 * The header's account action: "Kirjaudu" for visitors; the account's name opening HDS's action bar
 * menu (profile, admin for admins, sign out) when signed in. The menu's links are router links, so
 * the map stays mounted.
 */
export function AccountAction() {
  const { t } = useTranslation();
  const { user, hasRole, isLoading } = useAccount();
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  // On a narrow phone the name would push the menu button off the screen: the icon stands alone
  // there, and the button's accessible name still says whose account it is.
  const narrow = useMediaQuery('(max-width: 480px)');

  if (isLoading) return <div className="account-action" aria-hidden="true" />;
  if (!user) {
    const here = `${pathname}${search}`;
    const returnTo =
      pathname.startsWith('/signin') || pathname.startsWith('/signup') ? '' : `?returnTo=${encodeURIComponent(here)}`;
    return (
      <Link className="account-action account-action-signin" to={`/signin${returnTo}`}>
        <IconSignin aria-hidden />
        <span>{t('account.menu.signIn')}</span>
      </Link>
    );
  }

  const go = (to: string) => (e: MouseEvent) => {
    e.preventDefault();
    void navigate(to);
  };
  return (
    <Header.ActionBarItem
      id="account-action"
      className="account-action"
      label={narrow ? undefined : accountName(user)}
      icon={<IconUser aria-hidden />}
      closeLabel={t('account.menu.close')}
      aria-label={`${t('account.menu.label')}: ${accountName(user)}`}
      fixedRightPosition
    >
      <Header.ActionBarSubItem label={t('account.menu.profile')} href="/profile" onClick={go('/profile')} />
      {hasRole('admin') && <Header.ActionBarSubItem label={t('account.menu.admin')} href="/admin" onClick={go('/admin')} />}
      <Header.ActionBarSubItem
        label={t('account.menu.signOut')}
        onClick={() => {
          if (!signOut.here.isPending) signOut.here.mutate();
        }}
      />
    </Header.ActionBarItem>
  );
}

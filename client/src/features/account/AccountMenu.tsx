import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { accountName, useAccount } from './account-query';
import { useSignOut } from './use-sign-out';

/**
 * The header's account corner: "Kirjaudu" for visitors; the account's name opening a small menu
 * (profile, admin for admins, sign out) when signed in. A disclosure, not an ARIA menu: its items
 * are ordinary links and a button, reached with Tab.
 */
export function AccountMenu() {
  const { t } = useTranslation();
  const { user, hasRole, isLoading } = useAccount();
  const { pathname, search } = useLocation();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  // Closed by choosing an item, Escape or a click elsewhere (not on route change: a navigation
  // rendered in a transition could close a menu the user has just opened).
  const close = () => setOpen(false);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (isLoading) return <div className="account-menu" aria-hidden="true" />;
  if (!user) {
    const here = `${pathname}${search}`;
    const returnTo =
      pathname.startsWith('/signin') || pathname.startsWith('/signup') ? '' : `?returnTo=${encodeURIComponent(here)}`;
    return (
      <div className="account-menu">
        <Link className="account-menu-signin" to={`/signin${returnTo}`}>
          {t('account.menu.signIn')}
        </Link>
      </div>
    );
  }

  return (
    <div className="account-menu" ref={root}>
      <button
        ref={toggle}
        type="button"
        className="account-menu-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="visually-hidden">{t('account.menu.label')}: </span>
        {accountName(user)}
        <span aria-hidden="true" className="account-menu-caret">
          ▾
        </span>
      </button>
      <ul id={panelId} className="account-menu-panel" hidden={!open}>
        <li>
          <Link to="/profile" onClick={close}>
            {t('account.menu.profile')}
          </Link>
        </li>
        {hasRole('admin') && (
          <li>
            <Link to="/admin" onClick={close}>
              {t('account.menu.admin')}
            </Link>
          </li>
        )}
        <li>
          <button
            type="button"
            onClick={() => {
              close();
              signOut.here.mutate();
            }}
            disabled={signOut.here.isPending}
          >
            {t('account.menu.signOut')}
          </button>
        </li>
      </ul>
    </div>
  );
}

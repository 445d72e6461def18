import { Notification } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useAccount } from './account-query';

interface NotAllowedProps {
  label: string;
  /** For a signed-in account without the role. */
  body: string;
  /** For a visitor, who is also offered sign-in and a way back to this page. */
  signInBody: string;
  testId: string;
  /** A page anyone may reach but only some may use says so as information (default: an error). */
  type?: 'error' | 'info';
}

/** What a page for some roles only shows to everyone else. */
export function NotAllowed({ label, body, signInBody, testId, type = 'error' }: NotAllowedProps) {
  const { t } = useTranslation();
  const { user } = useAccount();
  const { pathname } = useLocation();
  return (
    <Notification type={type} label={label} data-testid={testId}>
      <p>{user ? body : signInBody}</p>
      {!user && <Link to={`/signin?returnTo=${encodeURIComponent(pathname)}`}>{t('account.menu.signIn')}</Link>}
    </Notification>
  );
}

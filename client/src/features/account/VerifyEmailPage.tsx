import { useMutation } from '@tanstack/react-query';
import { LoadingSpinner, Notification } from 'hds-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { accountApi } from './account-api';
import { describeError } from './auth-errors';
import { PageHeading } from './PageHeading';
import { usePageTitle } from '@/ui/use-page-title';

/** /verify-email?token=… — the page the mailed link opens; it posts the token once. */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  usePageTitle(t('pageTitle.verifyEmail'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const verify = useMutation({ mutationFn: accountApi.verify });
  const { mutate } = verify;
  const posted = useRef<string | null>(null);

  useEffect(() => {
    // A one-time token: StrictMode's second effect run must not spend it (the 2nd post would fail).
    if (token && posted.current !== token) {
      posted.current = token;
      mutate(token);
    }
  }, [token, mutate]);

  return (
    <section className="panel account-page" aria-labelledby="verify-heading">
      <PageHeading id="verify-heading">{t('account.verify.heading')}</PageHeading>
      <div aria-live="polite" data-testid="verify-result">
        {!token ? (
          <Notification type="error" label={t('account.verify.failed')}>
            {t('account.verify.noToken')}
          </Notification>
        ) : verify.isSuccess ? (
          <Notification type="success" label={t('account.verify.done')}>
            <p>{t('account.verify.doneBody')}</p>
            <Link to="/signin">{t('account.verify.toSignIn')}</Link>
          </Notification>
        ) : verify.isError ? (
          <Notification type="error" label={t('account.verify.failed')}>
            <p>{describeError(verify.error, t)}</p>
            <Link to="/signin">{t('account.verify.toSignIn')}</Link>
          </Notification>
        ) : (
          <LoadingSpinner small loadingText={t('account.verify.checking')} />
        )}
      </div>
    </section>
  );
}

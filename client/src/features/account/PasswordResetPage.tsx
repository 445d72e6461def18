import { useMutation } from '@tanstack/react-query';
import { Button, Notification } from 'hds-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { accountApi } from './account-api';
import { describeError } from './auth-errors';
import { serverFieldErrors } from '@/ui/form-errors';
import { PageHeading } from './PageHeading';
import { checkNewPassword } from './password-rules';
import { EmailField, PasswordField } from './AccountFields';
import { usePageTitle } from '@/ui/use-page-title';

/**
 * /reset-password — without a token, asks for the address to mail a link to; with ?token=… (the
 * mailed link), sets the new password.
 */
export function PasswordResetPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  return token ? <ConfirmReset token={token} kind="reset" /> : <RequestReset />;
}

/**
 * /accept-invitation?token=… — the link an admin's invitation mails: the invitee sets the first
 * password, with the same form and rules as a reset.
 */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  usePageTitle(t('pageTitle.acceptInvitation'));
  const [params] = useSearchParams();
  const token = params.get('token');
  if (token) return <ConfirmReset token={token} kind="invitation" />;
  return (
    <section className="panel account-page" aria-labelledby="reset-heading">
      <PageHeading id="reset-heading">{t('account.invitation.heading')}</PageHeading>
      <Notification type="error" label={t('account.invitation.noToken')}>
        {t('account.invitation.noTokenBody')}
      </Notification>
    </section>
  );
}

function RequestReset() {
  const { t } = useTranslation();
  usePageTitle(t('pageTitle.passwordReset'));
  const [email, setEmail] = useState('');
  const [invalid, setInvalid] = useState<string>();
  const ref = useRef<HTMLInputElement>(null);
  const request = useMutation({ mutationFn: accountApi.requestPasswordReset });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim()) {
      setInvalid(t('account.validation.emailRequired'));
      return ref.current?.focus();
    }
    setInvalid(undefined);
    request.mutate(email.trim(), { onError: (err) => setInvalid(serverFieldErrors(err).email) });
  };

  return (
    <section className="panel account-page" aria-labelledby="reset-heading">
      <PageHeading id="reset-heading">{t('account.reset.heading')}</PageHeading>
      {request.isSuccess ? (
        <Notification type="success" label={t('account.reset.sentTitle')} autofocus>
          {t('account.reset.sentBody', { email: email.trim() })}
        </Notification>
      ) : (
        <>
          <p className="panel-help">{t('account.reset.help')}</p>
          {request.error && !invalid && (
            <Notification type="error" label={t('account.reset.failed')} autofocus className="account-notice">
              {describeError(request.error, t)}
            </Notification>
          )}
          <form className="account-form" onSubmit={submit} noValidate>
            <EmailField id="reset-email" ref={ref} value={email} onChange={(e) => setEmail(e.target.value)} error={invalid} />
            <Button type="submit" disabled={request.isPending}>
              {t('account.reset.submit')}
            </Button>
          </form>
        </>
      )}
      <p>
        <Link to="/signin">{t('account.reset.toSignIn')}</Link>
      </p>
    </section>
  );
}

function ConfirmReset({ token, kind }: { token: string; kind: 'reset' | 'invitation' }) {
  const { t } = useTranslation();
  const invitation = kind === 'invitation';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [invalid, setInvalid] = useState<{ password?: string; confirm?: string }>({});
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const reset = useMutation({
    mutationFn: (body: { token: string; password: string }): Promise<unknown> =>
      invitation ? accountApi.acceptInvitation(body) : accountApi.confirmPasswordReset(body),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors = checkNewPassword(password, confirm, t);
    setInvalid(errors);
    if (errors.password) return passwordRef.current?.focus();
    if (errors.confirm) return confirmRef.current?.focus();
    reset.mutate({ token, password }, { onError: (err) => setInvalid({ password: serverFieldErrors(err).password }) });
  };

  return (
    <section className="panel account-page" aria-labelledby="reset-heading">
      <PageHeading id="reset-heading">{t(invitation ? 'account.invitation.heading' : 'account.reset.newHeading')}</PageHeading>
      {invitation && !reset.isSuccess && <p className="panel-help">{t('account.invitation.help')}</p>}
      {reset.isSuccess ? (
        <Notification type="success" label={t(invitation ? 'account.invitation.doneTitle' : 'account.reset.doneTitle')} autofocus>
          <p>{t(invitation ? 'account.invitation.doneBody' : 'account.reset.doneBody')}</p>
          <Link to="/signin">{t('account.reset.toSignIn')}</Link>
        </Notification>
      ) : (
        <>
          {reset.error && !invalid.password && (
            <Notification type="error" label={t('account.reset.failed')} autofocus className="account-notice">
              <p>{describeError(reset.error, t)}</p>
              {invitation ? <p>{t('account.invitation.again')}</p> : <Link to="/reset-password">{t('account.reset.again')}</Link>}
            </Notification>
          )}
          <form className="account-form" onSubmit={submit} noValidate>
            <PasswordField
              kind="new"
              id="reset-password"
              ref={passwordRef}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={invalid.password}
            />
            <PasswordField
              kind="confirm"
              id="reset-confirm"
              ref={confirmRef}
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              error={invalid.confirm}
            />
            <Button type="submit" disabled={reset.isPending}>
              {t('account.reset.save')}
            </Button>
          </form>
        </>
      )}
    </section>
  );
}

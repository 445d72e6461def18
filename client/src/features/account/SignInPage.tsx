import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, ButtonVariant, Notification } from 'hds-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { LoginRequest } from '@contracts/auth';
import { ApiError } from '@/api/http';
import { accountApi, safeReturnTo, ssoLoginUrl } from './account-api';
import { meQuery, useAuthTransitions } from './account-query';
import { describeError } from './auth-errors';
import { serverFieldErrors } from '@/ui/form-errors';
import { useFormErrors } from '@/ui/use-form-errors';
import { PageHeading } from './PageHeading';
import { EmailField, PasswordField } from './AccountFields';
import { usePageTitle } from '@/ui/use-page-title';

/** The form's fields in the order shown, and what takes the focus when each is wrong. */
const TARGETS = { email: '#signin-email', password: '#signin-password' };

/** /signin — e-mail and password, or the city's single sign-on when the server has one. */
export function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t('pageTitle.signIn'));
  const me = useQuery(meQuery());
  const [params] = useSearchParams();
  const { state } = useLocation() as { state: { notice?: string } | null };
  const navigate = useNavigate();
  const { signedIn } = useAuthTransitions();
  const returnTo = safeReturnTo(params.get('returnTo'));
  const ssoError = params.get('ssoError');

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useFormErrors(TARGETS);
  const invalid = form.errors;

  const login = useMutation({
    mutationFn: accountApi.login,
    onSuccess: async (answer) => {
      await signedIn(answer);
      await navigate(returnTo, { replace: true });
    },
    onError: (err) => form.fromServer(err),
  });
  const resend = useMutation({ mutationFn: accountApi.resendVerification });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The route's own schema decides; an empty field is said in the reader's language.
    const valid = form.check(
      LoginRequest,
      { email, password },
      {
        say: {
          email: email.trim() ? t('account.validation.emailInvalid') : t('account.validation.emailRequired'),
          password: password ? undefined : t('account.validation.passwordRequired'),
        },
      },
    );
    if (!valid) return;
    resend.reset();
    login.mutate({ email: email.trim(), password });
  };

  const err = login.error;
  const code = err instanceof ApiError ? err.code : null;
  const serverFieldError = !!err && Object.keys(serverFieldErrors(err)).length > 0;

  if (me.data?.user) {
    return (
      <section className="panel account-page" aria-labelledby="signin-heading">
        <PageHeading id="signin-heading">{t('account.signIn.heading')}</PageHeading>
        <p>{t('account.signIn.already', { name: me.data.user.email })}</p>
        <Link to="/profile">{t('account.menu.profile')}</Link>
      </section>
    );
  }

  return (
    <section className="panel account-page" aria-labelledby="signin-heading">
      <PageHeading id="signin-heading">{t('account.signIn.heading')}</PageHeading>
      {state?.notice && (
        <Notification type="success" label={t(`account.notices.${state.notice}`)} className="account-notice">
          {t(`account.notices.${state.notice}Body`)}
        </Notification>
      )}
      {ssoError && (
        <Notification type="error" label={t('account.signIn.ssoFailed')} className="account-notice">
          {t('account.signIn.ssoFailedBody', { code: ssoError })}
        </Notification>
      )}
      {err && !serverFieldError && (
        <Notification
          type="error"
          label={t('account.signIn.failed')}
          className="account-notice"
          autofocus
          data-testid="signin-error"
        >
          <p>{describeError(err, t)}</p>
          {code === 'email_not_verified' &&
            (resend.isSuccess ? (
              <p role="status">{t('account.signIn.resent', { email: email.trim() })}</p>
            ) : (
              <Button variant={ButtonVariant.Secondary} onClick={() => resend.mutate(email.trim())} disabled={resend.isPending}>
                {t('account.signIn.resend')}
              </Button>
            ))}
          {resend.error && <p className="form-error">{describeError(resend.error, t)}</p>}
        </Notification>
      )}
      <form className="account-form" onSubmit={submit} noValidate>
        <EmailField
          id="signin-email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={invalid.email}
        />
        <PasswordField
          kind="signIn"
          id="signin-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={invalid.password}
        />
        <Button type="submit" disabled={login.isPending}>
          {login.isPending ? t('account.signIn.submitting') : t('account.signIn.submit')}
        </Button>
      </form>
      {me.data?.sso.enabled && (
        <div className="account-sso">
          <p>{t('account.signIn.or')}</p>
          {/* A plain link: the identity provider's redirects need a real navigation, not fetch. */}
          <a className="account-button-link" href={ssoLoginUrl(returnTo)}>
            {t('account.signIn.sso', { label: me.data.sso.label ?? t('account.signIn.ssoDefault') })}
          </a>
        </div>
      )}
      <ul className="account-links">
        <li>
          <Link to={{ pathname: '/signup', search: params.get('returnTo') ? `?returnTo=${encodeURIComponent(returnTo)}` : '' }}>
            {t('account.signIn.toSignUp')}
          </Link>
        </li>
        <li>
          <Link to="/reset-password">{t('account.signIn.toReset')}</Link>
        </li>
      </ul>
    </section>
  );
}

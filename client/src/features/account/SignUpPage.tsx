import { useMutation } from '@tanstack/react-query';
import { Button, Notification, TextInput } from 'hds-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SignupRequest } from '@contracts/auth';
import { accountApi } from './account-api';
import { describeError } from './auth-errors';
import { serverFieldErrors } from '@/ui/form-errors';
import { useFormErrors } from '@/ui/use-form-errors';
import { PageHeading } from './PageHeading';
import { checkNewPassword } from './password-rules';
import { EmailField, PasswordField } from './AccountFields';
import { errorProps } from '@/ui/error-props';
import { usePageTitle } from '@/ui/use-page-title';

type Field = 'email' | 'displayName' | 'password' | 'confirm';
/** The form's fields in the order shown, and what takes the focus when each is wrong. */
const TARGETS: Record<Field, string> = {
  email: '#signup-email',
  displayName: '#signup-name',
  password: '#signup-password',
  confirm: '#signup-confirm',
};

/** /signup — makes a resident account; it can sign in once the mailed link has been opened. */
export function SignUpPage() {
  const { t } = useTranslation();
  usePageTitle(t('pageTitle.signUp'));
  const [values, setValues] = useState<Record<Field, string>>({ email: '', displayName: '', password: '', confirm: '' });
  const form = useFormErrors(TARGETS);
  const invalid = form.errors as Partial<Record<Field, string>>;

  const signup = useMutation({
    mutationFn: accountApi.signup,
    onError: (err) => form.fromServer(err),
  });

  const set = (f: Field) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const displayName = values.displayName.trim();
    const body = { email: values.email, password: values.password, ...(displayName ? { displayName } : {}) };
    // The route's own schema decides; the password rules and the e-mail's absence are said in the reader's language.
    const passwords = checkNewPassword(values.password, values.confirm, t);
    const valid = form.check(SignupRequest, body, {
      say: {
        email: values.email.trim() ? t('account.validation.emailInvalid') : t('account.validation.emailRequired'),
        password: passwords.password,
      },
      extra: passwords,
    });
    if (valid) signup.mutate(SignupRequest.parse(body));
  };

  if (signup.isSuccess) {
    return (
      <section className="panel account-page" aria-labelledby="signup-heading">
        <PageHeading id="signup-heading">{t('account.signUp.heading')}</PageHeading>
        <Notification type="success" label={t('account.signUp.sentTitle')} autofocus data-testid="signup-done">
          {t('account.signUp.sentBody', { email: values.email.trim() })}
        </Notification>
        <p>
          <Link to="/signin">{t('account.signUp.toSignIn')}</Link>
        </p>
      </section>
    );
  }

  const err = signup.error;
  const showError = !!err && Object.keys(serverFieldErrors(err)).length === 0;
  return (
    <section className="panel account-page" aria-labelledby="signup-heading">
      <PageHeading id="signup-heading">{t('account.signUp.heading')}</PageHeading>
      <p className="panel-help">{t('account.signUp.help')}</p>
      {showError && (
        <Notification type="error" label={t('account.signUp.failed')} autofocus className="account-notice">
          {describeError(err, t)}
        </Notification>
      )}
      <form className="account-form" onSubmit={submit} noValidate>
        <EmailField id="signup-email" value={values.email} onChange={set('email')} error={invalid.email} />
        <TextInput
          id="signup-name"
          label={t('account.fields.displayName')}
          helperText={t('account.fields.displayNameHelp')}
          autoComplete="name"
          maxLength={80}
          value={values.displayName}
          onChange={set('displayName')}
          {...errorProps(invalid.displayName)}
        />
        <PasswordField
          kind="new"
          id="signup-password"
          value={values.password}
          onChange={set('password')}
          error={invalid.password}
        />
        <PasswordField
          kind="confirm"
          id="signup-confirm"
          value={values.confirm}
          onChange={set('confirm')}
          error={invalid.confirm}
        />
        <Button type="submit" disabled={signup.isPending}>
          {t('account.signUp.submit')}
        </Button>
      </form>
      <p>
        {t('account.signUp.haveAccount')} <Link to="/signin">{t('account.signUp.toSignIn')}</Link>
      </p>
    </section>
  );
}

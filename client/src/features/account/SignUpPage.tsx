import { useMutation } from '@tanstack/react-query';
import { Button, Notification, TextInput } from 'hds-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { accountApi } from './account-api';
import { describeError } from './auth-errors';
import { serverFieldErrors } from '@/ui/form-errors';
import { PageHeading } from './PageHeading';
import { checkNewPassword } from './password-rules';
import { EmailField, PasswordField } from './AccountFields';
import { errorProps } from '@/ui/error-props';

type Field = 'email' | 'displayName' | 'password' | 'confirm';

/** /signup — makes a resident account; it can sign in once the mailed link has been opened. */
export function SignUpPage() {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<Field, string>>({ email: '', displayName: '', password: '', confirm: '' });
  const [invalid, setInvalid] = useState<Partial<Record<Field, string>>>({});
  const refs = {
    email: useRef<HTMLInputElement>(null),
    displayName: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    confirm: useRef<HTMLInputElement>(null),
  };
  const focusFirst = (errors: Partial<Record<Field, string>>) => {
    const first = (Object.keys(refs) as Field[]).find((f) => errors[f]);
    // After React has re-rendered the fields with their messages: focusing now could land on an
    // input that the re-render replaces.
    if (first) setTimeout(() => refs[first].current?.focus(), 0);
    return !!first;
  };

  const signup = useMutation({
    mutationFn: accountApi.signup,
    onError: (err) => {
      const fields = serverFieldErrors(err) as Partial<Record<Field, string>>;
      setInvalid(fields);
      focusFirst(fields);
    },
  });

  const set = (f: Field) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Partial<Record<Field, string>> = {
      email: values.email.trim() ? undefined : t('account.validation.emailRequired'),
      ...checkNewPassword(values.password, values.confirm, t),
    };
    setInvalid(errors);
    if (focusFirst(errors)) return;
    const displayName = values.displayName.trim();
    signup.mutate({ email: values.email.trim(), password: values.password, ...(displayName ? { displayName } : {}) });
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
        <EmailField id="signup-email" ref={refs.email} value={values.email} onChange={set('email')} error={invalid.email} />
        <TextInput
          id="signup-name"
          ref={refs.displayName}
          label={t('account.fields.displayName')}
          helperText={t('account.fields.displayNameHelp')}
          autoComplete="name"
          maxLength={80}
          value={values.displayName}
          onChange={set('displayName')}
          {...errorProps(invalid.displayName)}
        />
        <PasswordField kind="new" id="signup-password" ref={refs.password} value={values.password} onChange={set('password')} error={invalid.password} />
        <PasswordField kind="confirm" id="signup-confirm" ref={refs.confirm} value={values.confirm} onChange={set('confirm')} error={invalid.confirm} />
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

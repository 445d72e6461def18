import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Language } from '@contracts/common';
import { Button, ButtonVariant, LoadingSpinner, Notification, RadioButton, SelectionGroup } from 'hds-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDepartmentName } from '@/layers/activities/use-department-name';
import { Link } from 'react-router';
import { ApiError } from '@/api/http';
import { accountApi } from './account-api';
import { meQuery, useAccount, useAuthTransitions } from './account-query';
import { LANGUAGES } from '@/i18n/languages';
import { errorMessage } from '@/ui/format';
import { describeError } from './auth-errors';
import { serverFieldErrors } from '@/ui/form-errors';
import { formatDate } from '@/ui/helsinki-time';
import { PageHeading } from './PageHeading';
import { checkNewPassword } from './password-rules';
import { useSignOut } from './use-sign-out';
import { PasswordField } from './AccountFields';
import { usePageTitle } from '@/ui/use-page-title';

/** /profile — the signed-in account, its roles and memberships, password and signing out. */
export function ProfilePage() {
  const { t } = useTranslation();
  const departmentName = useDepartmentName();
  usePageTitle(t('pageTitle.profile'));
  const { me, user, isLoading } = useAccount();
  const signOut = useSignOut();

  if (isLoading) return <LoadingSpinner small loadingText={t('account.loading')} />;
  if (!user || !me) {
    return (
      <section className="panel account-page" aria-labelledby="profile-heading">
        <PageHeading id="profile-heading">{t('account.profile.heading')}</PageHeading>
        <p>{t('account.profile.signedOut')}</p>
        <Link to="/signin?returnTo=%2Fprofile">{t('account.menu.signIn')}</Link>
      </section>
    );
  }

  const none = <span className="account-none">{t('account.profile.none')}</span>;
  const signOutError = signOut.here.error ?? signOut.everywhere.error;
  return (
    <section className="panel account-page" aria-labelledby="profile-heading">
      <PageHeading id="profile-heading">{t('account.profile.heading')}</PageHeading>
      <dl className="kk-facts" data-testid="profile-facts">
        <div>
          <dt>{t('account.fields.email')}</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>{t('account.fields.displayName')}</dt>
          <dd>{user.displayName ?? none}</dd>
        </div>
        <div>
          <dt>{t('account.profile.roles')}</dt>
          <dd>{me.roles.length ? me.roles.map((r) => t(`account.roles.${r}`)).join(', ') : none}</dd>
        </div>
        <div>
          <dt>{t('account.profile.departments')}</dt>
          <dd>{me.departments.length ? me.departments.map((d) => departmentName(d.slug) || d.nameFi).join(', ') : none}</dd>
        </div>
        <div>
          <dt>{t('account.profile.kehraGroups')}</dt>
          <dd>{me.kehraGroups.length ? me.kehraGroups.map((g) => g.name).join(', ') : none}</dd>
        </div>
        <div>
          <dt>{t('account.profile.since')}</dt>
          <dd>{formatDate(user.createdAt)}</dd>
        </div>
      </dl>

      <MailLanguage language={user.language} />

      {user.hasPassword ? <ChangePassword /> : <p className="panel-help">{t('account.profile.noPassword')}</p>}

      <section aria-labelledby="signout-heading" className="account-subsection">
        <h3 id="signout-heading" className="account-subheading">
          {t('account.profile.signOutHeading')}
        </h3>
        <p className="panel-help">{t('account.profile.signOutHelp')}</p>
        {signOutError && (
          <Notification type="error" label={t('account.profile.signOutFailed')} autofocus>
            {describeError(signOutError, t)}
          </Notification>
        )}
        <div className="account-actions">
          <Button onClick={() => signOut.here.mutate()} disabled={signOut.here.isPending}>
            {t('account.menu.signOut')}
          </Button>
          <Button
            variant={ButtonVariant.Secondary}
            onClick={() => signOut.everywhere.mutate()}
            disabled={signOut.everywhere.isPending}
          >
            {t('account.profile.signOutEverywhere')}
          </Button>
        </div>
      </section>
    </section>
  );
}

/** The language of the account's e-mails: the one signed up in until changed here. */
function MailLanguage({ language }: { language: Language }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: accountApi.setLanguage,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQuery().queryKey }),
  });
  const shown = save.isPending && save.variables ? save.variables : language;
  return (
    <section aria-labelledby="mail-language-heading" className="account-subsection">
      <h3 id="mail-language-heading" className="account-subheading">
        {t('account.profile.mailLanguage')}
      </h3>
      <SelectionGroup
        label={t('account.profile.mailLanguageLabel')}
        errorText={save.error ? errorMessage(save.error) : undefined}
      >
        {LANGUAGES.map((l) => (
          <RadioButton
            key={l}
            id={`mail-language-${l}`}
            name="mail-language"
            value={l}
            label={t(`lang.${l}`)}
            checked={shown === l}
            disabled={save.isPending}
            onChange={() => save.mutate(l)}
          />
        ))}
      </SelectionGroup>
    </section>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const { signedIn } = useAuthTransitions();
  const { me } = useAccount();
  const [values, setValues] = useState({ current: '', password: '', confirm: '' });
  const [invalid, setInvalid] = useState<{ current?: string; password?: string; confirm?: string }>({});
  const refs = {
    current: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    confirm: useRef<HTMLInputElement>(null),
  };
  const change = useMutation({
    mutationFn: accountApi.changePassword,
    onSuccess: async () => {
      setValues({ current: '', password: '', confirm: '' });
      // The server ended the other sessions; re-read /me so this one's state is current.
      if (me) await signedIn(me);
    },
    onError: (err) => {
      const f = serverFieldErrors(err);
      const errors = {
        current:
          f.currentPassword ?? (err instanceof ApiError && err.code === 'wrong_password' ? describeError(err, t) : undefined),
        password: f.newPassword,
      };
      setInvalid(errors);
      if (errors.current) refs.current.current?.focus();
      else if (errors.password) refs.password.current?.focus();
    },
  });
  const set = (f: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors = {
      current: values.current ? undefined : t('account.validation.passwordRequired'),
      ...checkNewPassword(values.password, values.confirm, t),
    };
    setInvalid(errors);
    const first = (['current', 'password', 'confirm'] as const).find((f) => errors[f]);
    if (first) return refs[first].current?.focus();
    change.mutate({ currentPassword: values.current, newPassword: values.password });
  };

  const generalError = change.error && !invalid.current && !invalid.password ? change.error : null;
  return (
    <section aria-labelledby="password-heading" className="account-subsection">
      <h3 id="password-heading" className="account-subheading">
        {t('account.profile.passwordHeading')}
      </h3>
      {change.isSuccess && (
        <Notification type="success" label={t('account.profile.passwordChanged')} autofocus className="account-notice">
          {t('account.profile.passwordChangedBody')}
        </Notification>
      )}
      {generalError && (
        <Notification type="error" label={t('account.profile.passwordFailed')} autofocus className="account-notice">
          {describeError(generalError, t)}
        </Notification>
      )}
      <form className="account-form" onSubmit={submit} noValidate>
        <PasswordField
          kind="current"
          id="profile-current-password"
          ref={refs.current}
          value={values.current}
          onChange={set('current')}
          error={invalid.current}
        />
        <PasswordField
          kind="new"
          id="profile-new-password"
          ref={refs.password}
          value={values.password}
          onChange={set('password')}
          error={invalid.password}
        />
        <PasswordField
          kind="confirm"
          id="profile-confirm-password"
          ref={refs.confirm}
          value={values.confirm}
          onChange={set('confirm')}
          error={invalid.confirm}
        />
        <Button type="submit" variant={ButtonVariant.Secondary} disabled={change.isPending}>
          {t('account.profile.changePassword')}
        </Button>
      </form>
    </section>
  );
}

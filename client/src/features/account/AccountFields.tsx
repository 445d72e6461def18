import { PasswordInput, TextInput } from 'hds-react';
import type { ChangeEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { errorProps } from '@/ui/error-props';

interface FieldProps {
  id: string;
  ref?: Ref<HTMLInputElement>;
  value: string;
  onChange: (e: ChangeEvent<HTMLInputElement>) => void;
  /** The field's error message; marks it invalid for screen readers too. */
  error?: string;
}

/** Which password a field asks for: its label, help and what the browser's password manager fills in. */
const PASSWORDS = {
  signIn: { label: 'account.fields.password', autoComplete: 'current-password', help: null },
  current: { label: 'account.fields.currentPassword', autoComplete: 'current-password', help: null },
  new: { label: 'account.fields.newPassword', autoComplete: 'new-password', help: 'account.fields.passwordHelp' },
  confirm: { label: 'account.fields.confirmPassword', autoComplete: 'new-password', help: null },
} as const;

/** A required password field with a show/hide button, the same on every account page. */
export function PasswordField({ kind, error, ...field }: FieldProps & { kind: keyof typeof PASSWORDS }) {
  const { t } = useTranslation();
  const p = PASSWORDS[kind];
  return (
    <PasswordInput
      {...field}
      label={t(p.label)}
      helperText={p.help ? t(p.help) : undefined}
      autoComplete={p.autoComplete}
      required
      {...errorProps(error)}
      includeShowPasswordButton
      revealPasswordButtonAriaLabel={t('account.fields.showPassword')}
      concealPasswordButtonAriaLabel={t('account.fields.hidePassword')}
    />
  );
}

/** A required e-mail field; on the sign-in page it is the account's user name for password managers. */
export function EmailField({ error, autoComplete = 'email', ...field }: FieldProps & { autoComplete?: 'email' | 'username' }) {
  const { t } = useTranslation();
  return (
    <TextInput
      {...field}
      label={t('account.fields.email')}
      type="email"
      autoComplete={autoComplete}
      required
      {...errorProps(error)}
    />
  );
}

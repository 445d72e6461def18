import type { TFunction } from 'i18next';
import { NewPassword } from '@contracts/auth';

/**
 * Checks a new password and its confirmation with the server's own rule (contracts' NewPassword),
 * so the form tells in the reader's language what the server would refuse in English.
 */
export function checkNewPassword(password: string, confirm: string, t: TFunction): { password?: string; confirm?: string } {
  if (!password) return { password: t('account.validation.passwordRequired') };
  const parsed = NewPassword.safeParse(password);
  if (!parsed.success) {
    const tooLong = password.length > 256;
    return {
      password: tooLong
        ? t('account.validation.passwordTooLong')
        : password.length < 10
          ? t('account.validation.passwordTooShort')
          : t('account.validation.passwordInvalid'),
    };
  }
  if (password !== confirm) return { confirm: t('account.validation.passwordMismatch') };
  return {};
}

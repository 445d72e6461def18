import type { TFunction } from 'i18next';
import { ApiError } from '@/api/http';

/** Seconds to wait, from a 429's details (the same number the server sends as Retry-After). */
export function retryAfterSeconds(err: unknown): number | null {
  if (!(err instanceof ApiError) || err.status !== 429) return null;
  const s = (err.details as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  return typeof s === 'number' && s > 0 ? s : null;
}

/** "3 min" / "45 s": lockouts are minutes long, rate-limit windows can be seconds. */
export function formatWait(seconds: number, t: TFunction): string {
  return seconds >= 60
    ? t('account.errors.minutes', { count: Math.ceil(seconds / 60) })
    : t('account.errors.seconds', { count: seconds });
}

/**
 * A translated sentence for an API failure. Known codes get their own text; anything else falls
 * back to the server's message, so nothing fails silently.
 */
export function describeError(err: unknown, t: TFunction): string {
  if (!(err instanceof ApiError)) return t('account.errors.network');
  const wait = retryAfterSeconds(err);
  switch (err.code) {
    case 'invalid_credentials':
      return t('account.errors.invalidCredentials');
    case 'email_not_verified':
      return t('account.errors.emailNotVerified');
    case 'account_disabled':
      return t('account.errors.accountDisabled');
    case 'account_locked':
      return t('account.errors.locked', { wait: formatWait(wait ?? 60, t) });
    case 'rate_limited':
      return t('account.errors.rateLimited', { wait: formatWait(wait ?? 60, t) });
    case 'invalid_token':
      return t('account.errors.invalidToken');
    case 'wrong_password':
      return t('account.errors.wrongPassword');
    case 'authentication_required':
      return t('account.errors.authenticationRequired');
    case 'forbidden':
      return t('account.errors.forbidden');
    case 'csrf_failed':
      return t('account.errors.csrf');
    default:
      return err.status >= 500 ? t('account.errors.server') : err.message;
  }
}

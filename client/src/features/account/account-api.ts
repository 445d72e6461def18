import type { AcceptedResponse, MeResponse } from '@contracts/auth';
import type { Language } from '@contracts/common';
import { sendJson } from '@/api/http';
import { i18n } from '@/i18n';

/** The account endpoints of server/src/auth (see its README); each resolves to the server's answer. */
export const accountApi = {
  // The language signed up in is the one the account's e-mails are written in (changed on the profile).
  signup: (body: { email: string; password: string; displayName?: string }) =>
    sendJson<AcceptedResponse>('POST', '/api/auth/signup', { ...body, language: i18n.language }),
  setLanguage: (language: Language) => sendJson<void>('PUT', '/api/auth/language', { language }),
  verify: (token: string) => sendJson<{ status: 'verified' }>('POST', '/api/auth/verify', { token }),
  resendVerification: (email: string) => sendJson<AcceptedResponse>('POST', '/api/auth/verify/resend', { email }),
  login: (body: { email: string; password: string }) => sendJson<MeResponse>('POST', '/api/auth/login', body),
  logout: () => sendJson<void>('POST', '/api/auth/logout', {}),
  logoutEverywhere: () => sendJson<{ sessionsEnded: number }>('POST', '/api/auth/logout-all', {}),
  requestPasswordReset: (email: string) => sendJson<AcceptedResponse>('POST', '/api/auth/password-reset/request', { email }),
  acceptInvitation: (body: { token: string; password: string }) =>
    sendJson<{ status: 'password_set' }>('POST', '/api/auth/invitation/accept', body),
  confirmPasswordReset: (body: { token: string; password: string }) =>
    sendJson<{ status: 'password_changed' }>('POST', '/api/auth/password-reset/confirm', body),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    sendJson<{ status: 'password_changed' }>('POST', '/api/auth/password', body),
};

/** Where single sign-on starts: a browser navigation (never fetch), back to `returnTo` afterwards. */
export const ssoLoginUrl = (returnTo: string) => `/api/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`;

/** A same-site path to go to after signing in; anything else (another origin, `//host`) becomes /profile. */
export function safeReturnTo(value: string | null | undefined): string {
  return value && /^\/(?![/\\])[^\s]*$/.test(value) && value.length <= 500 ? value : '/profile';
}

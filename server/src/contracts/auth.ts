import { z } from 'zod';
import { Language, PlainText } from './common.js';

/** Roles held by accounts; a visitor is simply someone without an account. */
export const ROLES = ['resident', 'official', 'kehra', 'moderator', 'admin'] as const;
export const Role = z.enum(ROLES, { error: `role must be one of: ${ROLES.join(', ')}` });
export type Role = z.infer<typeof Role>;

// eslint-disable-next-line no-control-regex
const INVISIBLE_OR_CONTROL = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;

/**
 * An e-mail address as typed (trimmed). Plain ASCII only: internationalised addresses are rare
 * here and a common vehicle for look-alike tricks.
 */
export const Email = z
  .string({ error: 'email must be text' })
  // Checked before trimming: trim() would silently drop a byte order mark.
  .refine((s) => !INVISIBLE_OR_CONTROL.test(s), 'email contains invisible or control characters')
  .transform((s) => s.trim())
  .pipe(z.string().max(254, 'email must be at most 254 characters'))
  .pipe(z.email({ pattern: z.regexes.email, error: 'email must be a valid e-mail address' }));

/** Any characters are allowed, but not control characters; length bounds keep hashing cheap. */
export const NewPassword = z
  .string({ error: 'password must be text' })
  .min(10, 'password must be at least 10 characters')
  .max(256, 'password must be at most 256 characters')
  // eslint-disable-next-line no-control-regex -- finding control characters is what this pattern is for
  .refine((s) => !/[\u0000-\u001F\u007F]/.test(s), 'password contains control characters');

/** A password as given at login: checked only for size, never for strength. */
export const Password = z
  .string({ error: 'password must be text' })
  .min(1, 'password is required')
  .max(256, 'password must be at most 256 characters');

/** One-time tokens (e-mail verification, password reset): 32 random bytes, base64url. */
export const OneTimeToken = z.string({ error: 'token must be text' }).regex(/^[A-Za-z0-9_-]{43}$/, 'token is not a valid token');

/** Shown publicly in place of the account: never an e-mail address (the database refuses one as well). */
export const DisplayName = PlainText('displayName', 80).refine(
  (s) => !s.includes('@'),
  'displayName must be a name, not an e-mail address',
);
/** Roles whose holders appear publicly by name (responsible official, editor, moderator): they need a display name. */
export const NAMED_ROLES = ['official', 'admin', 'moderator', 'kehra'] as const;

export const SignupRequest = z
  .object({ email: Email, password: NewPassword, displayName: DisplayName.optional(), language: Language.optional() })
  .strict();
/** PUT /api/auth/language — the language the account's e-mails are written in. */
export const AccountLanguageRequest = z.object({ language: Language }).strict();
export const LoginRequest = z.object({ email: Email, password: Password }).strict();
export const VerifyRequest = z.object({ token: OneTimeToken }).strict();
export const ResendVerificationRequest = z.object({ email: Email }).strict();
export const PasswordResetRequest = z.object({ email: Email }).strict();
export const PasswordResetConfirm = z.object({ token: OneTimeToken, password: NewPassword }).strict();
/** POST /api/auth/invitation/accept — the invitee sets the first password with the mailed link. */
export const InvitationAcceptRequest = z.object({ token: OneTimeToken, password: NewPassword }).strict();
export const PasswordChangeRequest = z.object({ currentPassword: Password, newPassword: NewPassword }).strict();
export { EmptyBody } from './common.js';

/** A same-site path to return to after single sign-on (never another origin). */
export const ReturnTo = z
  .string()
  .max(500)
  .regex(/^\/(?![/\\])[^\s]*$/, 'returnTo must be a path on this site');
export const OidcLoginQuery = z.object({ returnTo: ReturnTo.optional() }).strict();

export interface DepartmentRef {
  id: number;
  slug: string;
  nameFi: string;
}
export interface KehraGroupRef {
  id: number;
  name: string;
}

export interface AccountUser {
  id: number;
  email: string;
  displayName: string | null;
  emailVerified: boolean;
  hasPassword: boolean;
  /** The language of the account's e-mails. */
  language: Language;
  createdAt: string;
}

/**
 * GET /api/auth/me — who is signed in (user null for a visitor). While signed in, send csrfToken
 * back as the X-CSRF-Token header on every POST/PUT/PATCH/DELETE; a visitor's is null.
 */
export interface MeResponse {
  user: AccountUser | null;
  roles: Role[];
  departments: DepartmentRef[];
  kehraGroups: KehraGroupRef[];
  csrfToken: string | null;
  sso: { enabled: boolean; label: string | null };
}

/** Accepted requests whose outcome is told by e-mail (so no answer reveals who has an account). */
export interface AcceptedResponse {
  status: 'accepted';
}

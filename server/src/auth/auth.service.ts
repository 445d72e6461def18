import type { Knex } from 'knex';
import { recordAudit, systemActor, type AuditActor } from '../audit/audit.service.js';
import { HttpError } from '../http/errors.js';
import { log } from '../log.js';
import { hashToken, newToken } from '../security/tokens.js';
import type { AdminUser, InviteRequest } from '../contracts/users.js';
import * as users from '../users/users.repository.js';
import { createInvited } from '../users/users.service.js';
import type { AuthOptions } from './auth-options.js';
import * as repo from './auth.repository.js';
import type { Language } from '../contracts/common.js';
import { accountExistsText, passwordResetText, verifyEmailText } from '../mail/mail-texts.js';
import type { OidcIdentity } from './oidc.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.js';

const VERIFY_TTL_SECONDS = 48 * 3600;
const RESET_TTL_SECONDS = 3600;
/** An invitation waits a week: the invitee may be on leave when it arrives. */
const INVITATION_TTL_SECONDS = 7 * 24 * 3600;

const invalidCredentials = () => new HttpError(401, 'invalid_credentials', 'Wrong e-mail address or password');
const invalidToken = () => new HttpError(400, 'invalid_token', 'The link is invalid, already used or expired: ask for a new one');

async function issueToken(knex: Knex, userId: number, purpose: repo.TokenPurpose, ttlSeconds: number): Promise<string> {
  const token = newToken();
  await repo.insertToken(knex, { tokenHash: hashToken(token), userId, purpose, ttlSeconds });
  return token;
}

const link = (opts: AuthOptions, page: string, token: string) => `${opts.publicUrl}/${page}?token=${encodeURIComponent(token)}`;

async function sendVerification(
  knex: Knex,
  opts: AuthOptions,
  user: { id: number; email: string; language: Language },
): Promise<void> {
  const token = await issueToken(knex, user.id, 'verify_email', VERIFY_TTL_SECONDS);
  await opts.mailer.send({ to: user.email, ...verifyEmailText[user.language](link(opts, 'verify-email', token)) });
}

/**
 * Creates a resident account and sends the verification link. Whether the address already has
 * an account is never told in the answer (only by e-mail to that address), so sign-up cannot be
 * used to find out who is registered.
 */
export async function signup(
  knex: Knex,
  opts: AuthOptions,
  input: { email: string; password: string; displayName?: string; language?: Language },
): Promise<void> {
  const passwordHash = await hashPassword(input.password, opts.scryptLogN);
  const existing = await users.userByEmail(knex, input.email);
  if (existing) {
    if (!existing.email_verified_at) await sendVerification(knex, opts, existing);
    else {
      await opts.mailer.send({
        to: existing.email,
        ...accountExistsText[existing.language](`${opts.publicUrl}/reset-password`),
      });
    }
    return;
  }
  await knex.transaction(async (trx) => {
    const id = await users.insertUser(trx, {
      email: input.email,
      displayName: input.displayName ?? null,
      passwordHash,
      emailVerified: false,
      language: input.language,
    });
    if (!id) return; // registered concurrently by the same address
    await users.replaceRoles(trx, id, ['resident'], null);
    await sendVerification(trx, opts, { id, email: input.email, language: input.language ?? 'fi' });
  });
}

export async function verifyEmail(knex: Knex, token: string): Promise<void> {
  await knex.transaction(async (trx) => {
    const userId = await repo.consumeToken(trx, hashToken(token), 'verify_email');
    if (!userId) throw invalidToken();
    await users.markEmailVerified(trx, userId);
  });
}

export async function resendVerification(knex: Knex, opts: AuthOptions, email: string): Promise<void> {
  const user = await users.userByEmail(knex, email);
  if (user && !user.email_verified_at && !user.disabled_at) await sendVerification(knex, opts, user);
}

function lockedError(until: Date): HttpError {
  const retryAfter = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new HttpError(429, 'account_locked', `Too many failed sign-ins: try again in ${retryAfter} s`, {
    retryAfterSeconds: retryAfter,
  });
}

/**
 * Checks e-mail and password. Repeated failures lock the account for a while (429 with
 * Retry-After); a locked account refuses even the right password until the lock ends.
 * An address without an account (or without a password) goes through the same steps with the same
 * work (scrypt against a dummy hash) and the same answers, its failures counted per address, so no
 * step of sign-in or lockout tells whether someone is registered with an address.
 */
export async function login(
  knex: Knex,
  opts: AuthOptions,
  input: { email: string; password: string },
  ip: string | null,
): Promise<number> {
  const found = await users.userByEmail(knex, input.email);
  const user = found?.password_hash ? found : null;
  let check: { ok: boolean; needsRehash: boolean } = { ok: false, needsRehash: false };
  if (user) check = await verifyPassword(input.password, user.password_hash!, opts.scryptLogN);
  else await burnPasswordCheck(input.password, opts.scryptLogN);
  const lockedUntil = user ? user.locked_until : await repo.addressLockedUntil(knex, input.email);
  if (lockedUntil && lockedUntil > new Date()) throw lockedError(lockedUntil);
  if (!user || !check.ok) {
    const nowLocked = user
      ? await users.recordFailedLogin(knex, user.id, opts.lockoutThreshold, opts.lockoutSeconds)
      : await repo.recordFailedAddressLogin(knex, input.email, opts.lockoutThreshold, opts.lockoutSeconds);
    if (nowLocked) {
      if (user) {
        await recordAudit(
          knex,
          { userId: null, email: null, ip },
          {
            action: 'auth.lockout',
            target: { type: 'user', id: user.id },
            after: { lockedUntil: nowLocked.toISOString() },
          },
        );
        log.warn(`Account ${user.id} locked after ${opts.lockoutThreshold} failed sign-ins`);
      }
      throw lockedError(nowLocked);
    }
    throw invalidCredentials();
  }
  if (user.disabled_at) throw new HttpError(403, 'account_disabled', 'This account has been disabled');
  if (!user.email_verified_at) {
    throw new HttpError(403, 'email_not_verified', 'Verify your e-mail address first: see the link we sent');
  }
  if (check.needsRehash) await users.setPasswordHash(knex, user.id, await hashPassword(input.password, opts.scryptLogN));
  await users.recordSuccessfulLogin(knex, user.id);
  return user.id;
}

export async function requestPasswordReset(knex: Knex, opts: AuthOptions, email: string): Promise<void> {
  const user = await users.userByEmail(knex, email);
  if (!user || user.disabled_at) return;
  const token = await issueToken(knex, user.id, 'password_reset', RESET_TTL_SECONDS);
  await opts.mailer.send({ to: user.email, ...passwordResetText[user.language](link(opts, 'reset-password', token)) });
}

/**
 * A one-time link's password step (reset or invitation): the link's account gets the password, and
 * following the link proves the address; `then` adds the kind's own steps in the same transaction.
 */
async function setPasswordByLink(
  knex: Knex,
  opts: AuthOptions,
  input: { token: string; password: string },
  purpose: repo.TokenPurpose,
  then: (trx: Knex.Transaction, userId: number) => Promise<unknown>,
): Promise<void> {
  const passwordHash = await hashPassword(input.password, opts.scryptLogN);
  await knex.transaction(async (trx) => {
    const userId = await repo.consumeToken(trx, hashToken(input.token), purpose);
    if (!userId) throw invalidToken();
    await users.setPasswordHash(trx, userId, passwordHash);
    await users.markEmailVerified(trx, userId);
    await then(trx, userId);
  });
}

/** Sets the new password, lifts a lockout, and signs the account out everywhere. */
export async function confirmPasswordReset(
  knex: Knex,
  opts: AuthOptions,
  input: { token: string; password: string },
  actor: AuditActor,
): Promise<void> {
  await setPasswordByLink(knex, opts, input, 'password_reset', async (trx, userId) => {
    await users.clearLockout(trx, userId);
    const sessions = await repo.deleteUserSessions(trx, userId);
    await recordAudit(trx, actor, {
      action: 'auth.password_reset',
      target: { type: 'user', id: userId },
      after: { sessionsEnded: sessions },
    });
  });
}

export async function changePassword(
  knex: Knex,
  opts: AuthOptions,
  userId: number,
  keepSessionHash: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await users.userById(knex, userId);
  if (!user?.password_hash) {
    throw new HttpError(400, 'no_password', 'This account signs in through single sign-on and has no password');
  }
  const check = await verifyPassword(input.currentPassword, user.password_hash, opts.scryptLogN);
  if (!check.ok) throw new HttpError(400, 'wrong_password', 'The current password is not right');
  const hash = await hashPassword(input.newPassword, opts.scryptLogN);
  await knex.transaction(async (trx) => {
    await users.setPasswordHash(trx, userId, hash);
    await repo.deleteUserSessions(trx, userId, keepSessionHash);
  });
}

export const logout = (knex: Knex, sessionIdHash: string) => repo.deleteSession(knex, sessionIdHash);
export const logoutEverywhere = (knex: Knex, userId: number) => repo.deleteUserSessions(knex, userId);

/**
 * Finds or creates the account of a single sign-on identity. An existing password account is
 * linked only when the provider vouches for the e-mail address (email_verified).
 */
export async function accountForOidcIdentity(knex: Knex, id: OidcIdentity): Promise<number> {
  const known = await users.userByOidcSubject(knex, id.issuer, id.subject);
  if (known) {
    if (known.disabled_at) throw new HttpError(403, 'account_disabled', 'This account has been disabled');
    await users.recordSuccessfulLogin(knex, known.id);
    return known.id;
  }
  if (!id.email) throw new HttpError(400, 'sso_no_email', 'The identity provider did not give an e-mail address');
  return knex.transaction(async (trx) => {
    const byEmail = await users.userByEmail(trx, id.email!);
    if (byEmail) {
      if (!id.emailVerified) {
        throw new HttpError(
          409,
          'sso_email_unverified',
          'An account with this e-mail exists; the provider has not verified the address',
        );
      }
      if (byEmail.disabled_at) throw new HttpError(403, 'account_disabled', 'This account has been disabled');
      await users.linkOidcSubject(trx, byEmail.id, id.issuer, id.subject);
      await users.markEmailVerified(trx, byEmail.id);
      await users.recordSuccessfulLogin(trx, byEmail.id);
      await recordAudit(trx, systemActor(`sso:${id.issuer}`), {
        action: 'auth.sso_link',
        target: { type: 'user', id: byEmail.id },
      });
      return byEmail.id;
    }
    const newId = await users.insertUser(trx, {
      email: id.email!,
      // Some providers put the address in the name: it would be shown publicly, so it is left out.
      displayName: id.name && !id.name.includes('@') && id.name.trim() ? id.name : null,
      passwordHash: null,
      emailVerified: id.emailVerified,
      oidc: { issuer: id.issuer, subject: id.subject },
    });
    if (!newId) throw new HttpError(409, 'conflict', 'The account was created at the same moment: try again');
    await users.replaceRoles(trx, newId, ['resident'], null);
    await users.recordSuccessfulLogin(trx, newId);
    return newId;
  });
}

/** The language the account's e-mails are written in (chosen on the profile). */
export async function setAccountLanguage(knex: Knex, userId: number, language: Language): Promise<void> {
  await users.setLanguage(knex, userId, language);
}

/**
 * An admin's invitation: the account with its roles, and a one-time link mailed to the person to
 * set a password. The mail goes after the commit, so a refused invitation sends nothing.
 */
export async function inviteAccount(knex: Knex, opts: AuthOptions, actor: AuditActor, input: InviteRequest): Promise<AdminUser> {
  const { user, token } = await knex.transaction(async (trx) => {
    const created = await createInvited(trx, actor, input);
    return { user: created, token: await issueToken(trx, created.id, 'invitation', INVITATION_TTL_SECONDS) };
  });
  const url = link(opts, 'accept-invitation', token);
  await opts.mailer.send({
    to: user.email,
    subject: 'Kutsu Kaupunki kartalla -palveluun / Inbjudan till Kaupunki kartalla / Invitation to Kaupunki kartalla',
    text:
      `Sinut on kutsuttu Kaupunki kartalla -palveluun nimellä ${input.displayName}. ` +
      `Aseta salasanasi avaamalla linkki viikon kuluessa:\n${url}\n\n` +
      `Du har bjudits in till Kaupunki kartalla. Välj ditt lösenord genom att öppna länken inom en vecka:\n${url}\n\n` +
      `You have been invited to Kaupunki kartalla. Set your password by opening the link within a week:\n${url}\n\n` +
      `Jos kutsu tuli sinulle vahingossa, voit jättää viestin huomiotta.`,
  });
  return user;
}

/** The invitee sets the first password; following the link proves the address. */
export async function acceptInvitation(
  knex: Knex,
  opts: AuthOptions,
  input: { token: string; password: string },
  actor: AuditActor,
): Promise<void> {
  await setPasswordByLink(knex, opts, input, 'invitation', (trx, userId) =>
    recordAudit(trx, actor, { action: 'auth.invitation_accepted', target: { type: 'user', id: userId } }),
  );
}

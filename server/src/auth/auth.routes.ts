import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { actorOf } from '../audit/audit.service.js';
import {
  AccountLanguageRequest,
  EmptyBody,
  InvitationAcceptRequest,
  LoginRequest,
  OidcLoginQuery,
  PasswordChangeRequest,
  PasswordResetConfirm,
  PasswordResetRequest,
  ResendVerificationRequest,
  SignupRequest,
  VerifyRequest,
  type AcceptedResponse,
  type MeResponse,
} from '../contracts/auth.js';
import { HttpError } from '../http/errors.js';
import { log } from '../log.js';
import { clearCookie, cookieNames, cookieOptions, readCookie } from '../security/cookies.js';
import { enforceRateLimit, type RateLimitTable } from '../security/rate-limit.js';
import { hashToken } from '../security/tokens.js';
import { accountById } from '../users/users.repository.js';
import type { AuthOptions } from './auth-options.js';
import * as repo from './auth.repository.js';
import * as service from './auth.service.js';
import { OidcClient } from './oidc.js';
import { currentAccount, writeRoute } from './policy.js';
import { clearSessionCookie, startSession } from './session.js';

const accepted: AcceptedResponse = { status: 'accepted' };

export function authRouter(knex: Knex, opts: AuthOptions, limits: RateLimitTable): Router {
  const r = Router();
  const oidc = opts.oidc ? new OidcClient(opts.oidc, `${opts.publicUrl}/api/auth/oidc/callback`) : null;
  const limit = (req: Request, res: Response, name: string, account?: string | number) =>
    enforceRateLimit(knex, limits, res, name, { ip: req.ip, account });

  async function me(req: Request, userId?: number, csrfToken?: string): Promise<MeResponse> {
    const account = userId ? await accountById(knex, userId) : req.auth;
    return {
      user: account?.user ?? null,
      roles: account?.roles ?? [],
      departments: account?.departments ?? [],
      kehraGroups: account?.kehraGroups ?? [],
      csrfToken: csrfToken ?? req.auth?.csrfToken ?? null,
      sso: { enabled: oidc !== null, label: oidc?.label ?? null },
    };
  }

  r.get('/auth/me', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json(await me(req));
  });

  writeRoute(r, 'post', '/auth/signup', { roles: 'public' }, async (req, res) => {
    const body = SignupRequest.parse(req.body);
    await limit(req, res, 'signup');
    await service.signup(knex, opts, body);
    res.status(202).json(accepted);
  });

  writeRoute(r, 'post', '/auth/verify', { roles: 'public' }, async (req, res) => {
    const body = VerifyRequest.parse(req.body);
    await service.verifyEmail(knex, body.token);
    res.json({ status: 'verified' });
  });

  writeRoute(r, 'post', '/auth/verify/resend', { roles: 'public' }, async (req, res) => {
    const body = ResendVerificationRequest.parse(req.body);
    await limit(req, res, 'verify_resend', body.email);
    await service.resendVerification(knex, opts, body.email);
    res.status(202).json(accepted);
  });

  writeRoute(r, 'post', '/auth/login', { roles: 'public' }, async (req, res) => {
    const body = LoginRequest.parse(req.body);
    await limit(req, res, 'login', body.email);
    let userId: number;
    try {
      userId = await service.login(knex, opts, body, req.ip ?? null);
    } catch (err) {
      if (err instanceof HttpError && err.status === 429) {
        res.set('Retry-After', String((err.details as { retryAfterSeconds: number }).retryAfterSeconds));
      }
      throw err;
    }
    const csrfToken = await startSession(knex, opts, req, res, userId);
    res.json(await me(req, userId, csrfToken));
  });

  writeRoute(r, 'post', '/auth/logout', { roles: 'public' }, async (req, res) => {
    EmptyBody.parse(req.body);
    if (req.auth) await service.logout(knex, req.auth.sessionIdHash);
    clearSessionCookie(opts, res);
    res.status(204).end();
  });

  writeRoute(r, 'post', '/auth/logout-all', { roles: 'account' }, async (req, res) => {
    EmptyBody.parse(req.body);
    const ended = await service.logoutEverywhere(knex, currentAccount(req).user.id);
    clearSessionCookie(opts, res);
    res.json({ sessionsEnded: ended });
  });

  writeRoute(r, 'post', '/auth/password-reset/request', { roles: 'public' }, async (req, res) => {
    const body = PasswordResetRequest.parse(req.body);
    await limit(req, res, 'password_reset', body.email);
    await service.requestPasswordReset(knex, opts, body.email);
    res.status(202).json(accepted);
  });

  writeRoute(r, 'post', '/auth/password-reset/confirm', { roles: 'public' }, async (req, res) => {
    const body = PasswordResetConfirm.parse(req.body);
    await limit(req, res, 'password_reset');
    await service.confirmPasswordReset(knex, opts, body, actorOf(req));
    res.json({ status: 'password_changed' });
  });

  writeRoute(r, 'post', '/auth/invitation/accept', { roles: 'public' }, async (req, res) => {
    const body = InvitationAcceptRequest.parse(req.body);
    await limit(req, res, 'password_reset');
    await service.acceptInvitation(knex, opts, body, actorOf(req));
    res.json({ status: 'password_set' });
  });

  writeRoute(r, 'post', '/auth/password', { roles: 'account' }, async (req, res) => {
    const body = PasswordChangeRequest.parse(req.body);
    const auth = currentAccount(req);
    await limit(req, res, 'login', auth.user.email);
    await service.changePassword(knex, opts, auth.user.id, auth.sessionIdHash, body);
    res.json({ status: 'password_changed' });
  });

  writeRoute(r, 'put', '/auth/language', { roles: 'account' }, async (req, res) => {
    const body = AccountLanguageRequest.parse(req.body);
    await service.setAccountLanguage(knex, currentAccount(req).user.id, body.language);
    res.status(204).end();
  });

  // Single sign-on: a browser navigates here (a link, not a form or fetch) and comes back to
  // the callback, which signs in and redirects to returnTo — or to /signin?ssoError=<code>.
  r.get('/auth/oidc/login', async (req, res) => {
    const q = OidcLoginQuery.parse(req.query);
    if (!oidc) throw new HttpError(404, 'sso_not_configured', 'Single sign-on is not configured');
    const start = await oidc.start().catch(() => {
      throw new HttpError(502, 'sso_unavailable', 'The identity provider cannot be reached');
    });
    await repo.insertOidcState(knex, {
      stateHash: hashToken(start.state),
      codeVerifier: start.codeVerifier,
      nonce: start.nonce,
      returnTo: q.returnTo ?? '/',
    });
    // The state is also bound to this browser, so a callback URL sent to someone else does nothing.
    res.cookie(cookieNames(opts.cookieSecure).oidc, start.state, cookieOptions(opts.cookieSecure, 10 * 60 * 1000));
    res.redirect(302, start.url);
  });

  r.get('/auth/oidc/callback', async (req, res) => {
    if (!oidc) throw new HttpError(404, 'sso_not_configured', 'Single sign-on is not configured');
    const fail = (code: string) => res.redirect(302, `/signin?ssoError=${encodeURIComponent(code)}`);
    const names = cookieNames(opts.cookieSecure);
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    const cookieState = readCookie(req, names.oidc);
    clearCookie(res, names.oidc, opts.cookieSecure);
    if (typeof req.query.error === 'string') return fail('sso_denied');
    if (!state || !cookieState || state !== cookieState) return fail('sso_state_mismatch');
    const saved = await repo.takeOidcState(knex, hashToken(state));
    if (!saved) return fail('sso_expired');
    let userId: number;
    try {
      const identity = await oidc.finish(new URL(req.originalUrl, 'http://x').search, { state, ...saved });
      userId = await service.accountForOidcIdentity(knex, identity);
    } catch (err) {
      if (err instanceof HttpError) return fail(err.code);
      log.warn(`OIDC callback failed: ${(err as Error).message}`);
      return fail('sso_failed');
    }
    await startSession(knex, opts, req, res, userId);
    res.redirect(302, saved.returnTo);
  });

  return r;
}

import type { Request, RequestHandler, Response } from 'express';
import type { Knex } from 'knex';
import type { Account } from '../users/users.repository.js';
import { accountBySession } from '../users/users.repository.js';
import { clearCookie, cookieNames, cookieOptions, readCookie } from '../security/cookies.js';
import { securityContext } from '../security/context.js';
import { hashToken, newToken } from '../security/tokens.js';
import type { AuthOptions } from './auth-options.js';
import * as repo from './auth.repository.js';

/** The signed-in account of a request, loaded from the database on every request. */
export interface AuthContext extends Account {
  sessionIdHash: string;
  csrfToken: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by loadSession: the account, or null for a visitor. */
      auth?: AuthContext | null;
    }
  }
}

// Writing last_seen_at on every request would turn each read into a write.
const TOUCH_AFTER_MS = 60_000;

/** Loads the session named by the cookie; an unknown or expired cookie is cleared. */
export const loadSession: RequestHandler = async (req, res, next) => {
  const { knex, auth } = securityContext(req);
  const names = cookieNames(auth.cookieSecure);
  const token = readCookie(req, names.session);
  req.auth = null;
  if (token) {
    const idHash = hashToken(token);
    const account = await accountBySession(knex, idHash);
    if (account) {
      const { lastSeenAt, ...rest } = account;
      req.auth = { ...rest, sessionIdHash: idHash };
      if (Date.now() - lastSeenAt.getTime() > TOUCH_AFTER_MS) {
        await repo.touchSession(knex, idHash, auth.sessionMaxSeconds, auth.sessionIdleSeconds);
      }
    } else {
      clearCookie(res, names.session, auth.cookieSecure);
    }
  }
  next();
};

/** A fresh session (new id and CSRF token, so a planted id is never promoted); returns its CSRF token. */
export async function startSession(knex: Knex, auth: AuthOptions, req: Request, res: Response, userId: number): Promise<string> {
  const token = newToken();
  const csrfToken = newToken();
  const previous = readCookie(req, cookieNames(auth.cookieSecure).session);
  if (previous) await repo.deleteSession(knex, hashToken(previous));
  if (Math.random() < 0.05) await repo.deleteExpiredSessions(knex);
  await repo.insertSession(knex, {
    idHash: hashToken(token),
    userId,
    csrfToken,
    maxSeconds: auth.sessionMaxSeconds,
    idleSeconds: auth.sessionIdleSeconds,
    ip: req.ip,
    userAgent: req.get('user-agent'),
  });
  res.cookie(cookieNames(auth.cookieSecure).session, token, cookieOptions(auth.cookieSecure, auth.sessionMaxSeconds * 1000));
  return csrfToken;
}

export function clearSessionCookie(auth: AuthOptions, res: Response): void {
  clearCookie(res, cookieNames(auth.cookieSecure).session, auth.cookieSecure);
}

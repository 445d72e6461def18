import type { Request, RequestHandler } from 'express';
import { HttpError } from '../http/errors.js';
import { securityContext } from './context.js';
import { safeEqual } from './tokens.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const csrfFailed = (why: string) => new HttpError(403, 'csrf_failed', `Cross-site request refused: ${why}`);

/**
 * Protection of every state-changing request (run after loadSession):
 * 1. a body must be JSON (415 otherwise): HTML forms cannot send it cross-site, and a
 *    cross-site fetch of JSON needs a CORS preflight this server never grants;
 * 2. a browser's Origin (and Sec-Fetch-Site) must be this site;
 * 3. a cookie-authenticated request must carry the session's synchronizer token in the
 *    X-CSRF-Token header (GET /api/auth/me and POST /api/auth/login give it).
 * A request without a live session has no ambient authority to abuse: 1 and 2 suffice.
 */
export const csrfProtection: RequestHandler = (req, _res, next) => {
  if (!UNSAFE.has(req.method)) return next();
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (hasBody && !req.is('application/json')) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the request body as application/json');
  }
  if (req.get('sec-fetch-site') === 'cross-site') throw csrfFailed('the request came from another site');
  const origin = req.get('origin');
  if (origin !== undefined && !originAllowed(req, origin)) throw csrfFailed(`origin ${origin} is not this site`);
  if (req.auth) {
    const given = req.get('x-csrf-token');
    if (!given) throw csrfFailed('the X-CSRF-Token header is missing (GET /api/auth/me gives the token)');
    if (!safeEqual(given, req.auth.csrfToken)) throw csrfFailed('the X-CSRF-Token header does not match');
  }
  next();
};

/** The configured public origin, or the host this request was addressed to (never attacker-set by a browser). */
function originAllowed(req: Request, origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin === new URL(securityContext(req).auth.publicUrl).origin) return true;
  return url.host === req.get('host');
}
